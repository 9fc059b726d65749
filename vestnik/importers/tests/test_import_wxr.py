import datetime as dt

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from vestnik.importers.exceptions import ParseError, SourceError
from vestnik.importers.models import ImportRecord
from vestnik.importers.wxr_import import import_wxr
from vestnik.news.models import ArticlePage, Author, HomePage, InfoPage, RubricPage, Tag

from . import wxr_builder as wb
from .conftest import site_export

pytestmark = pytest.mark.django_db


def run(path, media_dir=None, **kwargs):
    return import_wxr(path, media_dir=media_dir, fetch_media=False, **kwargs)


def snapshot():
    return (
        sorted(Page.objects.values_list("id", "url_path", "live", "latest_revision_id", "go_live_at")),
        Revision.objects.count(),
        sorted(Redirect.objects.values_list("old_path", "redirect_page_id", "redirect_link")),
        sorted(Author.objects.values_list("id", "name", "slug")),
        sorted(Tag.objects.values_list("id", "name")),
        get_image_model().objects.count(),
        sorted(ImportRecord.objects.values_list("kind", "key", "object_id", "digest")),
    )


def article(post_id: int) -> ArticlePage:
    return ArticlePage.objects.get(source_id=f"wxr:old-news.kz#{post_id}")


def test_posts_become_articles_with_rubric_byline_tags_dates_and_featured_image(export_file, media_dir):
    run(export_file, media_dir)
    post = article(100)
    assert post.live and post.get_parent().title == "Политика"
    assert [a.name for a in post.authors] == ["Ануар Нурпеисов"]
    assert [t.name for t in post.tags.all()] == ["выборы"]
    # The GMT date of 10:30 in Almaty, exactly; not the import time.
    assert post.first_published_at == dt.datetime(2024, 5, 14, 5, 30, tzinfo=dt.UTC)
    assert post.lead == "Поправки в закон о выборах приняты."
    assert post.hero_image.title == "Зал парламента"
    assert post.hero_image.alt_text == "Зал заседаний"
    assert post.hero_image.width == 800
    assert post.hero_caption == "Зал заседаний"
    # The sticky post leads the home page.
    assert HomePage.objects.get().lead_article_id == post.pk


def test_images_in_the_content_show_on_the_article_page(client, export_file, media_dir):
    run(export_file, media_dir)
    body = client.get(article(101).url).content.decode().split('class="article__body', 1)[1]
    image = get_image_model().objects.get()
    assert f'alt="{image.alt_text}"' in body and "/media/images/parliament" in body
    assert "<embed" not in body


def test_a_post_without_excerpt_gets_its_first_paragraph_as_lead_not_twice(export_file, media_dir):
    run(export_file, media_dir)
    post = article(101)
    assert post.lead == "Аким Алматы провёл встречу с жителями."
    assert "Аким Алматы провёл" not in post.body


def test_categories_keep_their_hierarchy_and_parents_list_their_childrens_posts(
    client, export_file, media_dir
):
    run(export_file, media_dir)
    almaty = RubricPage.objects.get(title="Алматы")
    assert almaty.get_parent().title == "Регионы"
    assert almaty.slug == "almaty"
    post = article(101)
    # Yoast's primary category decides the address; the parent lists it too, as in WordPress.
    assert post.get_parent().pk == almaty.pk
    assert [r.title for r in post.extra_rubrics.all()] == ["Регионы"]
    assert "Аким встретился с жителями" in client.get("/regiony/").content.decode()
    response = client.get("/regiony/almaty/akim-vstretilsya/")
    assert response.status_code == 200
    # A sub-rubric is not in the top menu.
    menu = client.get("/").content.decode().split('class="site-nav', 1)[-1].split("</nav>", 1)[0]
    assert "Регионы" in menu and "/regiony/almaty/" not in menu


def test_statuses_draft_future_private_and_trash(export_file, media_dir):
    report = run(export_file, media_dir)
    assert not article(102).live
    scheduled = article(103)
    assert not scheduled.live
    assert scheduled.go_live_at == dt.datetime(2031, 1, 1, 2, 0, tzinfo=dt.UTC)
    assert scheduled.latest_revision.approved_go_live_at == scheduled.go_live_at
    assert not article(104).live
    assert any("104" in w and "private" in w for w in report.warnings)
    assert not ArticlePage.objects.filter(title="В корзине").exists()
    assert report.skipped["post:trash"] == 1


