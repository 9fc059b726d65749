import pytest

from vestnik.importers.wpcontent import autop, convert, plain_text, split_lead

OLD = frozenset({"old-news.kz"})


def images(known: dict):
    """A resolver that knows these attachment IDs or URLs, each an image with alt "alt-<id>"."""

    def resolve(attachment, url):
        image_id = known.get(attachment) or known.get(url)
        return (image_id, f"alt-{image_id}") if image_id else None

    return resolve


def html(content: str, known=None) -> str:
    return convert(content, resolve_image=images(known or {}), old_hosts=OLD).html


def test_classic_text_becomes_paragraphs_with_line_breaks():
    assert html("Первый абзац.\nВторая строка.\n\nВторой абзац.") == (
        "<p>Первый абзац.<br/>\nВторая строка.</p><p>Второй абзац.</p>"
    )


def test_autop_leaves_blocks_alone():
    assert autop("<h2>Заголовок</h2>\n\nТекст") == "<h2>Заголовок</h2>\n<p>Текст</p>"


def test_headings_map_to_the_two_levels_an_article_has():
    assert html("<h1>А</h1><h2>Б</h2><h4>В</h4><h6>Г</h6>") == "<h2>А</h2><h2>Б</h2><h3>В</h3><h3>Г</h3>"


def test_bold_italic_lists_quotes_and_rules():
    source = "<p><strong>Ж</strong> и <em>К</em></p><ol><li>раз</li><li>два</li></ol><blockquote><p>Цитата</p></blockquote><hr>"
    assert (
        html(source)
        == "<p><b>Ж</b> и <i>К</i></p><ol><li>раз</li><li>два</li></ol><blockquote>Цитата</blockquote><hr/>"
    )


def test_gutenberg_comments_disappear_and_embeds_become_links():
    source = (
        "<!-- wp:paragraph --><p>Текст</p><!-- /wp:paragraph -->\n\n"
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x1","type":"video"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=x1\n'
        "</div></figure>\n<!-- /wp:embed -->"
    )
    assert html(source) == (
        '<p>Текст</p><p><a href="https://www.youtube.com/watch?v=x1">https://www.youtube.com/watch?v=x1</a></p>'
    )


def test_iframes_become_links_so_readers_load_nothing_from_third_parties():
    assert html('<iframe src="//www.youtube.com/embed/x1"></iframe>') == (
        '<p><a href="https://www.youtube.com/embed/x1">https://www.youtube.com/embed/x1</a></p>'
    )


def test_images_resolve_by_class_or_by_url_of_any_size_copy():
    source = (
        '<img class="wp-image-5" src="https://old-news.kz/wp-content/uploads/a.jpg" alt="Аким">\n\n'
        '<p>Текст <a href="/x"><img src="u-300x200.jpg"></a></p>'
    )
    result = html(source, {5: 11, "u-300x200.jpg": 12})
    assert result == (
        '<embed embedtype="image" id="11" format="fullwidth" alt="Аким"/>'
        '<p>Текст</p><embed embedtype="image" id="12" format="fullwidth" alt="alt-12"/>'
    )


def test_an_unknown_image_is_reported_not_linked_to_the_old_site():
    converted = convert('<p><img src="https://elsewhere.kz/x.jpg"></p>', resolve_image=images({}))
    assert converted.html == ""
    assert converted.warnings == [
        "image https://elsewhere.kz/x.jpg is not among the imported media; left out"
    ]


def test_caption_shortcode_keeps_image_and_caption():
    source = '[caption id="attachment_5" width="800"]<img class="wp-image-5" src="a.jpg" alt=""> Фото: ТАСС[/caption]'
    assert html(source, {5: 3}) == (
        '<embed embedtype="image" id="3" format="fullwidth" alt="alt-3"/><p><i>Фото: ТАСС</i></p>'
    )


def test_gallery_shortcode_becomes_its_images():
    assert html('[gallery ids="5,6"]', {5: 1, 6: 2}).count("<embed") == 2


