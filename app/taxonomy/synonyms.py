"""Words residents type for the fixed categories, in the five languages of Wijkplein.

A service is found by the names of its categories in every language and by these words (see
``app.servicemap.search``). Professionals and admins add more per category
(``Category.synonyms``); these stay, so an edit cannot lose the words the map ships with.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext

from app.taxonomy.builtin import BUILTIN_NAMES
from app.taxonomy.models import Category

# nl, en, tr, ar, pl, in that order per category; several forms where people type several.
# fmt: off
BUILTIN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "money-and-debt": (
        "schuld", "schulden", "schuldhulp", "geldzorgen", "geld", "rekeningen", "budget",
        "toeslagen", "uitkering",
        "debt", "debts", "money", "bills", "benefits",
        "borç", "borçlar", "para", "fatura",
        "دين", "ديون", "مال", "فواتير",
        "dług", "długi", "pieniądze", "rachunki", "zadłużenie",
    ),
    "health-and-care": (
        "dokter", "huisarts", "arts", "zorg", "gezondheid", "ziek", "apotheek", "medicijnen",
        "doctor", "gp", "health", "care", "pharmacy",
        "doktor", "hekim", "sağlık", "eczane",
        "طبيب", "دكتور", "صحة", "صيدلية",
        "lekarz", "zdrowie", "apteka", "opieka",
    ),
    "parenting-and-youth": (
        "opvoeding", "opvoeden", "kinderen", "kind", "jongeren", "ouders", "baby",
        "parenting", "children", "kids", "youth", "parents",
        "çocuk", "çocuklar", "gençler", "ebeveyn",
        "أطفال", "طفل", "شباب", "تربية",
        "dzieci", "dziecko", "młodzież", "rodzice",
    ),
    "language-and-learning": (
        "taalles", "taallessen", "taalcafé", "taal", "nederlands leren", "inburgering", "leren",
        "huiswerk", "computer",
        "dutch lessons", "language", "learn dutch", "homework",
        "dil kursu", "dil", "hollandaca", "ders",
        "دروس اللغة", "لغة", "تعلم الهولندية", "هولندية",
        "kurs językowy", "język", "nauka niderlandzkiego", "lekcje",
    ),
    "work-and-day-activities": (
        "werk", "baan", "vacature", "solliciteren", "dagbesteding", "vrijwilligerswerk",
        "work", "job", "jobs", "day activities",
        "iş", "çalışmak", "meslek",
        "عمل", "وظيفة", "شغل",
        "praca", "zatrudnienie",
    ),
    "meeting-people": (
        "ontmoeten", "koffie", "buurthuis", "eenzaam", "gezelligheid", "vrienden",
        "meet", "meeting", "coffee", "lonely", "friends",
        "buluşma", "kahve", "arkadaş",
        "لقاء", "قهوة", "أصدقاء",
        "spotkanie", "kawa", "przyjaciele",
    ),
    "housing": (
        "wonen", "huis", "huur", "woning", "verhuurder", "reparatie",
        "housing", "home", "rent", "landlord", "repair",
        "ev", "kira", "konut",
        "سكن", "بيت", "إيجار",
        "mieszkanie", "czynsz", "dom",
    ),
    "safety": (
        "veiligheid", "politie", "wijkagent", "overlast", "ruzie", "buren",
        "safety", "police", "neighbours", "nuisance",
        "güvenlik", "polis", "komşu",
        "أمان", "شرطة", "جيران",
        "bezpieczeństwo", "policja", "sąsiedzi",
    ),
    "food": (
        "voedselbank", "eten", "voedselpakket", "maaltijd", "boodschappen",
        "food bank", "food", "meal", "groceries",
        "gıda bankası", "yemek", "gıda",
        "بنك الطعام", "طعام", "أكل",
        "bank żywności", "jedzenie", "posiłek",
    ),
    "sport-and-exercise": (
        "sport", "sporten", "bewegen", "fitness", "zwemmen",
        "exercise", "gym", "swimming",
        "spor", "egzersiz", "yüzme",
        "رياضة", "تمارين",
        "ćwiczenia", "pływanie",
    ),
}
# fmt: on


def category_terms(category: Category) -> list[str]:
    """Return every name and word ``category`` is found by, in all languages, without repeats."""
    terms: list[str] = []
    if category.is_builtin and category.slug in BUILTIN_NAMES:
        for language in current_app.config["LANGUAGES"]:
            with force_locale(language):
                terms.append(gettext(BUILTIN_NAMES[category.slug]))
    terms += [name for name in (category.names or {}).values() if name]
    terms += BUILTIN_SYNONYMS.get(category.slug, ()) if category.is_builtin else ()
    terms += category.synonyms or []
    return list(dict.fromkeys(terms))
