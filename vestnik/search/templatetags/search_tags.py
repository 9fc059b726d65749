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
# "More than N": after "более" Russian takes the genitive, singular after 1, 21, 31…
FOUND_MORE = {
    "ru": {"one": "Найдено более {n} материала", "few": "Найдено более {n} материалов",
           "many": "Найдено более {n} материалов"},
    "kk": {"other": "{n}+ материал табылды"},
    "en": {"one": "More than {n} articles found", "other": "More than {n} articles found"},
}  # fmt: skip


@register.simple_tag
def found_count(n: int, exact: bool = True) -> str:
    lang = reader_language()
    forms = FOUND if exact else FOUND_MORE
    return plural(n, forms[lang], lang).format(n=f"{n:,}".replace(",", "\u00a0"))
