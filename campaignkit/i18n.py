"""A label key and a language in, the fixed wording of the printed materials out.

Campaign content carries its own translations; this module holds only the words campaignkit
itself prints ("We demand", month names, ...) in English, Russian and Kazakh.
"""

from __future__ import annotations

import datetime as dt

UI_LANGUAGES = ("en", "ru", "kk")

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
           "қараша", "желтоқсан"),
}

_LABELS = {
    "demands": {"en": "{by} demands:", "ru": "{by} требует:", "kk": "{by} талап етеді:"},
    "we_demand": {"en": "We demand", "ru": "Мы требуем", "kk": "Біз талап етеміз"},
    "calls": {"en": "{by} calls:", "ru": "{by} призывает:", "kk": "{by} шақырады:"},
    "signed_by": {"en": "Signed by", "ru": "Подписали", "kk": "Қол қойғандар"},
    "join_picket": {"en": "Join the picket", "ru": "Приходите на пикет", "kk": "Пикетке қосылыңыз"},
    "join_event": {"en": "Join us", "ru": "Присоединяйтесь", "kk": "Бізге қосылыңыз"},
    "what": {"en": "What", "ru": "Что", "kk": "Не"},
    "where": {"en": "Where", "ru": "Где", "kk": "Қайда"},
    "when": {"en": "When", "ru": "Когда", "kk": "Қашан"},
    "called_by": {"en": "Called by", "ru": "Организаторы", "kk": "Ұйымдастырушылар"},
    "supported_by": {"en": "Supported by", "ru": "При поддержке", "kk": "Қолдаушылар"},
    "contact": {"en": "Contact", "ru": "Контакт", "kk": "Байланыс"},
    "read_statement": {"en": "Read the full statement", "ru": "Полный текст заявления", "kk": "Мәлімдеменің толық мәтіні"},
    "read_report": {"en": "Read the report", "ru": "Читать отчёт", "kk": "Есепті оқу"},
    "check_domain": {
        "en": "Before you open a link, check that the address your phone shows is {domain}.",
        "ru": "Прежде чем открыть ссылку, проверьте, что телефон показывает адрес {domain}.",
        "kk": "Сілтемені ашпас бұрын телефоныңыз {domain} мекенжайын көрсететінін тексеріңіз.",
    },
    "inferred": {"en": "date inferred", "ru": "дата установлена косвенно", "kk": "күні жанама анықталған"},
    "people": {"en": "about {n} people", "ru": "около {n} человек", "kk": "шамамен {n} адам"},
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """The fixed wording `key` in `lang` (English when the language has none), filled with values."""
    forms = _LABELS[key]
    return forms.get(lang, forms["en"]).format(**values)


def format_date(date: dt.date, lang: str = "en", *, year: bool = True) -> str:
    """A date as people write it: '6 January 2022', '6 января 2022 г.', '2022 жылғы 6 қаңтар'."""
    lang = lang if lang in _MONTHS else "en"
    month = _MONTHS[lang][date.month - 1]
    if lang == "ru":
        return f"{date.day} {month} {date.year}\u00a0г." if year else f"{date.day} {month}"
    if lang == "kk":
        return f"{date.year} жылғы {date.day} {month}" if year else f"{date.day} {month}"
    return f"{date.day} {month} {date.year}" if year else f"{date.day} {month}"


def format_time(start: str, end: str = "") -> str:
    return f"{start}\u2013{end}" if end else start
