"""A reader's word finds the forms it should and no others: the pair tables, checked
first on lemmas alone, then through the database's own engine."""

import pytest

from vestnik.core.text.lemmas import is_kazakh, lemmas, words
from vestnik.news.tests.factories import article_with
from vestnik.search.query import parse_query
from vestnik.search.selectors import search

from .word_pairs import KAZAKH_MATCH, MATCH, NOT_MATCH


def shares_a_lemma(query: str, document: str) -> bool:
    kazakh = is_kazakh(document)
    doc_lemmas = {lemma for w in words(document) for lemma in lemmas(w.form, kazakh)}
    terms = [t for clause in parse_query(query).positive for t in clause.terms]
    return all(not doc_lemmas.isdisjoint(t.lemmas) for t in terms)


def test_the_tables_are_big_enough():
    assert len(MATCH) + len(KAZAKH_MATCH) >= 100 and len(NOT_MATCH) >= 25


@pytest.mark.parametrize("query, document", MATCH + KAZAKH_MATCH)
def test_query_word_shares_a_lemma_with_its_form(query, document):
    assert shares_a_lemma(query, document)


@pytest.mark.parametrize("query, document", NOT_MATCH)
def test_query_word_shares_no_lemma_with_another_word(query, document):
    assert not shares_a_lemma(query, document)


@pytest.mark.django_db
def test_the_engine_finds_every_pair_and_no_false_one(politics):
    russian = article_with(rubric=politics, title="Сводка", lead="Все формы.",
                           body="<p>" + ". ".join(doc for _q, doc in MATCH) + ".</p>")  # fmt: skip
    kazakh = article_with(rubric=politics, title="Жаңалықтар", lead="Қазақ тілінде.",
                          body="<p>" + ". ".join(doc for _q, doc in KAZAKH_MATCH) + ".</p>")  # fmt: skip
    missed = [
        (q, d) for q, d in MATCH if russian.pk not in {h.article.pk for h in search(q, page_size=50).hits}
    ]
    missed += [
        (q, d)
        for q, d in KAZAKH_MATCH
        if kazakh.pk not in {h.article.pk for h in search(q, page_size=50).hits}
    ]
    assert missed == []

    wrong = []
    for query, document in NOT_MATCH:
        article = article_with(rubric=politics, title="Заметка", lead="Коротко.", body=f"<p>{document}.</p>")
        if article.pk in {h.article.pk for h in search(query, page_size=50).hits}:
            wrong.append((query, document))
    assert wrong == []
