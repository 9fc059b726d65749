import pytest

from vestnik.core.text.plural import plural_category


def russian_category_by_spelling(n: int) -> str:
    """The rule as a grammar book states it, on the written number (independent of the code)."""
    digits = str(n)
    if digits[-2:] in {"11", "12", "13", "14"}:
        return "many"
    last = digits[-1]
    if last == "1":
        return "one"
    if last in "234":
        return "few"
    return "many"


@pytest.mark.parametrize("n", range(0, 201))
def test_russian_plural_category_matches_the_grammar_rule_for_0_to_200(n):
    assert plural_category(n, "ru") == russian_category_by_spelling(n)


@pytest.mark.parametrize("n", [11, 12, 13, 14, 111, 112, 113, 114])
def test_russian_teens_take_the_many_form(n):
    assert plural_category(n, "ru") == "many"


@pytest.mark.parametrize(("n", "expected"), [(1, "one"), (21, "one"), (101, "one"), (121, "one"),
    (2, "few"), (24, "few"), (102, "few"), (0, "many"), (5, "many"), (20, "many"), (100, "many"),
    (200, "many")])  # fmt: skip
def test_russian_plural_examples(n, expected):
    assert plural_category(n, "ru") == expected


@pytest.mark.parametrize("n", range(0, 201))
def test_kazakh_nouns_do_not_change_after_a_number(n):
    assert plural_category(n, "kk") == "other"


@pytest.mark.parametrize("n", range(0, 201))
def test_english_has_one_only_for_one(n):
    assert plural_category(n, "en") == ("one" if n == 1 else "other")


def test_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="'de'"):
        plural_category(1, "de")
