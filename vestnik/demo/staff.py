"""The demo's newsroom staff: one user per role (the reporter and the editor in "Политика"), and
one article the reporter has submitted, waiting for the editor's approval.

Passwords are made once and kept in var/demo-newsroom.txt, as the superuser's are in
var/demo-admin.txt, so a second `make demo` prints the same ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from vestnik.news.models import ArticlePage, RubricPage
from vestnik.newsroom.models import NewsroomRole, RubricDesk
from vestnik.newsroom.roles import Role
from vestnik.newsroom.services import newsroom_setup

CREDENTIALS_FILE = "demo-newsroom.txt"
STAFF_RUBRIC = "Политика"
# username, role, in the staff rubric's desk, first and last name
STAFF = [
    ("korrespondent", Role.REPORTER, True, "Ерлан", "Садыков"),
    ("redaktor", Role.EDITOR, True, "Мария", "Ким"),
    ("glavred", Role.CHIEF, False, "Гульнара", "Ахметова"),
    ("administrator", Role.ADMINISTRATOR, False, "Азамат", "Беков"),
]
AWAITING_REVIEW_KEY = "demo:awaiting-review"
AWAITING_REVIEW = {
    "title": "Мажилис рассмотрит поправки о местном самоуправлении",
    "lead": "Депутаты обсудят, как сельские округа будут распоряжаться собственным бюджетом.",
    "body": "<p>Законопроект вносит поправки в закон о местном государственном управлении. "
    "Сельские акимы получат право самостоятельно распределять часть собранных налогов.</p>"
    "<p>Рабочая группа мажилиса собирается на следующей неделе.</p>",
}


@dataclass
class StaffMember:
    role: str
    username: str
    password: str


@transaction.atomic
def ensure_staff(*, rubrics: dict[str, RubricPage]) -> list[StaffMember]:
    """The newsroom's groups (newsroom_setup), a user per role and the article awaiting review."""
    newsroom_setup()
    path = Path(settings.VAR_DIR) / CREDENTIALS_FILE
    stored = (
        dict(line.split() for line in path.read_text().splitlines() if line.strip()) if path.exists() else {}
    )
    desk = RubricDesk.objects.select_related("reporters", "editors").get(rubric=rubrics[STAFF_RUBRIC])
    staff, users = [], {}
    for username, role, in_desk, first_name, last_name in STAFF:
        user, password = _user(username, stored.get(username, ""), first_name=first_name, last_name=last_name)
        user.groups.add(NewsroomRole.objects.get(role=role).group)
        if in_desk:
            user.groups.add(desk.reporters if role == Role.REPORTER else desk.editors)
        label = f"{role.label} ({STAFF_RUBRIC})" if in_desk else str(role.label)
        staff.append(StaffMember(label, username, password))
        users[role] = user
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{member.username} {member.password}\n" for member in staff))
    path.chmod(0o600)
    _awaiting_review(rubrics[STAFF_RUBRIC], reporter=users[Role.REPORTER])
    return staff


def _user(username: str, stored: str, **names):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None and stored and user.check_password(stored):
        return user, stored
    if user is None:
        user = User(username=username, email=f"{username}@vestnik.example", **names)
    password = _new_password(user)
    user.set_password(password)
    user.save()
    return user, password


def _new_password(user) -> str:
    while True:
        password = secrets.token_urlsafe(12)  # 16 characters
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def _awaiting_review(rubric: RubricPage, *, reporter) -> None:
    if ArticlePage.objects.filter(source_id=AWAITING_REVIEW_KEY).exists():
        return
    article = ArticlePage(**AWAITING_REVIEW, source_id=AWAITING_REVIEW_KEY, owner=reporter, live=False)
    rubric.add_child(instance=article)
    article.save_revision(user=reporter)
    rubric.get_workflow().start(article, reporter)
