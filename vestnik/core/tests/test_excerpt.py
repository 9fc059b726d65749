from hypothesis import given
from hypothesis import strategies as st

from vestnik.core.text.excerpt import cut_excerpt, html_to_text

SEED = ("Выразив благодарность Президенту США за организацию исторической встречи в Белом доме, "
        "Касым-Жомарт Токаев отметил, что сотрудничество продолжится")  # fmt: skip


def test_short_text_is_returned_untouched():
    assert cut_excerpt("Короткий лид.", 160) == "Короткий лид."


def test_text_of_exactly_the_limit_is_not_cut():
    text = "слово " * 9 + "конец"
    assert cut_excerpt(text, len(text)) == text


def test_cyrillic_text_is_cut_between_words_with_an_ellipsis():
    result = cut_excerpt(SEED, 60)
    assert result == "Выразив благодарность Президенту США за организацию…"
    assert len(result) <= 60


def test_latin_text_is_cut_between_words():
    text = "The President thanked the United States for organising a historic meeting"
    assert cut_excerpt(text, 30) == "The President thanked the…"


def test_dangling_punctuation_is_dropped_before_the_ellipsis():
    assert cut_excerpt("в Белом доме, Касым-Жомарт Токаев отметил", 16) == "в Белом доме…"


def test_hyphenated_word_is_not_split():
    result = cut_excerpt(SEED, 100)
    assert "Касым…" not in result and "Касым-…" not in result


def test_a_complete_sentence_near_the_limit_ends_without_ellipsis():
    text = "Первое предложение закончилось здесь. А второе продолжается очень долго и не влезает"
    assert cut_excerpt(text, 60) == "Первое предложение закончилось здесь."


def test_a_single_overlong_word_is_kept_whole():
    assert cut_excerpt("Сверхдлинноесловобезпробелов и ещё", 10) == "Сверхдлинноесловобезпробелов…"


def test_html_is_reduced_to_text_with_spaces_between_blocks():
    assert html_to_text("<p>Один&nbsp;абзац.</p><p>Второй <b>абзац</b>.</p>") == "Один абзац. Второй абзац."


words = st.lists(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", min_size=1, max_size=15),
                 min_size=1, max_size=40)  # fmt: skip


@given(words, st.integers(min_value=5, max_value=200))
def test_excerpt_never_cuts_inside_a_word(word_list, limit):
    text = " ".join(word_list)
    result = cut_excerpt(text, limit)
    if result.endswith("…"):
        head = result[:-1]
        assert text.startswith(head)
        assert text[len(head)] == " "  # the next character in the source is a space
        assert len(result) <= limit or " " not in head
    else:
        assert result == text
