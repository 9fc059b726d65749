"""A prepared query gives what the queryset it was made from gives, compiled once."""

import pytest
from django.db.models import Model

from vestnik.core.prepared_query import PreparedQuery
from vestnik.images.tests.factories import news_image
from vestnik.news.models import ArticlePage
from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


def by_url_path():
    return PreparedQuery(
        ArticlePage,
        lambda url_path: ArticlePage.objects.live().filter(url_path=url_path).select_related("hero_image"),
    )


def field_values(instance: Model) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_prepared_article_equals_the_querysets_with_its_hero_image_loaded(
    politics, django_assert_num_queries
):
    hero = news_image(alt_text="Здание парламента", credit="Фото: пресс-служба")
    article = article_with(rubric=politics, title="Сенат принял бюджет", hero_image=hero)
    expected = ArticlePage.objects.select_related("hero_image").get(pk=article.pk)
    query = by_url_path()
    with django_assert_num_queries(1):
        found = query.first(article.url_path)
        assert found.hero_image.alt_text == "Здание парламента"  # joined, not a second query
    assert type(found) is ArticlePage and found._state.adding is False
    assert field_values(found) == field_values(expected)
    assert field_values(found.hero_image) == field_values(expected.hero_image)
    # The second call reuses the compiled SQL and finds another article.
    other = article_with(rubric=politics, title="Без снимка")
    found = query.first(other.url_path)
    assert found.pk == other.pk and found.hero_image is None


def test_prepared_query_keeps_the_querysets_filters(politics):
    article = article_with(rubric=politics, title="Снято с публикации")
    article.unpublish()
    query = by_url_path()
    assert query.first(article.url_path) is None  # live() still applies
    assert query.first("/нет-такой-страницы/") is None
    assert query.first("'; DROP TABLE wagtailcore_page; --") is None  # a value, never SQL
    assert ArticlePage.objects.filter(pk=article.pk).exists()


def test_a_query_that_does_not_use_the_value_is_refused(politics):
    query = PreparedQuery(ArticlePage, lambda url_path: ArticlePage.objects.filter(title="x"))
    with pytest.raises(ValueError, match="does not use the value"):
        query.first("/x/")


def test_all_gives_every_row_in_the_querysets_order_with_annotations_and_values(politics, society):
    from django.db.models import Count

    for title in ("Бета", "Альфа", "Гамма"):
        article_with(rubric=politics, title=title)
    article_with(rubric=society, title="Қазақша", content_language="kk")

    def in_language(language):
        return ArticlePage.objects.filter(content_language=language).order_by("title")

    assert [a.title for a in PreparedQuery(ArticlePage, in_language).all("ru")] == ["Альфа", "Бета", "Гамма"]
    assert [a.title for a in PreparedQuery(ArticlePage, in_language).all("kk")] == ["Қазақша"]
    assert PreparedQuery(ArticlePage, in_language).all("en") == []
    annotated = PreparedQuery(
        ArticlePage,
        lambda language: (
            ArticlePage.objects.filter(content_language=language)
            .annotate(n=Count("tagged_items"))
            .order_by("title")
        ),
    )
    assert [(a.title, a.n) for a in annotated.all("ru")] == [("Альфа", 0), ("Бета", 0), ("Гамма", 0)]
    # The value used twice, rows as tuples.
    twice = PreparedQuery(
        ArticlePage,
        lambda language: (
            ArticlePage.objects.filter(content_language=language)
            .exclude(title=language)
            .order_by("title")
            .values_list("title", "live")
        ),
    )
    assert twice.all("ru") == [("Альфа", True), ("Бета", True), ("Гамма", True)]