def test_embed_shortcode_becomes_a_link():
    assert (
        html("[embed]https://t.me/news/1[/embed]")
        == '<p><a href="https://t.me/news/1">https://t.me/news/1</a></p>'
    )


def test_unknown_shortcodes_are_reported_and_square_brackets_in_text_kept():
    converted = convert("[poll id=3]Голосуйте[/poll] Цитата [sic] и сноска [1].", resolve_image=images({}))
    assert converted.html == "<p>Голосуйте Цитата [sic] и сноска [1].</p>"
    assert converted.warnings == [
        "shortcode [poll] is not supported; its text was kept, the shortcode removed"
    ]


def test_links_to_the_old_site_become_relative_and_go_through_the_redirects():
    assert html(
        '<p><a href="https://old-news.kz/2024/05/01/x/?a=1">x</a> <a href="https://gov.kz/">y</a></p>'
    ) == ('<p><a href="/2024/05/01/x/?a=1">x</a> <a href="https://gov.kz/">y</a></p>')


def test_tables_become_a_paragraph_per_row_with_a_warning():
    converted = convert("<table><tr><th>Год</th><th>ВВП</th></tr><tr><td>2024</td><td>3%</td></tr></table>",
                        resolve_image=images({}))  # fmt: skip
    assert converted.html == "<p>Год | ВВП</p><p>2024 | 3%</p>"
    assert "table" in converted.warnings[0]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<p onclick="alert(1)" style="background:url(javascript:alert(1))">x</p>',
        '<svg onload="alert(1)"><script>alert(1)</script></svg>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<embed embedtype="image" id="1" format="fullwidth" alt="x" onerror="alert(1)">',
        "<style>body{background:url(javascript:alert(1))}</style>",
        '<a href="https://x.kz" onmouseover="alert(1)">x</a>',
        '<object data="javascript:alert(1)"></object>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        '[caption]<img src=x onerror=alert(1)>"><script>alert(1)</script>[/caption]',
        "[embed]javascript:alert(1)[/embed]",
        '<!-- wp:embed {"url":"javascript:alert(1)"} --><figure></figure><!-- /wp:embed -->',
    ],
)
def test_hostile_markup_comes_out_inert(hostile):
    result = html(f"<p>до</p>{hostile}<p>после</p>").lower()
    assert "<script" not in result and "javascript:" not in result and "data:" not in result
    assert " on" not in result.replace(" онлайн", "")  # no onerror=, onclick=… attributes
    assert (
        "<style" not in result
        and "<svg" not in result
        and "<iframe" not in result
        and "<object" not in result
    )
    assert result.startswith("<p>до</p>") and result.endswith("<p>после</p>")


def test_split_lead_takes_the_first_paragraph_as_text():
    assert split_lead("<p>Первый <b>абзац</b>.</p><p>Второй.</p>") == ("Первый абзац .", "<p>Второй.</p>")


def test_plain_text_of_titles_and_excerpts():
    assert plain_text("Цены &laquo;выросли&raquo; <b>на 5%</b> [caption]подпись[/caption]") == (
        "Цены «выросли» на 5% подпись"
    )


def test_gutenberg_gallery_block_becomes_its_images():
    source = (
        '<!-- wp:gallery {"linkTo":"none"} --><figure class="wp-block-gallery has-nested-images">'
        '<!-- wp:image {"id":5} --><figure class="wp-block-image"><img src="a.jpg" class="wp-image-5"/></figure>'
        '<!-- /wp:image --><!-- wp:image {"id":6} --><figure class="wp-block-image"><img src="b.jpg" '
        'class="wp-image-6"/></figure><!-- /wp:image --><figcaption class="blocks-gallery-caption">Митинг</figcaption>'
        "</figure><!-- /wp:gallery -->"
    )
    assert html(source, {5: 1, 6: 2}) == (
        '<embed embedtype="image" id="1" format="fullwidth" alt="alt-1"/>'
        '<embed embedtype="image" id="2" format="fullwidth" alt="alt-2"/><p><i>Митинг</i></p>'
    )
