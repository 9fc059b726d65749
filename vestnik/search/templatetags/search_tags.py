from django import template

from vestnik.core.templatetags.vestnik_text import reader_language
from vestnik.core.text.plural import plural

register = template.Library()

# Russian needs three forms after a number; gettext's catalogs here carry Russian msgids
# with no plural rules of their own, so the forms live with the rule (core.text.plural).
FOUND = {
    "ru": {"one": "Найден {n} материал", "few": "Найдено {n} материала", "many": "Найдено {n} материалов"},
    "kk": {"other": "{n} материал табылды"},
    "en": {"one": "{n} article found", "other": "{n} articles found"},
}


@register.simple_tag
def found_count(n: int) -> str:
    lang = reader_language()
    return plural(n, FOUND[lang], lang).format(n=f"{n:,}".replace(",", "\u00a0"))
