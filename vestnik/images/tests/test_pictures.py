"""Readers get each picture as AVIF, WebP or JPEG at the width their screen needs, with
its size known before it loads, cropped around its focal point; the article's hero and the
home page's lead story load at once, pictures further down when scrolled near."""

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from vestnik.news.tests.factories import AuthorFactory, article_with

from .factories import jpeg, news_image

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.VESTNIK_PAGE_CACHE = False
    return tmp_path


def pictured(rubric, title="Мажилис принял бюджет", **image_fields):
    image = news_image(**{"title": "Сессия", "alt_text": "Депутаты в зале Мажилиса", **image_fields})
    author = AuthorFactory(name="Ануар Нурпеисов")
    return article_with(rubric=rubric, title=title, hero_image=image, authors=[author], tags=["бюджет"])


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content.decode())


def inside(tree, cls: str, tag: str | None = None) -> list:
    """Elements with class ``cls`` (or the ``tag`` elements inside them)."""
    has_class = f'.//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]'
    return tree.xpath(has_class + (f"//{tag}" if tag else ""))


def widths(srcset: str) -> list[int]:
    return [int(w) for w in re.findall(r" (\d+)w", srcset)]


def media_file(url: str) -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def test_article_hero_is_a_picture_with_avif_and_webp_sources_and_a_jpeg_fallback(client, politics):
    article = pictured(politics)
    picture = inside(page(client, article.url), "article__figure", "picture")[0]
    assert [s.get("type") for s in picture.xpath(".//source")] == ["image/avif", "image/webp"]
    img = picture.xpath(".//img")[0]
    assert img.get("src").endswith(".jpg") and img.get("alt") == "Депутаты в зале Мажилиса"
    for source in picture.xpath(".//source"):
        extension = {"image/avif": ".avif", "image/webp": ".webp"}[source.get("type")]
        assert all(url.endswith(extension) for url in re.findall(r"(\S+) \d+w", source.get("srcset")))


def test_avif_and_webp_renditions_are_encoded_in_their_format(client, politics):
    article = pictured(politics)
    picture = inside(page(client, article.url), "article__figure", "picture")[0]
    for source in picture.xpath(".//source"):
        first = source.get("srcset").split()[0]
        with Image.open(media_file(first)) as opened:
            assert opened.format == {"image/avif": "AVIF", "image/webp": "WEBP"}[source.get("type")]


def test_hero_srcset_offers_every_width_and_sizes_says_how_wide_it_shows(client, politics):
    article = pictured(politics)
    picture = inside(page(client, article.url), "article__figure", "picture")[0]
    img = picture.xpath(".//img")[0]
    for element in [*picture.xpath(".//source"), img]:
        assert widths(element.get("srcset")) == [480, 800, 1200, 1600]
        assert element.get("sizes") == "(min-width: 49.5rem) 47.5rem, calc(100vw - 2rem)"


def test_a_picture_smaller_than_the_widest_rendition_is_not_blown_up_nor_listed_twice(client, politics):
    article = pictured(politics, data=jpeg(size=(1000, 562)))
    picture = inside(page(client, article.url), "article__figure", "picture")[0]
    for element in [*picture.xpath(".//source"), picture.xpath(".//img")[0]]:
        listed = widths(element.get("srcset"))
        assert listed == [480, 800, 1000], listed  # each width once: 1000 from three specs


def test_pictures_say_their_width_and_height_so_the_page_does_not_jump(client, politics):
    # A square photo: the page shows it cut to 16:9, and says so before it loads.
    article = pictured(politics, data=jpeg(size=(1200, 1200)))
    hero = inside(page(client, article.url), "article__figure", "img")[0]
    card = inside(page(client, "/politika/"), "card", "img")[0]
    for img in (hero, card):
        width, height = int(img.get("width")), int(img.get("height"))
        assert width > 0 and abs(width / height - 16 / 9) < 0.01, (width, height)


def test_article_hero_loads_at_once_with_high_priority(client, politics):
    article = pictured(politics)
    img = inside(page(client, article.url), "article__figure", "img")[0]
    assert img.get("loading") == "eager" and img.get("fetchpriority") == "high"


@pytest.mark.parametrize("url", ["/politika/", "/tag/byudzhet/", "/author/anuar-nurpeisov/"])
def test_list_cards_load_lazily_and_never_with_high_priority(client, politics, url):
    for i in range(3):
        pictured(politics, title=f"Материал {i}")
    imgs = inside(page(client, url), "card", "img")
    assert len(imgs) == 3
    assert all(i.get("loading") == "lazy" and i.get("fetchpriority") is None for i in imgs)


