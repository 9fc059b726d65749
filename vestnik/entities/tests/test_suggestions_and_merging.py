"""Found names become suggestions, accepted ones one entity per real person across the site
(merged by name and alias, same kind only), and a rejected name stays rejected."""

import pytest

from vestnik.entities.models import Entity, EntityAlias, Mention
from vestnik.entities.services import enrich_article, entity_for, entity_merge, mention_decide
from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


def body(text):
    return f"<p>{text}</p>"


def test_publishing_queues_the_analysis_and_stores_suggestions_with_counts(
    politics, enrich_on_publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_with(
            rubric=politics, title="Допрос", body=body("Жилин сказал. Жилин ушёл. ФСБ молчит.")
        )
    mentions = {m.name: m for m in Mention.objects.filter(article=article)}
    assert set(mentions) == {"Михаил Жилин", "ФСБ"}
    assert mentions["Михаил Жилин"].count == 2
    assert mentions["ФСБ"].aliases == ["Федеральная служба безопасности"]
    assert {m.status for m in mentions.values()} == {Mention.Status.SUGGESTED}
    assert not Entity.objects.exists()  # nothing public without an editor's choice


def test_without_the_setting_publishing_runs_no_analysis(
    politics, extraction, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article_with(rubric=politics, title="Допрос", body=body("Жилин сказал."))
    assert extraction == []
    assert not Mention.objects.exists()


def test_auto_accept_makes_found_names_entities(
    politics, enrich_on_publish, auto_accept, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал."))
    mention = Mention.objects.get(article=article)
    assert mention.status == Mention.Status.ACCEPTED
    assert mention.entity.name == "Михаил Жилин"
    assert mention.entity.slug == "mikhail-zhilin"


def test_same_person_in_two_articles_is_one_entity(politics, extraction):
    first = article_with(rubric=politics, title="Первый", body=body("Жилин сказал."))
    second = article_with(rubric=politics, title="Второй", body=body("Снова Жилин."))
    for article in (first, second):
        enrich_article(article_id=article.pk)
        mention_decide(mention=Mention.objects.get(article=article), status=Mention.Status.ACCEPTED)
    assert Entity.objects.count() == 1
    assert set(Mention.objects.values_list("entity__name", flat=True)) == {"Михаил Жилин"}


def test_an_alias_seen_in_one_article_finds_the_entity_in_another():
    fsb = entity_for(kind="ORG", name="ФСБ", aliases=("Федеральная служба безопасности",))
    assert entity_for(kind="ORG", name="Федеральная служба безопасности") == fsb
    assert set(fsb.aliases.values_list("name", flat=True)) == {"ФСБ", "Федеральная служба безопасности"}


def test_same_name_of_another_kind_is_another_entity():
    place = entity_for(kind="LOC", name="Вашингтон")
    person = entity_for(kind="PER", name="Вашингтон")
    assert place != person
    assert place.slug != person.slug


def test_a_name_owned_by_one_entity_is_not_taken_by_another():
    zhilin = entity_for(kind="PER", name="Михаил Жилин", aliases=("Жилин",))
    other = entity_for(kind="PER", name="Анна Жилина", aliases=("Жилин",))
    # "Жилин" still means the first; the new one is found by its own name.
    assert entity_for(kind="PER", name="Жилин") == zhilin
    assert EntityAlias.objects.get(kind="PER", name="Жилин").entity == zhilin
    assert other != zhilin


def test_merging_moves_names_and_mentions_to_the_kept_entity(politics, extraction):
    article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал."))
    enrich_article(article_id=article.pk)
    mention = Mention.objects.get(article=article)
    mention_decide(mention=mention, status=Mention.Status.ACCEPTED)
    keep = entity_for(kind="PER", name="Михаил Юрьевич Жилин")
    entity_merge(keep=keep, merge=mention.entity)
    assert Entity.objects.count() == 1
    assert Mention.objects.get(pk=mention.pk).entity == keep
    assert entity_for(kind="PER", name="Михаил Жилин") == keep


def test_merging_two_kinds_is_refused():
    with pytest.raises(ValueError, match="cannot merge"):
        entity_merge(
            keep=entity_for(kind="PER", name="Вашингтон"), merge=entity_for(kind="LOC", name="Вашингтон")
        )


def test_a_rejected_name_stays_rejected_when_the_article_is_analysed_again(politics, extraction, auto_accept):
    article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал. ФСБ молчит."))
    enrich_article(article_id=article.pk)
    mention_decide(mention=Mention.objects.get(article=article, name="ФСБ"), status=Mention.Status.REJECTED)
    enrich_article(article_id=article.pk, force=True)
    assert len(extraction) == 2
    assert Mention.objects.get(article=article, name="ФСБ").status == Mention.Status.REJECTED
    assert Mention.objects.get(article=article, name="ФСБ").entity is None


def test_an_analysed_revision_is_skipped_unless_forced(politics, extraction):
    article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал."))
    assert enrich_article(article_id=article.pk) is True
    assert enrich_article(article_id=article.pk) is False
    assert len(extraction) == 1
    article.save_revision().publish()
    assert enrich_article(article_id=article.pk) is True


def test_a_suggestion_the_text_lost_is_dropped_a_decided_one_kept(politics, extraction):
    article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал. ФСБ молчит. Астана."))
    enrich_article(article_id=article.pk)
    mention_decide(mention=Mention.objects.get(article=article, name="ФСБ"), status=Mention.Status.ACCEPTED)
    article.body = body("Без имён.")
    article.save_revision().publish()
    enrich_article(article_id=article.pk)
    assert set(Mention.objects.filter(article=article).values_list("name", flat=True)) == {"ФСБ"}


def test_an_unknown_decision_is_refused_with_the_name(politics, extraction):
    article = article_with(rubric=politics, title="Допрос", body=body("Жилин сказал."))
    enrich_article(article_id=article.pk)
    with pytest.raises(ValueError, match="Михаил Жилин"):
        mention_decide(mention=Mention.objects.get(article=article), status="maybe")


def test_a_translation_is_not_read_by_the_russian_models_but_suggests_its_originals_entities(
    politics, extraction
):
    original = article_with(
        rubric=politics, title="Допрос", body=body("Жилин сказал. Жилин ушёл. ФСБ молчит.")
    )
    enrich_article(article_id=original.pk)
    for mention in Mention.objects.filter(article=original, name="Михаил Жилин"):
        mention_decide(mention=mention, status=Mention.Status.ACCEPTED)  # ФСБ stays undecided
    translation = article_with(rubric=politics, title="Жауап алу", body=body("Жилин айтты. ФСБ үндемейді."),
                               content_language="kk", translation_of=original)  # fmt: skip
    extraction.clear()
    enrich_article(article_id=translation.pk)
    assert extraction == []  # the Kazakh text never reached the (Russian) extraction
    mentions = {m.name: m for m in Mention.objects.filter(article=translation)}
    assert set(mentions) == {"Михаил Жилин"}
    assert mentions["Михаил Жилин"].status == Mention.Status.SUGGESTED
    assert mentions["Михаил Жилин"].count == 2