def test_pages_become_information_pages_keeping_their_hierarchy(client, export_file, media_dir):
    run(export_file, media_dir)
    about = InfoPage.objects.get(title="О редакции")
    contacts = InfoPage.objects.get(title="Контакты")
    assert contacts.get_parent().pk == about.pk
    response = client.get("/o-redakcii/kontakty/")
    assert response.status_code == 200
    assert "Телефон редакции" in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=100", "/politika/parlament-odobril/"),
        ("/?p=100&utm_source=telegram", "/politika/parlament-odobril/"),
        ("/2024/05/14/parlament-odobril/", "/politika/parlament-odobril/"),
        ("/parlament-odobril/", "/politika/parlament-odobril/"),
        (
            "/2024/05/14/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C-%D0%B4%D0%BD%D1%8F/",
            "/politika/novost-dnya/",
        ),
        ("/?page_id=200", "/o-redakcii/"),
        ("/category/politika/", "/politika/"),
        ("/?cat=2", "/politika/"),
        ("/category/regiony/%D0%B0%D0%BB%D0%BC%D0%B0%D1%82%D1%8B/", "/regiony/almaty/"),
        ("/category/politika/feed/", "/feeds/rubric/politika/rss/"),
        ("/author/anurpeisov/", "/author/anuar-nurpeisov/"),
        ("/tag/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/", "/tag/vybory/"),
        ("/feed/", "/feeds/rss/"),
        ("/?feed=rss2", "/feeds/rss/"),
    ],
)
def test_every_old_address_redirects_permanently(client, export_file, media_dir, old, new):
    run(export_file, media_dir)
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_unknown_post_id_shows_the_home_page(client, export_file, media_dir):
    run(export_file, media_dir)
    assert client.get("/?p=99999").status_code == 200


def test_drafts_leave_no_redirects(export_file, media_dir):
    run(export_file, media_dir)
    assert not Redirect.objects.filter(old_path__in=["/?p=102", "/chernovik"]).exists()


def test_rerun_of_the_same_export_changes_nothing(export_file, media_dir):
    run(export_file, media_dir)
    before = snapshot()
    report = run(export_file, media_dir)
    assert snapshot() == before
    assert not report.created and not report.updated
    assert report.unchanged["post"] == 6 and report.unchanged["page"] == 2


def test_newer_export_updates_what_changed_and_keeps_the_publication_time(tmp_path, export_file, media_dir):
    run(export_file, media_dir)
    post = article(100)
    revisions = post.revisions.count()
    newer = tmp_path / "newer.xml"
    newer.write_text(
        site_export().replace("Парламент одобрил поправки", "Парламент принял поправки"), "utf-8"
    )
    report = run(newer, media_dir)
    assert report.updated == {"post": 1}
    post.refresh_from_db()
    assert post.title == "Парламент принял поправки"
    assert post.revisions.count() == revisions + 1
    assert post.first_published_at == dt.datetime(2024, 5, 14, 5, 30, tzinfo=dt.UTC)
    assert post.url == "/politika/parlament-odobril/"  # a published address does not change


def test_a_post_moved_to_another_category_moves_and_its_old_address_redirects(
    client, tmp_path, export_file, media_dir
):
    run(export_file, media_dir)
    newer = tmp_path / "newer.xml"
    newer.write_text(site_export(categories=[("regiony", "Регионы")]), "utf-8")
    run(newer, media_dir)
    assert article(100).url == "/regiony/parlament-odobril/"
    assert client.get("/politika/parlament-odobril/")["Location"] == "/regiony/parlament-odobril/"
    assert client.get("/?p=100")["Location"] == "/regiony/parlament-odobril/"


def test_an_article_edited_in_vestnik_is_not_overwritten_by_a_newer_export(tmp_path, export_file, media_dir):
    run(export_file, media_dir)
    post = article(100).get_latest_revision_as_object()
    post.title = "Заголовок от редактора"
    post.save_revision().publish()
    newer = tmp_path / "newer.xml"
    newer.write_text(site_export().replace("Парламент одобрил поправки", "Из WordPress"), "utf-8")
    report = run(newer, media_dir)
    assert article(100).title == "Заголовок от редактора"
    assert any("100" in w and "edited in Vestnik" in w for w in report.warnings)


