"""Two extractions: the real one (natasha, loaded once per session: `extract`) for the extraction's
own tests, and a fake one for the site's tests (`extraction`), where each known name is found as many
times as its needle occurs in the text."""

from types import SimpleNamespace

import pytest

# The newsroom's roles, for the editor's decisions by role.
from vestnik.newsroom.tests.conftest import desks, reporter  # noqa: F401

KNOWN = [
    ("PER", "Михаил Жилин", "Жилин", ()),
    ("ORG", "ФСБ", "ФСБ", ("Федеральная служба безопасности",)),
    ("LOC", "Астана", "Астан", ()),
    ("ORG", "Парламент", "Парламент", ()),
    ("PER", "Айдос Серикбаев", "Серикбаев", ()),
]


def fake_extract(text: str):
    return [
        SimpleNamespace(kind=kind, name=name, count=text.count(needle), aliases=aliases)
        for kind, name, needle, aliases in KNOWN
        if needle in text
    ]


@pytest.fixture
def extraction(monkeypatch):
    """Replace natasha with fake_extract; returns the list of texts it was asked about."""
    calls = []

    def extract(text):
        calls.append(text)
        return fake_extract(text)

    monkeypatch.setattr("vestnik.entities.services.extract", extract)
    return calls


@pytest.fixture
def enrich_on_publish(settings, extraction):
    settings.VESTNIK_ENRICH_ON_PUBLISH = True
    return extraction


@pytest.fixture
def auto_accept(home):
    from wagtail.models import Site

    from vestnik.entities.models import EntitySettings

    settings = EntitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.auto_accept = True
    settings.save()
    return settings


@pytest.fixture(scope="session")
def extract():
    """extract_entities with its models loaded once for the whole session."""
    from vestnik.entities.extraction import extract_entities

    extract_entities("Михаил Жилин уехал в Казахстан.")
    return extract_entities
