from io import BytesIO

import pytest
from PIL import Image

from . import wxr_builder as wb

UPLOADS = f"{wb.SITE}/wp-content/uploads"
# Percent-encoded, as WordPress writes Cyrillic slugs.
ALMATY = "%d0%b0%d0%bb%d0%bc%d0%b0%d1%82%d1%8b"
VYBORY = "%d0%b2%d1%8b%d0%b1%d0%be%d1%80%d1%8b"
NEWS_SLUG = "%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d1%8c-%d0%b4%d0%bd%d1%8f"

CLASSIC = f"""Парламент Казахстана одобрил поправки в закон о выборах. Депутаты обсуждали их три часа.

[caption id="attachment_10" align="aligncenter" width="800"]<img class="size-large wp-image-10" src="{UPLOADS}/2024/05/parliament-800x533.jpg" alt="Зал заседаний" width="800" height="533" /> Зал заседаний Мажилиса. Фото: пресс-служба[/caption]

Второй абзац со <strong>словом</strong> и <a href="{wb.SITE}/2024/05/01/old-story/">ссылкой на старый материал</a>.
Строка после переноса.

<script>alert('xss')</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">плохая ссылка</a>

[unknown_plugin id="5"]Текст внутри плагина[/unknown_plugin]"""

GUTENBERG = f"""<!-- wp:paragraph -->
<p>Аким Алматы провёл встречу с жителями.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {{"level":4}} -->
<h4>Что обсуждали</h4>
<!-- /wp:heading -->

<!-- wp:image {{"id":10,"sizeSlug":"large"}} -->
<figure class="wp-block-image size-large"><img src="{UPLOADS}/2024/05/parliament-1024x683.jpg" alt="" class="wp-image-10"/><figcaption>Подпись к фото</figcaption></figure>
<!-- /wp:image -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Мы построим дороги.</p><cite>Аким</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=abc123","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123
</div></figure>
<!-- /wp:embed -->

<!-- wp:list -->
<ul><li>Дороги</li><li>Школы</li></ul>
<!-- /wp:list -->"""


def jpeg_bytes(size=(64, 48)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def site_export(**overrides) -> str:
    """A WordPress site in miniature: what a Kazakh news site's export holds."""
    parts = [
        wb.author("anurpeisov", "Ануар Нурпеисов"),
        wb.author("editor", "Айгерим Сапарова"),
        wb.category(2, "politika", "Политика"),
        wb.category(3, "regiony", "Регионы"),
        wb.category(4, ALMATY, "Алматы", parent="regiony"),
        wb.tag(5, VYBORY, "выборы"),
        wb.tag(6, "ekonomika", "Экономика"),
        wb.item(100, "Парламент одобрил поправки", overrides.get("classic", CLASSIC), slug="parlament-odobril",
                categories=overrides.get("categories", [("politika", "Политика")]), tags=[(VYBORY, "выборы")],
                meta={"_thumbnail_id": "10"}, sticky=True, excerpt="Поправки в закон о выборах приняты."),
        wb.item(101, "Аким встретился с жителями", GUTENBERG, slug="akim-vstretilsya", creator="editor",
                date="2024-05-15 09:00:00", categories=[("regiony", "Регионы"), (ALMATY, "Алматы")],
                meta={"_yoast_wpseo_primary_category": "4"}),
        wb.item(102, "Черновик", "Ещё не готово.", slug="chernovik", status="draft"),
        wb.item(103, "Материал на завтра", "Выйдет позже.", slug="na-zavtra", status="future",
                date="2031-01-01 07:00:00", categories=[("politika", "Политика")]),
        wb.item(104, "Личная запись", "Только для своих.", slug="lichnoe", status="private"),
        wb.item(105, "В корзине", "Удалено.", slug="v-korzine", status="trash"),
        wb.item(106, "Новость дня", "Текст новости дня.", slug=NEWS_SLUG, comments=2,
                categories=[("politika", "Политика")], tags=[("ekonomika", "Экономика")]),
        wb.item(10, "Зал парламента", post_type="attachment", status="inherit", excerpt="Зал заседаний",
                attachment_url=f"{UPLOADS}/2024/05/parliament.jpg",
                meta={"_wp_attached_file": "2024/05/parliament.jpg", "_wp_attachment_image_alt": "Зал заседаний"}),
        wb.item(11, "Пропавшее фото", post_type="attachment", status="inherit",
                attachment_url="http://127.0.0.1:9/wp-content/uploads/2024/05/missing.jpg",
                meta={"_wp_attached_file": "2024/05/missing.jpg"}),
        # A child page before its parent, as an export by ID can list them.
        wb.item(201, "Контакты", "Телефон редакции: 8 727 000 00 00.", post_type="page", slug="kontakty",
                parent=200, link=f"{wb.SITE}/o-redakcii/kontakty/"),
        wb.item(200, "О редакции", "Мы пишем о Казахстане с 2010 года.", post_type="page", slug="o-redakcii",
                link=f"{wb.SITE}/o-redakcii/"),
        wb.item(300, "Меню", post_type="nav_menu_item", slug="menu"),
    ]  # fmt: skip
    return wb.export(*parts)


@pytest.fixture
def media_dir(tmp_path):
    directory = tmp_path / "uploads"
    (directory / "2024" / "05").mkdir(parents=True)
    (directory / "2024" / "05" / "parliament.jpg").write_bytes(jpeg_bytes((800, 533)))
    return directory


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(site_export(), encoding="utf-8")
    return path


@pytest.fixture
def live_media_server(tmp_path):
    """The old site's uploads served over HTTP on a free local port."""
    import functools
    import http.server
    import threading

    root = tmp_path / "old-site"
    (root / "wp-content" / "uploads" / "2024" / "05").mkdir(parents=True)
    (root / "wp-content" / "uploads" / "2024" / "05" / "parliament.jpg").write_bytes(jpeg_bytes((800, 533)))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