def test_dry_run_reports_and_writes_nothing(export_file, media_dir, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    before = snapshot()
    report = run(export_file, media_dir, dry_run=True)
    assert snapshot() == before
    assert report.dry_run and report.created["post"] == 6 and report.created["attachment"] == 1
    assert not (tmp_path / "media").exists()
    assert report.summary().startswith("Dry run, nothing was written.")


def test_an_interrupted_import_leaves_whole_items_and_the_rerun_finishes_it(
    export_file, media_dir, monkeypatch
):
    from vestnik.importers import wxr_import

    original = wxr_import._Importer.item
    calls = []

    def crash_on_third(self, item):
        calls.append(item.post_id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(self, item)

    monkeypatch.setattr(wxr_import._Importer, "item", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run(export_file, media_dir, batch_size=2)
    # The first batch (two posts) is in, whole: published, with byline and redirects.
    assert sorted(ArticlePage.objects.values_list("source_id", flat=True)) == [
        "wxr:old-news.kz#100", "wxr:old-news.kz#101"]  # fmt: skip
    assert all(p.live and p.latest_revision_id for p in ArticlePage.objects.all())
    assert Redirect.objects.filter(old_path="/?p=101").exists()
    assert not Redirect.objects.filter(old_path="/?p=106").exists()

    monkeypatch.setattr(wxr_import._Importer, "item", original)
    report = run(export_file, media_dir, batch_size=2)
    assert report.unchanged["post"] == 2 and report.created["post"] == 4
    assert ArticlePage.objects.count() == 6


def test_a_broken_file_is_refused_before_anything_is_written(tmp_path):
    broken = tmp_path / "broken.xml"
    text = site_export()
    broken.write_text(text[: text.index("<item>", text.index("<item>") + 10) + 40], "utf-8")
    before = snapshot()
    with pytest.raises(ParseError) as error:
        run(broken)
    assert "broken.xml, line " in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "no <wp:wxr_version>"),
        ('<?xml version="1.0"?><html><body/></html>', "the root element is <html>"),
        (wb.export(version="1.3"), "WXR version 1.3 is not supported"),
        ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>', "DTD or XML entities"),
        ("", "line 1"),
    ],
)
def test_what_is_not_a_wordpress_export_is_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_text(content, "utf-8")
    with pytest.raises(SourceError) as error:
        run(path)
    assert message in str(error.value)
    assert not ArticlePage.objects.exists()


def test_missing_file_and_media_dir_are_named(tmp_path):
    with pytest.raises(SourceError, match="nowhere.xml: cannot read the file"):
        run(tmp_path / "nowhere.xml")
    (tmp_path / "e.xml").write_text(wb.export(), "utf-8")
    with pytest.raises(SourceError, match="media directory does not exist"):
        run(tmp_path / "e.xml", tmp_path / "no-such-dir")


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_is_read(tmp_path, version):
    path = tmp_path / "export.xml"
    path.write_text(wb.export(wb.author("anurpeisov", "Ануар Нурпеисов"), wb.item(1, "Заголовок", "Текст."),
                              version=version), "utf-8")  # fmt: skip
    run(path)
    assert article(1).live


