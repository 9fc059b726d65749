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


def add_note(article: ArticlePage, text: str, *, at=None, kind="correction", publish=True) -> ArticlePage:
    """A correction (or update) note added to the article, published with a new revision."""
    from vestnik.news.models import CorrectionNote

    article = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    notes = list(article.correction_notes.all())
    article.correction_notes = [*notes, CorrectionNote(kind=kind, noted_at=at or timezone.now(), text=text)]
    revision = article.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)


def inline_forms(prefix: str, forms: list[dict] | None = None) -> dict:
    """An inline panel's formset as the admin posts it: management fields and ``forms``."""
    forms = forms or []
    data = {f"{prefix}-TOTAL_FORMS": str(len(forms)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for i, form in enumerate(forms):
        data |= {f"{prefix}-{i}-{name}": value for name, value in form.items()}
        data |= {f"{prefix}-{i}-id": "", f"{prefix}-{i}-ORDER": str(i + 1), f"{prefix}-{i}-DELETE": ""}
    return data


def admin_article_form(**fields) -> dict:
    """What the admin's article editor posts to publish: the given fields over a short body,
    no correction notes, tags or authors."""
    from wagtail.test.utils.form_data import rich_text

    form = {
        "body": rich_text("<p>Текст.</p>"),
        "tags": "",
        **inline_forms("article_authors"),
        **inline_forms("correction_notes"),
        "action-publish": "action-publish",
    }
    return {**form, **fields}