def test_home_lead_story_loads_at_once_and_rubric_blocks_lazily(client, politics):
    pictured(politics, title="Старый материал")
    pictured(politics, title="Свежий материал")
    tree = page(client, "/")
    lead = inside(tree, "home__lead", "img")
    assert len(lead) == 1 and lead[0].get("loading") == "eager" and lead[0].get("fetchpriority") == "high"
    block = inside(tree, "rubric-block", "img")
    assert block and all(i.get("loading") == "lazy" for i in block)


def test_search_results_show_a_lazy_thumbnail(client, politics):
    pictured(politics, title="Бюджет принят")
    imgs = inside(page(client, "/search/?q=бюджет"), "search-result", "img")
    assert len(imgs) == 1 and imgs[0].get("loading") == "lazy"
    assert [s.get("type") for s in inside(page(client, "/search/?q=бюджет"), "search-result", "source")] == [
        "image/avif",
        "image/webp",
    ]


def top_left_colour(url: str):
    with Image.open(media_file(url)) as opened:
        return opened.convert("RGB").getpixel((2, 2))


def near(colour, expected):
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize("url", ["article", "/politika/"])
def test_crop_keeps_the_focal_point_in_the_picture(client, politics, url):
    # A square picture, red in its top third, blue below; 16:9 cuts a band out of it.
    square = jpeg(size=(900, 900), colour=BLUE, bands=[(0, 300, RED)])
    centred = pictured(politics, title="Без фокуса", data=square)
    focused = pictured(politics, title="С фокусом внизу", data=square, focal_point_x=450, focal_point_y=800,
                       focal_point_width=200, focal_point_height=100)  # fmt: skip
    if url == "article":
        srcs = [
            inside(page(client, a.url), "article__figure", "img")[0].get("src") for a in (centred, focused)
        ]
    else:
        cards = {inside(c, "card__title", "a")[0].text: c for c in inside(page(client, url), "card")}
        srcs = [cards[a.title].xpath(".//img")[0].get("src") for a in (centred, focused)]
    assert near(top_left_colour(srcs[0]), RED)  # a centred crop starts in the red third
    assert near(top_left_colour(srcs[1]), BLUE)  # one around the focal point, below it


def test_caption_is_the_articles_own_or_else_the_images_and_the_credit_follows(client, politics):
    own = pictured(politics, title="Своя подпись", caption="Подпись из библиотеки", credit="Фото: Вестник")
    own.hero_caption = "Подпись к этому материалу"
    own.save_revision().publish()
    library = pictured(
        politics, title="Подпись из библиотеки", caption="Сессия Мажилиса", credit="Фото: ТАСС"
    )
    own_caption = inside(page(client, own.url), "article__figure", "figcaption")[0].text_content()
    library_caption = inside(page(client, library.url), "article__figure", "figcaption")[0].text_content()
    assert "Подпись к этому материалу" in own_caption and "Фото: Вестник" in own_caption
    assert "Подпись из библиотеки" not in own_caption
    assert "Сессия Мажилиса" in library_caption and "Фото: ТАСС" in library_caption


def test_images_in_the_body_load_lazily_and_say_their_size(client, politics):
    inline = news_image(title="Зал", alt_text="Зал заседаний")
    body = f'<p>Текст.</p><embed embedtype="image" id="{inline.pk}" format="fullwidth" alt="Зал заседаний"/>'
    article = article_with(rubric=politics, title="С картинкой в тексте", body=body)
    img = inside(page(client, article.url), "article__body", "img")[0]
    assert img.get("alt") == "Зал заседаний"
    assert img.get("loading") == "lazy" and img.get("decoding") == "async"
    assert (img.get("width"), img.get("height")) == ("800", "450")


def test_open_graph_names_the_picture_by_its_alt_text_and_says_nothing_without_one(client, politics):
    described = pictured(politics, title="С описанием")
    undescribed = pictured(politics, title="Без описания", alt_text="")
    assert page(client, described.url).xpath("//meta[@property='og:image:alt']/@content") == [
        "Депутаты в зале Мажилиса"
    ]
    assert page(client, undescribed.url).xpath("//meta[@property='og:image:alt']") == []
