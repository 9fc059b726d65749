import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from vestnik.importers.exceptions import ParseError
from vestnik.importers.services import import_capture
from vestnik.news.models import ArticlePage, Author, RubricPage

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"
CAPTURED = dt.datetime(2025, 11, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))


def snapshot():
    return (
        sorted(Page.objects.values_list("id", "url_path", "live", "latest_revision_id")),
        Revision.objects.count(),
        sorted(Author.objects.values_list("id", "name")),
    )


def test_seed_import_creates_rubric_author_article_and_recent_posts(client):
    report = import_capture(path=SEED, captured_at=CAPTURED)
    assert len(report.created) == 7
    article = ArticlePage.objects.get(title__startswith="Жена депортированного")
    assert article.get_parent().title == "Политика"
    assert [a.name for a in article.authors] == ["Ануар Нурпеисов"]
    assert article.lead.startswith("Жена офицера Федеральной службы безопасности России (ФСБ)")
    assert article.body.count("<p>") == 7
    assert (
        article.url
        == "/politika/zhena-deportirovannogo-iz-kazakhstana-rossiyskogo-ofitsera-prosit-politicheskogo/"
    )
    theatre = ArticlePage.objects.get(title__startswith="80 лет служения")
    assert theatre.first_published_at == CAPTURED - dt.timedelta(hours=14)
    assert ArticlePage.objects.get(
        title__startswith="Токаев, Трамп"
    ).first_published_at == CAPTURED - dt.timedelta(days=2)
    response = client.get(article.url)
    assert response.status_code == 200
    assert 'href="/author/anuar-nurpeisov/"' in response.content.decode()


def test_rerunning_the_import_changes_nothing():
    import_capture(path=SEED, captured_at=CAPTURED)
    before = snapshot()
    report = import_capture(path=SEED, captured_at=CAPTURED + dt.timedelta(hours=3))
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 7
    assert snapshot() == before


def test_an_edited_capture_updates_the_article_with_a_new_revision(tmp_path):
    import_capture(path=SEED, captured_at=CAPTURED)
    edited = tmp_path / "edited.txt"
    edited.write_text(
        SEED.read_text(encoding="utf-8").replace("15 лет лишения свободы", "20 лет лишения свободы")
    )
    report = import_capture(path=edited, captured_at=CAPTURED)
    assert len(report.updated) == 1
    article = ArticlePage.objects.get(title__startswith="Жена депортированного")
    assert "20 лет лишения свободы" in article.body
    assert article.first_published_at == CAPTURED  # the original publication time never changes


def test_malformed_file_writes_nothing(tmp_path):
    import_capture(path=SEED, captured_at=CAPTURED)
    before = snapshot()
    bad = tmp_path / "bad.txt"
    # A good article part, then a recent post whose time is unreadable at the very end.
    text = (SEED.read_text(encoding="utf-8").replace("Жена депортированного", "Другая жена").rstrip()
            + "\n\nЕщё новость\n\nОтрывок…\n\nнедавно\n")  # fmt: skip
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("недавно") + 1
    with pytest.raises(ParseError, match=f"line {line}: expected a relative time"):
        import_capture(path=bad, captured_at=CAPTURED)
    assert snapshot() == before


def test_dry_run_reports_without_writing():
    before = snapshot()
    report = import_capture(path=SEED, captured_at=CAPTURED, dry_run=True)
    assert len(report.created) == 7
    assert snapshot() == before
    assert not RubricPage.objects.filter(title="Политика").exists()


def test_command_reports_a_bad_file_with_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Заголовок без рубрики\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"bad.txt, line 1: expected 'Categories: <rubric>'.*Nothing was imported"
    ):
        call_command("import_capture", str(bad), "--captured-at", "2025-11-09T10:00+05:00")


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_capture", str(tmp_path / "nope.txt"))


def test_command_refuses_an_unreadable_capture_time():
    with pytest.raises(CommandError, match="not an ISO 8601"):
        call_command("import_capture", str(SEED), "--captured-at", "вчера")


def test_python_dash_m_vestnik_runs_the_same_command(capsys):
    import sys

    from vestnik.__main__ import main

    argv = sys.argv
    sys.argv = [
        "vestnik",
        "import-capture",
        str(SEED),
        "--captured-at",
        "2025-11-09T10:00+05:00",
        "--dry-run",
    ]
    try:
        main()
    finally:
        sys.argv = argv
    assert "7 created" in capsys.readouterr().out
