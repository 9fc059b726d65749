"""Print {address: SHA-256 of the answer} for every page, feed, sitemap and file of the site,
rendered at a fixed moment (relative times and "most read" windows must not differ between
two renders of the same data). Run with the site's environment: python render_site.py."""

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

MOMENT = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
timezone.now = lambda: MOMENT

from wagtail.models import Page  # noqa: E402

from vestnik.news.models import Author, RubricPage, Tag  # noqa: E402

client = Client()
addresses = [page.url for page in Page.objects.live().specific() if page.url]
addresses += [author.get_absolute_url() for author in Author.objects.all()]
addresses += [tag.get_absolute_url() for tag in Tag.objects.all()]
addresses += [f"/feeds/rubric/{slug}/rss/" for slug in RubricPage.objects.values_list("slug", flat=True)]
addresses += ["/feeds/rss/", "/feeds/atom/", "/feeds/yandex/", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-authors.xml", "/sitemap-tags.xml",
              "/sitemap-sections.xml", "/news-sitemap.xml", "/robots.txt", "/search/?q=ФСБ", "/kk/", "/en/"]  # fmt: skip
answers = {}
for address in sorted(set(addresses)):
    response = client.get(address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    answers[address] = f"{response.status_code} {hashlib.sha256(body).hexdigest()}"
media = Path(settings.MEDIA_ROOT)
for path in sorted(media.rglob("*")) if media.is_dir() else []:
    if path.is_file():
        answers["media:" + path.relative_to(media).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
print(json.dumps(answers, ensure_ascii=False))