def test_an_item_with_a_bad_date_is_skipped_with_a_warning_and_the_rest_imported(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(wb.export(wb.author("anurpeisov", "Ануар Нурпеисов"),
                              wb.item(1, "Плохая дата", "Текст.", date="вчера", date_gmt="вчера"),
                              wb.item(2, "Хорошая", "Текст.")), "utf-8")  # fmt: skip
    report = run(path)
    assert report.warnings == ["post 1 \"Плохая дата\": date 'вчера' is not YYYY-MM-DD HH:MM:SS"]
    assert article(2).live and not ArticlePage.objects.filter(title="Плохая дата").exists()


def test_a_post_whose_author_or_category_is_missing_is_still_imported(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(
        wb.export(wb.item(1, "Сирота", "Текст.", creator="ghost", categories=[("nope", "Нет")])), "utf-8"
    )
    report = run(path)
    post = article(1)
    assert post.get_parent().title == "Новости" and post.authors == []
    assert any("author 'ghost'" in w for w in report.warnings)
    assert any("category 'nope'" in w for w in report.warnings)


def test_media_missing_broken_outside_the_folder_or_not_an_image(tmp_path, media_dir):
    (media_dir / "2024" / "05" / "fake.jpg").write_text("not an image")
    (media_dir / "2024" / "05" / "price.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "secret.jpg").write_bytes(b"outside")
    (media_dir / "2024" / "05" / "page.html").write_text("<script>alert(1)</script>")
    (media_dir / "2024" / "05" / "logo.svg").write_text('<svg onload="alert(1)"/>')
    items = [
        wb.item(1, "Нет файла", post_type="attachment", status="inherit", meta={"_wp_attached_file": "2024/05/none.jpg"}),
        wb.item(2, "Поддельный", post_type="attachment", status="inherit", meta={"_wp_attached_file": "2024/05/fake.jpg"}),
        wb.item(3, "Прайс", post_type="attachment", status="inherit", meta={"_wp_attached_file": "2024/05/price.pdf"}),
        wb.item(4, "Чужой", post_type="attachment", status="inherit", meta={"_wp_attached_file": "../../secret.jpg"}),
        wb.item(5, "Пост", "Текст."),
        wb.item(6, "Страница", post_type="attachment", status="inherit", meta={"_wp_attached_file": "2024/05/page.html"}),
        wb.item(9, "Логотип", post_type="attachment", status="inherit", meta={"_wp_attached_file": "2024/05/logo.svg"}),
    ]  # fmt: skip
    path = tmp_path / "export.xml"
    path.write_text(wb.export(*items), "utf-8")
    report = run(path, media_dir)
    warnings = "\n".join(report.warnings)
    assert 'attachment 1 "Нет файла": not found:' in warnings
    assert "fake.jpg: the file is not a readable image" in warnings
    assert "attachment 4" in warnings and get_image_model().objects.count() == 0
    assert "page.html: files of type .html are not accepted" in warnings
    assert "logo.svg: the file is not a readable image (SVG is refused" in warnings
    assert get_document_model().objects.get().title == "Прайс"
    assert article(5).live


def test_media_is_fetched_from_the_old_site_when_not_on_disk(tmp_path, live_media_server):
    items = [
        wb.item(7, "Фото", post_type="attachment", status="inherit",
                attachment_url=f"{live_media_server}/wp-content/uploads/2024/05/parliament.jpg"),
        wb.item(8, "Пост", "Текст.", meta={"_thumbnail_id": "7"}),
    ]  # fmt: skip
    path = tmp_path / "export.xml"
    path.write_text(wb.export(*items), "utf-8")
    report = import_wxr(path)
    assert report.created["image"] == 1, report.warnings
    assert article(8).hero_image.width == 800


def test_hostile_title_excerpt_and_content_are_inert_on_the_page_and_in_feeds(client, tmp_path):
    hostile = (
        '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">ссылка</a>'
    )
    path = tmp_path / "export.xml"
    path.write_text(wb.export(wb.author("anurpeisov", "Ануар<script>alert(4)</script>"),
                              wb.item(1, "Заголовок<script>alert(5)</script>", "Текст." + hostile,
                                      excerpt='Лид <b onmouseover="alert(6)">жирный</b>', slug="x")), "utf-8")  # fmt: skip
    run(path)
    post = article(1)
    assert post.title == "Заголовок"
    for url in (
        post.url,
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/yandex/",
        post.authors[0].get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "onerror" not in body and "onmouseover" not in body, url
        assert "javascript:" not in body, url


def test_the_command_prints_warnings_and_a_summary(export_file, media_dir):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("import_wxr", str(export_file), "--media-dir", str(media_dir), "--no-fetch", stdout=out,
                 stderr=StringIO())  # fmt: skip
    text = out.getvalue()
    assert "warning  attachment 11" in text
    assert "created: 16 (author 2, category 3, image 1, page 2, post 6, tag 2)" in text


def test_the_command_names_a_bad_file_and_says_nothing_was_written(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    (tmp_path / "bad.xml").write_text("<rss><channel>", "utf-8")
    with pytest.raises(CommandError, match=r"bad.xml, line 1: broken XML .*Nothing was imported"):
        call_command("import_wxr", str(tmp_path / "bad.xml"))
    with pytest.raises(CommandError, match="unknown time zone 'Mars/Olympus'"):
        call_command("import_wxr", str(tmp_path / "bad.xml"), "--time-zone", "Mars/Olympus")


def test_a_better_converter_reconverts_imported_posts_on_the_next_run(export_file, media_dir, monkeypatch):
    from vestnik.importers import wpcontent

    run(export_file, media_dir)
    monkeypatch.setattr(wpcontent, "CONVERTER_VERSION", wpcontent.CONVERTER_VERSION + 1)
    report = run(export_file, media_dir)
    assert report.updated["post"] == 6 and report.updated["page"] == 2


def test_breadcrumbs_of_a_sub_rubric_and_its_articles_name_the_parent_rubric(client, export_file, media_dir):
    run(export_file, media_dir)
    for url in ("/regiony/almaty/", article(101).url):
        crumbs = client.get(url).content.decode().split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        assert crumbs.index("Регионы") < crumbs.index("Алматы"), url


def test_ctrl_c_in_the_command_says_what_was_kept_and_how_to_resume(export_file, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from vestnik.importers.management.commands import import_wxr as command

    monkeypatch.setattr(command, "import_wxr", mock_interrupt)
    with pytest.raises(
        CommandError, match="Interrupted. Every batch before this one is saved.*run the same command"
    ):
        call_command("import_wxr", str(export_file))


def mock_interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def test_a_child_page_stopped_at_the_top_level_is_moved_under_its_parent_on_the_rerun(
    export_file, media_dir, monkeypatch
):
    from vestnik.importers import wxr_import

    original = wxr_import._Importer.item

    def stop_at_the_parent(self, item):
        if item.post_id == "200":  # the parent comes after its child in this export
            raise KeyboardInterrupt
        return original(self, item)

    monkeypatch.setattr(wxr_import._Importer, "item", stop_at_the_parent)
    with pytest.raises(KeyboardInterrupt):
        run(export_file, media_dir, batch_size=1)
    assert InfoPage.objects.get(title="Контакты").get_parent().specific_class is HomePage
    monkeypatch.setattr(wxr_import._Importer, "item", original)
    run(export_file, media_dir)
    assert InfoPage.objects.get(title="Контакты").get_parent().title == "О редакции"
