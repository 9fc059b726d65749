"""Parts of the admin's article form (ArticlePage's panels) beyond Wagtail's ready ones."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel


class PrimaryRubricPanel(Panel):
    """The article's primary rubric — its parent page in the tree — shown, not edited: it
    is changed by moving the article, which keeps the old address as a redirect."""

    def id_for_label(self):
        return "primary-rubric"

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/primary_rubric_panel.html"
        read_only = True  # the panel's heading is a label for text, not for an input

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            parent = getattr(self.form, "parent_page", None)
            context["rubric_title"] = parent.title if parent is not None else ""
            context["move_url"] = (
                reverse("wagtailadmin_pages:move", args=[self.instance.pk]) if self.instance.pk else ""
            )
            return context


def article_rubric_panel() -> MultiFieldPanel:
    """The primary rubric, shown, then the extra ones as checkboxes (a handful of rubrics:
    a multiple select would need Ctrl-clicks)."""
    return MultiFieldPanel(
        [
            PrimaryRubricPanel(heading=_("Основная рубрика")),
            FieldPanel("extra_rubrics", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Рубрика"),
    )


def article_image_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel(
                "hero_image", help_text=_("Без альтернативного текста у снимка материал не опубликовать.")
            ),
            FieldPanel("hero_caption", help_text=_("Если пусто — подпись из библиотеки изображений.")),
        ],
        heading=_("Изображение"),
    )


def article_seo_panels() -> list[MultiFieldPanel]:
    """Wagtail's "for search engines" fields in a reporter's words, and what fills them when
    left empty; without "show in menus" (the site's menu lists rubrics, never articles)."""
    return [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    heading=_("Адрес"),
                    help_text=_(
                        "Латиницей, из заголовка. Если сменить его у опубликованного материала, "
                        "старый адрес будет перенаправлять на новый."
                    ),
                ),
                FieldPanel(
                    "seo_title",
                    heading=_("Заголовок для поисковиков и соцсетей"),
                    help_text=_("Если пусто — заголовок материала."),
                ),
                FieldPanel(
                    "search_description",
                    heading=_("Описание для поисковиков и соцсетей"),
                    help_text=_("Если пусто — лид."),
                ),
            ],
            heading=_("Поисковики и соцсети"),
        )
    ]
