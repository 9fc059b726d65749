"""Related articles ranked by shared accepted entities and lemma overlap, newer first among
equals; story timelines oldest first; both stored by the analysis, updated for the other
articles whose lists change, and shown on the article page."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.entities.models import Mention, RelatedArticle, TimelineLink
from vestnik.entities.services import (
    TIMELINE_WINDOW,
    enrich_article,
    lemma_frequencies,
    mention_decide,
    related_ranking,
)
from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db

FILLER = "Погода стояла тихая, рынок работал как обычно, дети шли в школу."


@pytest.fixture
def story(extraction, decide, django_capture_on_commit_callbacks):
    """Publish, analyse and (by default) accept every name, running the tasks queued on commit."""

    def make(rubric, title, text, *, days_ago=0.0, accept=True):
        with django_capture_on_commit_callbacks(execute=True):
            article = article_with(rubric=rubric, title=title, body=f"<p>{text}</p>",
                                   first_published_at=timezone.now() - dt.timedelta(days=days_ago, hours=1))  # fmt: skip
            enrich_article(article_id=article.pk)
        if accept:
            for mention in Mention.objects.filter(article=article):
                decide(mention, Mention.Status.ACCEPTED)
        return article

    return make


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    def run(mention, status):
        with django_capture_on_commit_callbacks(execute=True):
            mention_decide(mention=mention, status=status)

    return run


def related_ids(article):
    return list(RelatedArticle.objects.filter(article=article).values_list("related_id", flat=True))


def test_more_shared_entities_rank_higher(politics, story):
    one = story(politics, "Одна общая", f"Жилин. Жилин. {FILLER}", days_ago=1)
    two = story(politics, "Две общие", f"Жилин. Жилин. ФСБ. ФСБ. {FILLER}", days_ago=2)
    main = story(politics, "Главная", f"Жилин. Жилин. ФСБ. ФСБ. {FILLER}")
    enrich_article(article_id=main.pk, force=True)
    assert related_ids(main)[:2] == [two.pk, one.pk]


def test_a_name_in_many_articles_counts_less_than_a_rare_one(politics, story, monkeypatch):
    monkeypatch.setattr("vestnik.entities.services.RARITY_FLOOR", 1)  # rarity over these few articles
    for i in range(3):
        story(politics, f"Столица {i}", "Астана. Астана.", days_ago=3 + i)
    about_astana = story(politics, "Тоже Астана", "Астана. Астана.", days_ago=1)
    about_him = story(politics, "Серикбаев", "Серикбаев. Серикбаев.", days_ago=2)
    main = story(politics, "Главная", "Астана. Астана. Серикбаев. Серикбаев.")
    ranking = dict(related_ranking(main.pk))
    # Newer and sharing a name too, the article about Астана (in five of six articles) ranks below
    # the one about Серикбаев (in two), or not at all.
    assert ranking[about_him.pk] > ranking.get(about_astana.pk, 0)
    assert related_ids(main)[0] == about_him.pk


def test_a_shared_person_counts_more_than_a_shared_place(politics, story):
    about_him = story(politics, "О Жилине", "Жилин. Жилин.", days_ago=2)
    about_the_city = story(politics, "Об Астане", "Астана. Астана.", days_ago=1)
    main = story(politics, "Главная", "Жилин. Жилин. Астана. Астана.")
    ranking = dict(related_ranking(main.pk))
    assert ranking[about_him.pk] > ranking.get(about_the_city.pk, 0)


def test_a_name_said_once_counts_half(politics, story):
    once = story(politics, "Однажды", "Жилин. ФСБ.", days_ago=1)
    twice = story(politics, "Дважды", "Жилин. Жилин. ФСБ. ФСБ.", days_ago=2)
    main = story(politics, "Главная", "Жилин. Жилин. ФСБ. ФСБ.")
    ranking = dict(related_ranking(main.pk))
    assert ranking[twice.pk] == pytest.approx(2 * ranking[once.pk], rel=1e-4)


def test_related_and_timeline_hold_articles_in_the_articles_own_language_only(politics, story):
    text = "Жилин. Жилин. ФСБ. ФСБ."
    main = story(politics, "Главная", text, days_ago=1)
    other = story(politics, "Другая", text, days_ago=2)
    with_translation = story(politics, "Аударма", text)
    with_translation.translation_of = main
    with_translation.content_language = "kk"
    with_translation.save_revision().publish()
    for article in (main, with_translation):
        enrich_article(article_id=article.pk, force=True)
    assert related_ids(main) == [other.pk]
    assert related_ids(other) == [main.pk]  # not the Kazakh version of main as well
    assert related_ids(with_translation) == []  # no other Kazakh article
    assert set(TimelineLink.objects.filter(article=main).values_list("other_id", flat=True)) == {other.pk}
    assert set(TimelineLink.objects.filter(article=other).values_list("other_id", flat=True)) == {main.pk}


def test_among_equals_the_newer_comes_first(politics, story):
    older = story(politics, "Старее", "Жилин. Жилин.", days_ago=5)
    newer = story(politics, "Новее", "Жилин. Жилин.", days_ago=1)
    main = story(politics, "Главная", "Жилин. Жилин.")
    ranking = related_ranking(main.pk)
    assert [pk for pk, _ in ranking] == [newer.pk, older.pk]
    assert ranking[0][1] == ranking[1][1]


def test_lemma_overlap_relates_articles_without_shared_entities(politics, story):
    about_wheat = story(
        politics, "Урожай пшеницы", "Фермеры собрали пшеницу. Урожай пшеницы вырос, зерно дешевеет."
    )
    story(politics, "Футбол", "Сборная выиграла матч. Болельщики праздновали победу на стадионе.")
    main = story(politics, "Пшеница дорожает", "Цены на пшеницу и зерно: фермеры ждут нового урожая пшеницы.")
    assert related_ids(main) == [about_wheat.pk]


def test_pronouns_prepositions_and_byt_do_not_make_two_articles_alike(politics, story):
    story(politics, "Футбол", "Он был на стадионе, и этот матч был таким, который он ждал. Сборная выиграла.")
    main = story(
        politics, "Пшеница", "Он был в поле, и этот урожай был таким, который он ждал. Фермеры довольны."
    )
    assert related_ids(main) == []
    lemmas = set(lemma_frequencies(main))
    assert {"урожай", "фермер"} <= lemmas
    assert not lemmas & {"он", "быть", "этот", "который", "на", "и"}


def test_an_unpublished_or_unrelated_article_is_not_related(politics, story):
    gone = story(politics, "Снятая", "Жилин. Жилин.")
    main = story(politics, "Главная", "Жилин. Жилин.")
    assert related_ids(main) == [gone.pk]
    gone.unpublish()
    enrich_article(article_id=main.pk, force=True)
    assert related_ids(main) == []


def test_a_new_article_enters_the_related_lists_of_the_others(politics, story):
    first = story(politics, "Первая", "Жилин. Жилин.", days_ago=1)
    assert related_ids(first) == []
    second = story(politics, "Вторая", "Жилин. Жилин.")
    assert related_ids(first) == [second.pk]


def test_rejecting_an_entity_updates_the_related_lists_both_ways(politics, story, decide):
    first = story(politics, "Первая", "Жилин. Жилин.", days_ago=1)
    second = story(politics, "Вторая", "Жилин. Жилин.")
    assert related_ids(first) == [second.pk] and related_ids(second) == [first.pk]
    decide(Mention.objects.get(article=second), Mention.Status.REJECTED)
    assert related_ids(first) == [] and related_ids(second) == []


def test_timeline_joins_articles_sharing_two_key_entities_within_the_window(politics, story):
    text = "Жилин. Жилин. ФСБ. ФСБ."
    start = story(politics, "Задержание", text, days_ago=10)
    trial = story(politics, "Суд", text, days_ago=3)
    verdict = story(politics, "Приговор", text)
    once = story(politics, "Упомянут однажды", "Жилин. ФСБ.", days_ago=2)  # not a key entity there
    too_old = story(politics, "Давняя история", text, days_ago=TIMELINE_WINDOW.days + 12)
    members = set(TimelineLink.objects.filter(article=verdict).values_list("other_id", flat=True))
    assert members == {start.pk, trial.pk}
    assert once.pk not in members and too_old.pk not in members
    assert set(TimelineLink.objects.filter(article=start).values_list("other_id", flat=True)) == {
        trial.pk,
        verdict.pk,
    }


def test_timeline_is_shown_oldest_first_with_the_article_in_its_place(client, politics, story):
    text = "Жилин. Жилин. ФСБ. ФСБ."
    story(politics, "Задержание", text, days_ago=10)
    trial = story(politics, "Суд над Жилиным", text, days_ago=3)
    story(politics, "Приговор", text)
    html = client.get(trial.url).content.decode()
    timeline = html.split('id="timeline-heading"', 1)[1].split("</aside>", 1)[0]
    assert "Хронология" in timeline
    assert timeline.index("Задержание") < timeline.index("Суд над Жилиным") < timeline.index("Приговор")
    assert 'aria-current="page"' in timeline.split("Приговор")[0].split("Задержание")[1]
    # The story's articles are related too, but the page does not list them twice.
    assert RelatedArticle.objects.filter(article=trial).count() == 2
    after_timeline = html.split('id="timeline-heading"', 1)[1].split("</aside>", 1)[1]
    assert "Задержание" not in after_timeline.split("</article>", 1)[0]


def test_leaving_the_story_updates_the_others_timelines(client, politics, story, decide, settings):
    settings.VESTNIK_PAGE_CACHE = True
    text = "Жилин. Жилин. ФСБ. ФСБ."
    first = story(politics, "Задержание", text, days_ago=2)
    second = story(politics, "Приговор", text)
    assert "Приговор" in client.get(first.url).content.decode()  # cached now
    decide(Mention.objects.get(article=second, name="ФСБ"), Mention.Status.REJECTED)
    assert not TimelineLink.objects.exists()
    assert 'id="timeline-heading"' not in client.get(first.url).content.decode()


def test_related_articles_are_shown_on_the_article_page(client, politics, story):
    other = story(politics, "Другая о Жилине", "Жилин. Жилин.", days_ago=1)
    main = story(politics, "Главная", "Жилин. Жилин.")
    main_url, other_url = main.url, other.url
    html = client.get(main_url).content.decode()
    related = html.split('id="related-heading"', 1)[1].split("</aside>", 1)[0]
    assert f'href="{other_url}"' in related
    kazakh = client.get(f"/kk{main_url}").content.decode()
    assert f'href="/kk{other_url}"' in kazakh
