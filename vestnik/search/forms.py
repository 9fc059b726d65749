"""The search form: the query and its filters, each with a message naming what is wrong."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vestnik.news.models import Author, RubricPage
from vestnik.news.selectors import with_live_articles

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Что найти"), required=False, strip=True)
    rubric = forms.ModelChoiceField(
        label=_("Рубрика"),
        queryset=RubricPage.objects.live().order_by("path"),
        required=False,
        empty_label=_("Все рубрики"),
        error_messages={"invalid_choice": _("Такой рубрики нет: выберите рубрику из списка.")},
    )
    author = forms.ModelChoiceField(
        label=_("Автор"),
        queryset=with_live_articles(Author.objects.all()).order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Все авторы"),
        error_messages={"invalid_choice": _("Такого автора нет: выберите автора из списка.")},
    )
    date_from = forms.DateField(
        label=_("С даты"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Дата «с» не распознана: нужен формат ГГГГ-ММ-ДД, например 2024-05-31.")
        },
    )
    date_to = forms.DateField(
        label=_("По дату"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Дата «по» не распознана: нужен формат ГГГГ-ММ-ДД, например 2024-05-31.")
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Дата «по» раньше даты «с»: поменяйте их местами."))
        return data
