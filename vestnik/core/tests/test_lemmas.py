import pytest

from vestnik.core.text.kazakh import kazakh_stem
from vestnik.core.text.layout import swap_layout
from vestnik.core.text.lemmas import inflections, is_kazakh, lemmas, words


def test_words_keep_offsets_of_the_original_spelling():
    text = "Жилин — «ФСБ», COVID-19 и Ёлка 😀"
    found = words(text)
    assert [w.form for w in found] == ["жилин", "фсб", "covid", "19", "и", "елка"]
    assert [text[w.start : w.end] for w in found] == ["Жилин", "ФСБ", "COVID", "19", "и", "Ёлка"]


@pytest.mark.parametrize(
    "form, lemma",
    [
        ("франции", "франция"),
        ("францией", "франция"),
        ("люди", "человек"),  # suppletive: the dictionary says it is one lemma
        ("жилиной", "жилин"),
        ("жилина", "жилин"),
        ("президента", "президент"),
    ],
)
def test_russian_forms_reduce_to_their_dictionary_lemma(form, lemma):
    assert lemma in lemmas(form)


def test_ambiguous_word_keeps_every_dictionary_lemma():
    assert {"стать", "сталь"} <= set(lemmas("стали"))


def test_derived_word_is_a_separate_lemma():
    assert "франция" not in lemmas("французский")


def test_latin_words_and_numbers_are_matched_as_written():
    assert lemmas("iphone") == ("iphone",)
    assert lemmas("2024") == ("2024",)


@pytest.mark.parametrize(
    "form, stem",
    [
        ("балалар", "бала"),
        ("балаларға", "бала"),
        ("балалардың", "бала"),
        ("балаларымызға", "бала"),
        ("балалары", "бала"),
        ("қалада", "қала"),
        ("қаласында", "қала"),
        ("қазақстанда", "қазақстан"),
        ("қазақстанның", "қазақстан"),
        ("қазақстаннан", "қазақстан"),
        ("мектептерде", "мектеп"),
        ("үкіметтің", "үкімет"),
        ("үкіметі", "үкімет"),
        ("оқушылар", "оқуш"),  # the -ы of "оқушы" goes in every form alike
        ("оқушы", "оқуш"),
        ("бала", "бала"),  # a final vowel is not cut as a case ending
        ("қызмет", "қызмет"),
    ],
)
def test_kazakh_stemmer_strips_case_possessive_and_plural_endings(form, stem):
    assert kazakh_stem(form) == stem


def test_words_with_kazakh_letters_are_stemmed_as_kazakh():
    assert lemmas("балаларға") == ("бала",)


def test_unknown_word_gets_its_kazakh_stem_only_in_a_kazakh_text():
    assert kazakh_stem("алматыда") == kazakh_stem("алматы")
    assert kazakh_stem("алматыда") in lemmas("алматыда", kazakh_context=True)
    assert kazakh_stem("алматыда") not in lemmas("алматыда", kazakh_context=False)


def test_kazakh_text_is_recognised_by_its_letters():
    assert is_kazakh("Алматыда жаңа мектеп ашылды, балалар қуанышты")
    assert is_kazakh("ҚАЗАҚСТАН ЖӘНЕ ӘЛЕМ")
    assert not is_kazakh("В Алматы открыли новую школу")
    assert not is_kazakh("2024 COVID-19")


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("ghtpbltyn", "президент"),
        ("Fcnfyf", "Астана"),
        ("шзрщту", "iphone"),
        ("ntvf.", "темаю"),
        ("Ghbdtn", "Привет"),
    ],
)
def test_keyboard_layout_swaps_both_ways(typed, meant):
    assert swap_layout(typed) == meant


def test_mixed_scripts_are_not_swapped():
    assert swap_layout("iPhone 15 цена") is None
    assert swap_layout("2024") is None


def razdel_words(text):
    """What the index would get from razdel: its tokens, split into letter and digit runs."""
    import re

    import razdel

    return [
        (m.group().lower().replace("ё", "е"), t.start + m.start())
        for t in razdel.tokenize(text)
        for m in re.finditer(r"[^\W\d_]+|\d+", t.text)
    ]


def demo_texts():
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "demo" / "data"
    articles = json.loads((data / "articles.json").read_text(encoding="utf-8"))["articles"]
    seed = next((data / "seed").glob("*.txt")).read_text(encoding="utf-8")
    extra = "COVID-19, iPhone15, т.е. 3,5 млн, Алма-Ата, из-за, e-mail: a_b@c.kz, 12:30, №5, 1990-е, Қазақстан-2050"
    return [seed, extra, *(" ".join(str(v) for v in a.values()) for a in articles)]


def test_words_are_razdels_tokens_split_into_letter_and_digit_runs():
    for text in demo_texts():
        assert [(w.form, w.start) for w in words(text)] == razdel_words(text)


def test_fast_forms_agree_with_the_word_list():
    from vestnik.core.text.lemmas import word_forms

    for text in [*demo_texts(), "Алматыда жаңа мектеп ашылды, балалар қуанышты", "ҚАЗАҚСТАН ЖӘНЕ ӘЛЕМ"]:
        assert word_forms(text) == [w.form for w in words(text)]


def test_inflections_are_every_form_of_the_words_lemmas():
    assert {"франция", "франции", "францию", "францией"} <= inflections("франция")
    # "стали" is a form of both "стать" and "сталь": the forms of both are given.
    assert {"стал", "станет", "сталью"} <= inflections("стали")
    assert inflections("covid") == {"covid"}
    assert inflections("баланың") == {"баланың"}
