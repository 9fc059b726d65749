"""Fixtures shared by the apps' tests: a site with rubrics, authors and articles."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.news.services import ensure_site
from vestnik.news.tests.factories import AuthorFactory, RubricFactory, article_with


@pytest.fixture(autouse=True)
def _view_counters_in_memory():
    # Page views in tests are counted in this process and flushed only when a test asks.
    from vestnik.readership import counters

    counters.reset_for_tests()
    yield
    counters.reset_for_tests()


@pytest.fixture
def home(db):
    return ensure_site()


@pytest.fixture
def politics(home):
    return RubricFactory(title="Политика", parent=home)


@pytest.fixture
def society(home):
    return RubricFactory(title="Общество", parent=home)


@pytest.fixture
def newsroom(politics, society):
    """Two rubrics, two authors and a handful of published articles."""
    anuar = AuthorFactory(name="Ануар Нурпеисов")
    aigerim = AuthorFactory(name="Айгерим Сапарова")
    now = timezone.now()
    articles = [
        article_with(rubric=politics, authors=[anuar], tags=["выборы", "Астана"],
                     title="Парламент принял закон о выборах",
                     first_published_at=now - dt.timedelta(hours=1, minutes=5)),
        article_with(rubric=society, authors=[aigerim, anuar], tags=["Астана"],
                     extra_rubrics=[politics], title="В Астане открыли новую школу",
                     first_published_at=now - dt.timedelta(hours=2, minutes=5)),
        article_with(rubric=society, authors=[aigerim], tags=["образование"],
                     title="Учителя получат надбавки",
                     first_published_at=now - dt.timedelta(hours=5, minutes=5)),
    ]  # fmt: skip
    return {"politics": politics, "society": society, "anuar": anuar, "aigerim": aigerim,
            "articles": articles}  # fmt: skip
