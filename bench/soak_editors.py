"""The editors of the soak test: each logs in to the admin and saves articles through the
edit form, as a browser would, for as long as the readers' load runs.

An editor opens the article's edit page, sends the form back with a new title that
carries a unique marker, and publishes (three saves in four) or saves a draft. After a
publish it fetches the public page until the new title shows: that is publish-to-visible
under load, through the worker's queue as in production. Every save is recorded, so
that the run can check afterwards that each one the server accepted is in the database.
"""

from __future__ import annotations

import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests
from bs4 import BeautifulSoup

SOAK_TAG = re.compile(r" \[soak [0-9a-f]{8}\]$")
# Long enough that "never" means never, not a reader's queue at twice the capacity.
VISIBLE_TIMEOUT_S = 120.0


@dataclass
class Save:
    editor: str
    article_id: int
    marker: str
    title: str
    action: str  # "publish" or "draft"
    status: int
    seconds: float
    accepted: bool
    problem: str = ""
    visible_s: float | None = None


@dataclass
class EditorLog:
    saves: list[Save] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)  # every response the editors got
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1


def edit_form(html: str) -> dict[str, str | list[str]]:
    """The values a browser would send from the page edit form (hidden, text, checked boxes,
    selected options, textareas); buttons are left out: the caller chooses the action."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True}) or soup.find("form", id="page-edit-form")
    if form is None:
        raise ValueError("no page edit form in the response")
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            value = [element.text]
        elif element.name == "select":
            chosen = [o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")]
            if not chosen and not element.has_attr("multiple"):
                first = element.find("option")
                chosen = [first.get("value", first.text)] if first else []
            value = chosen
        else:
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"} and not element.has_attr("checked"):
                continue
            value = [element.get("value", "on" if kind in {"checkbox", "radio"} else "")]
        data.setdefault(name, []).extend(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


class Editor(threading.Thread):
    def __init__(self, *, base: str, username: str, password: str, articles: dict[int, str],
                 stop: threading.Event, log: EditorLog, pause_s: tuple[float, float] = (1.0, 3.0)):  # fmt: skip
        super().__init__(name=f"editor-{username}", daemon=True)
        self.base, self.username, self.password = base, username, password
        self.articles, self.stop, self.log, self.pause_s = articles, stop, log, pause_s
        self.session = requests.Session()
        self.https = base.replace("http://", "https://", 1)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        # gunicorn is spoken to in plain HTTP, as nginx does after TLS; nginx's header tells
        # Django the request came over HTTPS, and the cookies it marks Secure are sent back
        # over this plain connection as a browser would send them over TLS.
        headers = {"X-Forwarded-Proto": "https", "Referer": self.https + path} | kwargs.pop("headers", {})
        response = self.session.request(method, self.base + path, allow_redirects=False, timeout=60,
                                        headers=headers, **kwargs)  # fmt: skip
        for cookie in self.session.cookies:
            cookie.secure = False
        self.log.count(response.status_code)
        return response

    def login(self) -> None:
        page = self.request("GET", "/admin/login/")
        token = self.session.cookies.get("csrftoken")
        done = self.request("POST", "/admin/login/", data={
            "username": self.username, "password": self.password, "csrfmiddlewaretoken": token, "next": "/admin/",
        })  # fmt: skip
        if done.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in: {page.status_code}/{done.status_code}")

    def run(self) -> None:
        try:
            self.login()
            while not self.stop.is_set():
                article_id = random.choice(list(self.articles))
                self.save(article_id, "publish" if random.random() < 0.75 else "draft")
                self.stop.wait(random.uniform(*self.pause_s))
        except Exception as error:  # noqa: BLE001 — recorded, and the run reports it
            with self.log.lock:
                self.log.errors.append(f"{self.username}: {type(error).__name__}: {error}")

    def save(self, article_id: int, action: str) -> None:
        edit_path = f"/admin/pages/{article_id}/edit/"
        started = time.monotonic()
        page = self.request("GET", edit_path)
        if page.status_code != 200:
            self.record(
                article_id, "", "", action, page.status_code, started, False, "edit page did not open"
            )
            return
        data = edit_form(page.text)
        marker = uuid.uuid4().hex[:8]
        title = SOAK_TAG.sub("", str(data.get("title", "")))[:200] + f" [soak {marker}]"
        data["title"] = title
        if action == "publish":
            data["action-publish"] = "action-publish"
        done = self.request("POST", edit_path, data=data)
        # Wagtail answers a saved form with a redirect; a form with errors comes back as 200.
        accepted = done.status_code == 302
        problem = "" if accepted else _form_errors(done.text)
        save = self.record(article_id, marker, title, action, done.status_code, started, accepted, problem)
        if accepted and action == "publish":
            save.visible_s = self.wait_visible(self.articles[article_id], marker, started)

    def wait_visible(self, path: str, marker: str, started: float) -> float | None:
        """Seconds from the start of the save until the public page shows the new title."""
        reader = requests.Session()  # a reader: no session cookie, so the page cache applies
        while time.monotonic() - started < VISIBLE_TIMEOUT_S:
            response = reader.get(self.base + path, timeout=60)
            self.log.count(response.status_code)
            if marker in response.text:
                return round(time.monotonic() - started, 3)
            time.sleep(0.2)
        return None

    def record(self, article_id, marker, title, action, status, started, accepted, problem) -> Save:
        save = Save(self.username, article_id, marker, title, action, status,
                    round(time.monotonic() - started, 3), accepted, problem)  # fmt: skip
        with self.log.lock:
            self.log.saves.append(save)
        return save


def _form_errors(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    found = [
        e.get_text(" ", strip=True) for e in soup.select(".error-message, .help-critical, .messages .error")
    ]
    return "; ".join(found)[:500] or html[:300]
