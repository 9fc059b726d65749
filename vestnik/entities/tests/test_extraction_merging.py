"""Mentions of one entity in one text become one FoundEntity: surnames alone, patronymics,
abbreviations, other names of a place; and the order of the list."""

import pytest

from vestnik.entities.extraction import FoundEntity
from vestnik.entities.extraction.abbreviations import (
    ORGANISATIONS,
    PLACES,
    abbreviation_of,
    is_acronym_of,
    kind_of,
    standard_place,
)

# Text in, names out: no database, so the SQLite pass is enough.
pytestmark = pytest.mark.once


def by_name(entities):
    return {e.name: e for e in entities}


def test_surname_alone_merges_into_the_full_name(extract):
    found = extract("Михаил Жилин отправил семью в Казахстан. Затем Жилин сам пересек границу.")
    people = [e for e in found if e.kind == "PER"]
    assert people == [FoundEntity("PER", "Михаил Жилин", 2, ("Жилин",))]


def test_surname_in_any_case_before_or_after_the_full_name_merges(extract):
    found = by_name(
        extract(
            "Суд оправдал Токаева. Касым-Жомарт Токаев прокомментировал решение. Журналисты спросили Токаева о деталях."
        )
    )
    assert found["Касым-Жомарт Токаев"].count == 3
    assert [e.name for e in found.values() if e.kind == "PER"] == ["Касым-Жомарт Токаев"]


def test_husband_and_wife_stay_two_people(extract):
    found = by_name(
        extract(
            "Анна Петрова, жена бизнесмена Сергея Петрова, обратилась в суд. Петрова утверждает, что ее мужа держат без обвинения. Адвокат Петрова подал жалобу."
        )
    )
    assert found["Анна Петрова"].count == 2
    assert found["Сергей Петров"].count == 2


def test_patronymic_is_an_alias_of_the_same_person(extract):
    found = by_name(
        extract("Касым-Жомарт Кемелевич Токаев подписал указ. Касым-Жомарт Токаев также выступил с речью.")
    )
    toqaev = found["Касым-Жомарт Токаев"]
    assert (toqaev.count, toqaev.aliases) == (2, ("Касым-Жомарт Кемелевич Токаев",))


def test_surname_without_a_full_name_is_a_person_by_the_surname(extract):
    found = by_name(extract("Песков заявил журналистам, что Кремль не получал предложений."))
    assert found["Песков"].kind == "PER"


def test_abbreviation_joins_its_full_name_from_the_list(extract):
    found = by_name(
        extract("Министерство внутренних дел сообщило о задержании. В МВД уточнили, что задержанных двое.")
    )
    mvd = found["Министерство внутренних дел"]
    assert (mvd.kind, mvd.count, mvd.aliases) == ("ORG", 2, ("МВД",))
    assert "МВД" not in found


def test_abbreviation_alone_is_named_by_itself(extract):
    found = by_name(extract("Сотрудники КНБ задержали в Шымкенте двух человек."))
    assert found["КНБ"] == FoundEntity("ORG", "КНБ", 1, ())


def test_abbreviation_the_article_defines_joins_the_name_it_follows(extract):
    # Not in the list: the article's "Full name (ABBR)" is enough.
    found = by_name(
        extract(
            "Агентство по защите и развитию конкуренции (АЗРК) оштрафовало компанию. В АЗРК пояснили, что штраф можно обжаловать."
        )
    )
    agency = [e for e in found.values() if "АЗРК" in e.aliases]
    assert len(agency) == 1 and agency[0].count == 3 and agency[0].kind == "ORG"


def test_abbreviation_made_of_a_named_organisations_initials_joins_it(extract):
    found = by_name(
        extract("Государственный пограничный комитет усилил охрану. В ГПК заявили, что пропуск не закрыт.")
    )
    assert any("ГПК" in e.aliases for e in found.values())


def test_abbreviation_with_a_country_is_the_organisation_and_the_place(extract):
    found = by_name(extract("МВД России объявило в розыск бывшего депутата."))
    assert found["МВД"].kind == "ORG"
    assert found["Россия"].kind == "LOC"


def test_other_names_of_a_place_are_aliases_of_its_standard_name(extract):
    found = by_name(
        extract(
            "Правительство РФ обсудило бюджет. В России ожидают роста цен, сообщили в Российской Федерации."
        )
    )
    russia = found["Россия"]
    assert (russia.kind, russia.count) == ("LOC", 3)
    assert set(russia.aliases) == {"РФ", "Российская Федерация"}


def test_short_name_of_an_organisation_is_its_full_name(extract):
    found = by_name(extract("Евросоюз утвердил пакет санкций. Глава дипломатии ЕС выступил в Брюсселе."))
    eu = found["Европейский союз"]
    assert (eu.kind, eu.count) == ("ORG", 2)
    assert set(eu.aliases) == {"Евросоюз", "ЕС"}


def test_most_mentioned_first_then_first_mentioned(extract):
    found = extract(
        "В Париже прошла встреча. Лондон и Берлин прислали делегации. Берлин предложил план, Берлин его и выполнит."
    )
    assert [e.name for e in found] == ["Берлин", "Париж", "Лондон"]


def test_empty_text_has_no_entities(extract):
    assert extract("") == [] and extract("   \n") == []


@pytest.mark.parametrize("abbreviation", sorted(ORGANISATIONS))
def test_every_listed_abbreviation_is_an_organisation_with_its_full_name(abbreviation):
    assert kind_of(abbreviation) == "ORG"
    assert abbreviation_of(ORGANISATIONS[abbreviation]) == abbreviation


@pytest.mark.parametrize(("name", "standard"), sorted(PLACES.items()))
def test_every_listed_place_name_has_its_standard_name(name, standard):
    assert standard_place(name) == standard


def test_acronym_skips_conjunctions_and_prepositions():
    assert is_acronym_of("ФСБ", "Федеральная служба безопасности")
    assert is_acronym_of("ОБСЕ", "Организация по безопасности и сотрудничеству в Европе")
    assert not is_acronym_of("МВД", "Министерство иностранных дел")
