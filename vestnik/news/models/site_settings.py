from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from vestnik.core.text.translit import DEFAULT_TABLE, TABLE_LABELS


@register_setting(icon="site")
class NewsSiteSettings(BaseSiteSetting):
    slug_table = models.CharField(
        _("транслитерация адресов"),
        max_length=20,
        choices=list(TABLE_LABELS.items()),
        default=DEFAULT_TABLE,
        help_text=_(
            "По какой таблице русские и казахские заголовки превращаются в адреса "
            "страниц. Меняет только новые адреса: опубликованные не меняются."
        ),
    )
    tagline = models.CharField(
        _("подзаголовок сайта"), max_length=200, blank=True, default="Новости Казахстана и мира"
    )

    feed_full_text = models.BooleanField(
        _("полный текст в RSS и Atom"),
        default=False,
        help_text=_("Если выключено, в лентах только лид и ссылка; Яндекс-лента всегда полнотекстовая."),
    )

    panels = [FieldPanel("tagline"), FieldPanel("slug_table"), FieldPanel("feed_full_text")]

    class Meta:
        verbose_name = _("настройки издания")
