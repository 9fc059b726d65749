import pytest
from hypothesis import given
from hypothesis import strategies as st

from vestnik.core.text.translit import make_slug, transliterate

SEED_TITLE = "Жена депортированного из Казахстана российского офицера просит политического убежища во Франции"


@pytest.mark.parametrize(
    ("text", "news", "gost_b", "kazakh_latin"),
    [
        ("жена", "zhena", "zhena", "jena"),
        ("хлеб", "khleb", "xleb", "hleb"),
        ("цирк", "tsirk", "cirk", "tsirk"),
        ("отец", "otets", "otecz", "otets"),
        ("чай", "chay", "chaj", "chai"),
        ("шум", "shum", "shum", "shum"),
        ("щука", "shchuka", "shhuka", "shshuka"),
        ("юг", "yug", "yug", "iug"),
        ("яма", "yama", "yama", "iama"),
        ("объём", "obem", "obyom", "obiom"),
        ("мышь", "mysh", "mysh", "mysh"),
        ("этаж", "etazh", "etazh", "etaj"),
        ("Қазақстан", "kazakstan", "kazakstan", "qazaqstan"),
        ("әлем", "alem", "alem", "alem"),
        ("ғылым", "gylym", "gylym", "gylym"),
        ("аң", "an", "an", "an"),
        ("өнер", "oner", "oner", "oner"),
        ("ұлт", "ult", "ult", "ult"),
        ("үй", "uy", "uj", "ui"),
        ("һәм", "ham", "ham", "ham"),
        ("іс", "is", "is", "is"),
    ],
)
def test_each_table_writes_the_letters_its_way(text, news, gost_b, kazakh_latin):
    assert transliterate(text, "news") == news
    assert transliterate(text, "gost_b") == gost_b
    assert transliterate(text, "kazakh_latin") == kazakh_latin


def test_seed_title_becomes_a_readable_slug_cut_at_a_word():
    slug = make_slug(SEED_TITLE)
    assert slug == "zhena-deportirovannogo-iz-kazakhstana-rossiyskogo-ofitsera-prosit-politicheskogo"
    assert len(slug) <= 80


def test_punctuation_quotes_and_dashes_become_single_hyphens():
    assert make_slug("«Центральная Азия – США»: итоги!") == "tsentralnaya-aziya-ssha-itogi"


def test_accented_latin_and_digits_survive():
    assert make_slug("Café 2025 — Ünal") == "cafe-2025-unal"


def test_emoji_only_title_gives_an_empty_slug_for_the_caller_to_replace():
    assert make_slug("🔥🔥🔥") == ""


def test_unknown_table_is_named_in_the_error():
    with pytest.raises(ValueError, match="'latin'"):
        transliterate("а", "latin")


@given(st.text(max_size=300), st.sampled_from(["news", "gost_b", "kazakh_latin"]))
def test_slug_is_always_ascii_lowercase_words_and_single_hyphens(text, table):
    slug = make_slug(text, table)
    assert len(slug) <= 80
    assert slug == slug.strip("-")
    assert "--" not in slug
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in slug)
