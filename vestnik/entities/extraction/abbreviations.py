"""Known abbreviations and standard place names.

An organisation's abbreviation links to its full name: when both occur in an article they
are one entity named by the full name with the abbreviation as an alias; when only the
abbreviation occurs, the entity is named by it (the full name is not invented).

Places are always named by their standard short name, whichever form the text uses: "РФ" and
"Российская Федерация" are the place Россия, "РК" and "Республика Казахстан" are Казахстан.
США stays США: it is the name Russian news use for the country ("Соединённые Штаты Америки"
is an alias of it).
"""

from __future__ import annotations

# abbreviation: (kind, full name)
ORGANISATIONS: dict[str, str] = {
    "ФСБ": "Федеральная служба безопасности",
    "МВД": "Министерство внутренних дел",
    "МИД": "Министерство иностранных дел",
    "КНБ": "Комитет национальной безопасности",
    "ООН": "Организация Объединённых Наций",
    "НАТО": "Организация Североатлантического договора",
    "ЕС": "Европейский союз",
    "ЕАЭС": "Евразийский экономический союз",
    "ОДКБ": "Организация Договора о коллективной безопасности",
    "ШОС": "Шанхайская организация сотрудничества",
    "СНГ": "Содружество Независимых Государств",
    "ОБСЕ": "Организация по безопасности и сотрудничеству в Европе",
    "МВФ": "Международный валютный фонд",
    "ВОЗ": "Всемирная организация здравоохранения",
    "ФИФА": "Международная федерация футбола",
    "МОК": "Международный олимпийский комитет",
    "СК": "Следственный комитет",
    "ЦИК": "Центральная избирательная комиссия",
    "АФМ": "Агентство по финансовому мониторингу",
    "НБК": "Национальный банк Казахстана",
    "ЦБ": "Центральный банк",
}

# Places: every name and abbreviation → the standard name.
PLACES: dict[str, str] = {
    "РФ": "Россия",
    "Российская Федерация": "Россия",
    "РК": "Казахстан",
    "Республика Казахстан": "Казахстан",
    "США": "США",
    "Соединённые Штаты Америки": "США",
    "Соединённые Штаты": "США",
    "Соединенные Штаты Америки": "США",
    "Соединенные Штаты": "США",
    "Штаты": "США",
    "КНР": "Китай",
    "Китайская Народная Республика": "Китай",
    "Великобритания": "Великобритания",
    "Соединённое Королевство": "Великобритания",
    "Соединенное Королевство": "Великобритания",
    "Нур-Султан": "Астана",
}

# One-word short names that are spellings of a full name: always named by the full name.
ORGANISATION_NAMES: dict[str, str] = {
    "Евросоюз": "Европейский союз",
    "Госдума": "Государственная дума",
    "Генпрокуратура": "Генеральная прокуратура",
    "Минфин": "Министерство финансов",
    "Минздрав": "Министерство здравоохранения",
    "Нацбанк": "Национальный банк",
}

# Abbreviations of common nouns, never an entity: a detention centre, a road accident, a
# company's legal form ("ТОО «Самрук»": the entity is «Самрук»).
NOT_ENTITIES = {
    "СИЗО",
    "ДТП",
    "ВВП",
    "НДС",
    "СМИ",
    "ЖКХ",
    "ИИ",
    "ТОО",
    "АО",
    "ООО",
    "ОАО",
    "ЗАО",
    "ПАО",
    "ИП",
}

ALL = set(ORGANISATIONS) | {name for name in PLACES if name.isupper()}


def fold(name: str) -> str:
    """A name as compared: lower case, "ё" as "е"."""
    return name.lower().replace("ё", "е")


_FULL_TO_ABBREVIATION = {fold(full): abbreviation for abbreviation, full in ORGANISATIONS.items()}
_PLACES = {fold(name): standard for name, standard in PLACES.items()}
_ORGANISATION_NAMES = {fold(name): full for name, full in ORGANISATION_NAMES.items()}


def kind_of(abbreviation: str) -> str | None:
    """ "ORG" or "LOC" for a known abbreviation, None for anything else."""
    if abbreviation in ORGANISATIONS:
        return "ORG"
    if abbreviation in PLACES:
        return "LOC"
    return None


def standard_place(name: str) -> str:
    """The standard name of a place ("РФ", "Российская Федерация" → "Россия")."""
    return _PLACES.get(fold(name), name)


def standard_organisation(name: str) -> str:
    """The full name of an organisation written by a one-word short name ("Евросоюз")."""
    return _ORGANISATION_NAMES.get(fold(name), name)


def is_organisation_name(name: str) -> bool:
    return fold(name) in _ORGANISATION_NAMES


def abbreviation_of(full_name: str) -> str | None:
    """The known abbreviation of an organisation's full name, if any."""
    return _FULL_TO_ABBREVIATION.get(fold(full_name))


_SKIPPED_IN_ACRONYMS = {"и", "по", "о", "в", "на", "для", "при"}


def is_acronym_of(abbreviation: str, full_name: str) -> bool:
    """Whether an abbreviation is made of the initials of a full name's words ("ФСБ")."""
    words = [w for w in full_name.replace("-", " ").split() if w.lower() not in _SKIPPED_IN_ACRONYMS]
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == abbreviation.upper()
