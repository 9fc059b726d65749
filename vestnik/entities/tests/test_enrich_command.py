"""`manage.py enrich_articles` analyses the archive with a progress bar, resumes (skips what was
analysed) unless --force, and says clearly when the extraction is missing; the demo's loader
runs it."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from vestnik.entities.models import ArticleAnalysis, Mention
from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def extraction_installed(extraction):
    # The command imports the real module (which loads no model until called); the fake
    # extraction answers the calls.
    return extraction


def test_command_analyses_every_live_article_then_resumes(politics, extraction_installed):
    for i in range(3):
        article_with(rubric=politics, title=f"Материал {i}", body="<p>Жилин.</p>")
    out = io.StringIO()
    call_command("enrich_articles", stdout=out)
    assert ArticleAnalysis.objects.count() == 3 and Mention.objects.count() == 3
    assert "Анализ материалов [" in out.getvalue()
    assert "3 of 3 published articles analysed." in out.getvalue()
    out = io.StringIO()
    call_command("enrich_articles", stdout=out)
    assert "0 of 3 published articles analysed." in out.getvalue()
    assert len(extraction_installed) == 3
    call_command("enrich_articles", "--force", stdout=io.StringIO())
    assert len(extraction_installed) == 6


def test_command_without_natasha_names_the_missing_package(politics, monkeypatch):
    monkeypatch.setitem(sys.modules, "natasha", None)  # as if not installed
    with pytest.raises(CommandError, match="natasha is not installed"):
        call_command("enrich_articles", stdout=io.StringIO())


def test_demo_enrichment_accepts_what_it_finds(politics, extraction_installed):
    from vestnik.demo.enrichment import enrich_demo

    article_with(rubric=politics, title="О Жилине", body="<p>Жилин и ФСБ.</p>")
    assert enrich_demo().startswith("Entities: 1 articles analysed (1 by this pass")
    assert set(Mention.objects.values_list("status", flat=True)) == {Mention.Status.ACCEPTED}
