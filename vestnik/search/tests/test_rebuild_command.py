"""`manage.py rebuild_search_index`: everything, only the stale, or resuming a cut-off run."""

import io

import pytest
from django.core.management import CommandError, call_command

from vestnik.news.models import ArticlePage
from vestnik.news.tests.factories import article_with
from vestnik.search import services
from vestnik.search.models import RebuildCheckpoint, SearchDocument, SearchWord
from vestnik.search.selectors import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(politics):
    return [article_with(rubric=politics, title=f"Урожай зерна {n}", lead="Поля.") for n in range(5)]


def wipe_index():
    for page_id in SearchDocument.objects.values_list("page_id", flat=True):
        services.remove_article(page_id)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_indexes_every_live_article_and_shows_progress(five):
    wipe_index()
    assert search("урожай").total == 0
    out, err = run()
    assert search("урожай").total == 5
    assert "Индекс перестроен: 5 материалов" in out
    assert "100.0%" in err and "5/5" in err
    assert SearchWord.objects.get(word="урожай").documents == 5


def test_rebuild_twice_changes_nothing(five):
    run()
    before = sorted(SearchWord.objects.values_list("word", "documents"))
    run()
    assert sorted(SearchWord.objects.values_list("word", "documents")) == before


def test_rebuild_drops_articles_that_are_no_longer_live(five):
    ArticlePage.objects.filter(pk=five[0].pk).update(live=False)  # behind the signals' back
    run()
    assert search("урожай").total == 4


def test_interrupted_rebuild_resumes_where_it_stopped(five, monkeypatch):
    wipe_index()
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    real_index_batch = services.index_batch
    calls = []

    def interrupted(pages, pool=None):
        calls.append(len(pages))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_index_batch(pages, pool)

    monkeypatch.setattr(services, "index_batch", interrupted)
    with pytest.raises(CommandError) as stopped:
        run("--workers", "1")
    assert stopped.value.returncode == 130
    assert "--resume" in str(stopped.value)
    checkpoint = RebuildCheckpoint.objects.get()
    assert checkpoint.done == 2 and checkpoint.finished_at is None
    assert search("урожай").total == 2  # the finished batch is in, the cut one is not half-in

    monkeypatch.setattr(services, "index_batch", real_index_batch)
    out, _ = run("--resume")
    checkpoint.refresh_from_db()
    assert checkpoint.done == 5 and checkpoint.finished_at is not None
    assert search("урожай").total == 5


def test_resume_without_an_unfinished_run_starts_afresh(five):
    out, _ = run("--resume")
    assert "Индекс перестроен: 5 материалов" in out


def test_resume_and_stale_together_are_refused(five):
    with pytest.raises(CommandError, match="нельзя указывать вместе"):
        run("--resume", "--stale")


def test_parallel_rebuild_gives_the_same_index(five):
    run("--workers", "1")
    before = sorted(SearchWord.objects.values_list("word", "documents"))
    wipe_index()
    out, _ = run("--workers", "2")
    assert "Индекс перестроен: 5 материалов" in out
    assert sorted(SearchWord.objects.values_list("word", "documents")) == before
    assert search("урожай").total == 5


def test_workers_must_be_positive(five):
    with pytest.raises(CommandError, match="--workers"):
        run("--workers", "0")


def test_a_batch_moves_each_words_count_by_what_changed_in_its_articles(politics):
    """One batch: one article gains a word, one loses it, one keeps it, one is new."""
    keeps, loses, gains = (article_with(rubric=politics, title=t, lead="Поля.") for t in
                           ("Урожай зерна", "Урожай хлопка", "Засуха на юге"))  # fmt: skip
    assert SearchWord.objects.get(word="урожай").documents == 2
    for page, title in ((loses, "Засуха хлопка"), (gains, "Урожай на юге")):
        ArticlePage.objects.filter(pk=page.pk).update(title=title)  # behind the signals' back
    fresh = article_with(rubric=politics, title="Урожай риса", lead="Поля.")
    services.index_batch(list(ArticlePage.objects.filter(pk__in=[keeps.pk, loses.pk, gains.pk, fresh.pk])))
    words = dict(SearchWord.objects.filter(word__in=["урожай", "засуха", "хлопка", "зерна", "поля"]).values_list(
        "word", "documents"))  # fmt: skip
    assert words == {"урожай": 3, "засуха": 1, "хлопка": 1, "зерна": 1, "поля": 4}
    assert sorted(hit.article.pk for hit in search("урожай").hits) == sorted([keeps.pk, gains.pk, fresh.pk])
    assert [hit.article.pk for hit in search("засуха").hits] == [loses.pk]
