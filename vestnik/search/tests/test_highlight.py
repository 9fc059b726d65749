from vestnik.core.text.lemmas import lemmas
from vestnik.search.highlight import Matcher, highlight_title, snippet
from vestnik.search.query import parse_query


def test_title_marks_every_form_of_the_word_and_escapes_the_rest():
    html = highlight_title("<Франция> & Францией — «во Франции»", Matcher(parse_query("Франция")))
    assert html == "&lt;<mark>Франция</mark>&gt; &amp; <mark>Францией</mark> — «во <mark>Франции</mark>»"


def test_snippet_shows_windows_around_matches_cut_at_word_boundaries():
    text = (
        " ".join(["слово"] * 60)
        + " Жилиной "
        + " ".join(["текст"] * 80)
        + " Жилин "
        + " ".join(["конец"] * 60)
    )
    html = snippet(text, Matcher(parse_query("Жилина")))
    assert html.startswith("…") and html.endswith("…")
    assert html.count("<mark>") == 2
    assert "<mark>Жилиной</mark>" in html and "<mark>Жилин</mark>" in html
    assert " … " in html  # two windows, the gap between them shown
    assert len(html) < 400


def test_snippet_without_a_match_shows_the_opening():
    html = snippet("Начало текста. " * 40, Matcher(parse_query("Франция")))
    assert html.startswith("Начало текста.") and "<mark>" not in html


def test_phrase_words_are_marked_only_in_their_exact_form():
    html = highlight_title("Во Франции и во Францию", Matcher(parse_query('"во Франции"')))
    assert "<mark>Франции</mark>" in html and "<mark>Францию</mark>" not in html


def test_kazakh_words_are_marked_by_their_stem():
    html = highlight_title("Балалар мен баланың ойыны", Matcher(parse_query("бала")))
    assert html == "<mark>Балалар</mark> мен <mark>баланың</mark> ойыны"


def test_a_word_unknown_to_the_dictionary_is_marked_in_its_guessed_forms():
    html = highlight_title("Ковидом заболели, ковида нет", Matcher(parse_query("ковид")))
    assert html == "<mark>Ковидом</mark> заболели, <mark>ковида</mark> нет"


def test_marking_a_text_lemmatizes_none_of_its_words():
    """The forms to mark are made once per query: lemmatizing every word of every result
    would read the dictionary at random and fill the lemma cache with each text shown."""
    matcher = Matcher(parse_query("Франция"))
    cached = lemmas.cache_info().currsize
    text = "Французские туристы вернулись из Франции. " + "Другие новости дня пришли позже. " * 30
    assert len(matcher.spans(text)) == 1
    assert lemmas.cache_info().currsize == cached
