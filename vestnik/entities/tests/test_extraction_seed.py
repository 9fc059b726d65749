"""The seed article (the demo's copy of the captured page): every entity once, named right."""

from pathlib import Path

import pytest

from vestnik.importers.capture import parse_capture

# Text in, names out: no database, so the SQLite pass is enough.
pytestmark = pytest.mark.once

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"

PERSONS = {"Екатерина Жилина", "Михаил Жилин", "Евгения Балтатарова", "Владимир Путин"}
PLACES = {"Казахстан", "Франция", "Париж", "Россия", "Новосибирск", "Астана", "Сибирский федеральный округ",
          "Абайский район"}  # fmt: skip


@pytest.fixture(scope="module")
def entities(extract):
    page = parse_capture(SEED.read_text(encoding="utf-8"), str(SEED))
    return extract("\n\n".join(page.paragraphs))


def named(entities, name):
    found = [e for e in entities if e.name == name or name in e.aliases]
    assert len(found) == 1, f"{name!r} should be one entity, found {found}"
    return found[0]


def test_every_person_once_and_no_other(entities):
    assert {e.name for e in entities if e.kind == "PER"} == PERSONS


@pytest.mark.parametrize("name", sorted(PLACES))
def test_every_place_once_in_the_nominative(entities, name):
    assert named(entities, name).kind == "LOC"


def test_fsb_is_one_organisation_under_its_full_name(entities):
    fsb = named(entities, "ФСБ")
    assert (fsb.kind, fsb.name, fsb.aliases) == ("ORG", "Федеральная служба безопасности", ("ФСБ",))
    assert fsb.count == 5  # the full name once, "(ФСБ)" once, "ФСБ" three times


def test_radio_liberty_is_an_organisation(entities):
    assert named(entities, "Радио Свобода").kind == "ORG"


def test_the_husband_collects_his_surname_in_every_case(entities):
    husband = named(entities, "Михаил Жилин")
    # Михаил Жилин, Жилин ×3, "объявила Жилина в розыск", "Жена Жилина опасается".
    assert (husband.count, husband.aliases) == (6, ("Жилин",))
    assert named(entities, "Екатерина Жилина").count == 2  # "Екатерина Жилина", "Екатерине Жилиной"


def test_russian_federation_is_russia(entities):
    russia = named(entities, "Россия")
    assert "Российская Федерация" in russia.aliases


def test_most_mentioned_first(entities):
    counts = [e.count for e in entities]
    assert counts == sorted(counts, reverse=True)
    assert entities[0].name in ("Казахстан", "Россия")


def test_no_name_keeps_a_bracket_or_a_case_ending(entities):
    names = {e.name for e in entities} | {a for e in entities for a in e.aliases}
    assert not any("(" in n or ")" in n for n in names)
    assert not names & {"Жилина", "Жилиной", "Федеральная служба безопасность", "Франции", "Путина"}
