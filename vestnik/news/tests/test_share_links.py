"""Article pages carry plain share links and a copy button that only its script reveals."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

TITLE = "Тенге & нефть: «рост» на 1% — что дальше?"


@pytest.fixture
def article(politics):
    return ArticleFactory(parent=politics, title=TITLE)


def share_links(html: str) -> dict[str, str]:
    section = html[html.index('class="share"') : html.index("</section>", html.index('class="share"'))]
    return {
        name: unescape(href)
        for name, href in re.findall(r'class="share__link share__link--(\w+)" href="([^"]+)"', section)
    }


def test_article_has_a_plain_link_for_each_service_with_its_address_and_title(client, article):
    html = client.get(article.url).content.decode()
    links = share_links(html)
    assert set(links) == {"telegram", "whatsapp", "vk", "facebook"}
    canonical = "http://testserver" + article.url
    queries = {name: parse_qs(urlsplit(href).query) for name, href in links.items()}
    assert urlsplit(links["telegram"]).netloc == "t.me"
    assert queries["telegram"] == {"url": [canonical], "text": [TITLE]}
    assert queries["whatsapp"] == {"text": [f"{TITLE} {canonical}"]}
    assert queries["vk"] == {"url": [canonical], "title": [TITLE]}
    assert queries["facebook"] == {"u": [canonical]}


def test_share_links_load_nothing_from_the_services(client, article):
    html = client.get(article.url).content.decode()
    for host in ("t.me", "wa.me", "vk.com", "facebook.com"):
        # Only as link targets: no script, frame, image or style from those hosts.
        assert not re.search(rf'(src|data-src)="[^"]*{re.escape(host)}', html), host


def test_copy_button_is_hidden_until_its_deferred_script_reveals_it(client, article):
    html = client.get(article.url).content.decode()
    button = re.search(r"<button[^>]*data-copy-url=[^>]*>", html).group(0)
    assert " hidden" in button and f'data-copy-url="http://testserver{article.url}"' in button
    assert re.search(r'<script src="/static/js/share[^"]*\.js" defer></script>', html)


def test_other_pages_do_not_load_the_share_script(client, article):
    assert "js/share" not in client.get("/politika/").content.decode()


def test_share_block_is_translated(client, article):
    html = client.get("/kk" + article.url).content.decode()
    assert "Бөлісу" in html and "Сілтемені көшіру" in html
