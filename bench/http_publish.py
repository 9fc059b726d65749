"""Publish-to-visible, for bench/http_bench.py: how long after an editor publishes does
the running site show it?

Runs as its own Django process with the server's settings and environment (database,
Redis), as an editor's request would: (1) an existing article gets a new title through
``save_revision().publish()``, and its page, and the home page if it showed the article,
are fetched until the new title appears; (2) a new article is created in a rubric and
published, and the rubric page (and the home page) are fetched until it appears. The
clock starts when the publish call starts, so the time includes the publish itself.

The code is the installed `vestnik` package, or the copy that PYTHONPATH names (the
benchmark runs a copy of the source taken when it started).

Usage: python bench/http_publish.py --base-url URL --article-id ID --article-url /politika/x/
                                    --rubric-url /politika/
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.request
import uuid

POLL_SECONDS = 0.05


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def watch(urls: dict[str, str], marker: str, started: float, timeout: float) -> dict:
    """Seconds from ``started`` until each page shows ``marker`` (None: not within timeout)."""
    seen: dict[str, float | None] = {name: None for name in urls}
    while time.monotonic() - started < timeout and None in seen.values():
        for name, url in urls.items():
            if seen[name] is None and marker in fetch(url):
                seen[name] = round(time.monotonic() - started, 3)
        time.sleep(POLL_SECONDS)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--article-id", type=int, required=True)
    parser.add_argument("--article-url", required=True)
    parser.add_argument("--rubric-url", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils.html import escape

    from vestnik.core.text.lemmas import lemmas
    from vestnik.news.models import ArticlePage, Author, RubricPage

    lemmas("правительство")  # load the dictionaries first, as a long-running worker has
    base = args.base_url.rstrip("/")
    home_url = base + "/"
    token = uuid.uuid4().hex[:8]

    article = ArticlePage.objects.get(pk=args.article_id)
    article_url = base + args.article_url
    on_home = escape(article.title) in fetch(home_url)
    edited = f"правка {token}"
    article.title = f"{article.title} ({edited})"
    started = time.monotonic()
    article.save_revision().publish()
    edit_publish = time.monotonic() - started
    urls = {"article": article_url} | ({"home": home_url} if on_home else {})
    edit = {"publish_call_s": round(edit_publish, 3), "on_home": on_home,
            "visible_s": watch(urls, edited, started, args.timeout)}  # fmt: skip

    rubric = RubricPage.objects.get(url_path__endswith=args.rubric_url)
    title = f"Новый материал {token}"
    new = ArticlePage(title=title, lead="Проверка: через сколько секунд новость видна читателю.",
                      body="<p>Текст новой статьи.</p>")  # fmt: skip
    started = time.monotonic()
    rubric.add_child(instance=new)
    new.set_byline(list(Author.objects.all()[:1]))
    new.save_revision().publish()
    new_publish = time.monotonic() - started
    urls = {"rubric": base + args.rubric_url, "home": home_url}
    created = {"publish_call_s": round(new_publish, 3), "url_path": new.url_path,
               "visible_s": watch(urls, title, started, args.timeout)}  # fmt: skip
    print(json.dumps({"edit": edit, "new": created, "timeout_s": args.timeout}, ensure_ascii=False))


if __name__ == "__main__":
    main()
