"""Factories for the news tree. Pages are created under their parent with add_child and published."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from vestnik.news.models import ArticlePage, Author, RubricPage
from vestnik.news.services import ensure_site


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Автор Номер{n}")
    position = "Корреспондент"
    bio = "Пишет о политике."


class _PageFactory(factory.Factory):
    """Build the page, then add it under ``parent`` and publish a revision."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            page.save(update_fields=["live"])
        return page


class RubricFactory(_PageFactory):
    class Meta:
        model = RubricPage

    title = factory.Sequence(lambda n: f"Рубрика {n}")
    parent = factory.LazyFunction(ensure_site)


class ArticleFactory(_PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Новость номер {n} о событиях в Астане")
    lead = "Короткий лид о событии, которое произошло сегодня в столице."
    body = "<p>Первый абзац.</p><p>Второй абзац.</p>"
    first_published_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n + 1))


def article_with(*, rubric, authors=(), tags=(), extra_rubrics=(), **fields) -> ArticlePage:
    """An article with byline, tags and extra rubrics set before it is published."""
    article = ArticleFactory.build(**fields)
    rubric.add_child(instance=article)
    article.set_byline(authors)
    article.extra_rubrics = list(extra_rubrics)
    article.tags.set(list(tags))
    article.save_revision().publish()
    return article


def admin_article_form(**fields) -> dict:
    """What the admin's article editor posts to publish: the given fields over a short body,
    no correction, tags or authors."""
    from wagtail.test.utils.form_data import rich_text

    form = {
        "body": rich_text("<p>Текст.</p>"),
        "correction": rich_text(""),
        "tags": "",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "0",
        "article_authors-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    return {**form, **fields}
