"""An article as the index sees it: four weighted fields of words and their lemmas."""

from __future__ import annotations

from dataclasses import dataclass

from vestnik.core.text.excerpt import html_to_text
from vestnik.core.text.lemmas import is_kazakh, lemmas, word_forms

# Heaviest first: a word in the title counts most, one in the body least. "meta" is
# the tags, the authors' names and the rubrics.
FIELDS = ("title", "lead", "meta", "body")


@dataclass(frozen=True)
class AnalysedField:
    forms: list[str]  # one per word, in order (phrases match these)
    lemmas: list[tuple[str, ...]]  # the lemmas of each word


@dataclass(frozen=True)
class AnalysedDocument:
    fields: dict[str, AnalysedField]

    @property
    def forms(self) -> set[str]:
        return {form for field in self.fields.values() for form in field.forms}


def article_texts(page, rubric_titles: dict[str, str] | None = None) -> dict[str, str]:
    """The text of each field. ``rubric_titles`` (tree path → title) saves a query per
    article when indexing many; relations are read through prefetch-friendly managers."""
    parent_path = page.path[: -page.steplen]
    if rubric_titles is not None:
        rubrics = [rubric_titles.get(parent_path, "")]
    else:
        from vestnik.news.models import RubricPage

        rubrics = list(RubricPage.objects.filter(path=parent_path).values_list("title", flat=True))
    rubrics += [r.title for r in page.extra_rubrics.all()]
    authors = [link.author.name for link in page.article_authors.all()]
    tags = [item.tag.name for item in page.tagged_items.all()]
    return {
        "title": page.title,
        "lead": page.lead,
        "meta": " \n ".join(filter(None, [*tags, *authors, *rubrics])),
        "body": html_to_text(page.body or ""),
    }


def analyse(texts: dict[str, str]) -> AnalysedDocument:
    by_field = {name: word_forms(texts.get(name, "")) for name in FIELDS}
    kazakh = is_kazakh(" ".join(texts.get(name, "") for name in FIELDS))
    return AnalysedDocument(
        {name: AnalysedField(forms, [lemmas(f, kazakh) for f in forms]) for name, forms in by_field.items()}
    )
