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
    "check_domain": {
        "en": "Before you open a link, check that the address your phone shows is {domain}.",
        "ru": "Прежде чем открыть ссылку, проверьте, что телефон показывает адрес {domain}.",
        "kk": "Сілтемені ашпас бұрын телефоныңыз {domain} мекенжайын көрсететінін тексеріңіз.",
    },
    "inferred": {"en": "date inferred", "ru": "дата установлена косвенно", "kk": "күні жанама анықталған"},
    "assembly_title": {
        "en": "How to assemble this {size} placard",
        "ru": "Как собрать плакат формата {size}",
        "kk": "{size} плакатын қалай құрастыру керек",
    },
    "assembly_sheets": {
        "en": "{count} sheets of {paper}, {rows} rows × {cols} columns, {overlap} mm overlap",
        "ru": "Листов {paper}: {count} (рядов: {rows}, столбцов: {cols}), нахлёст {overlap} мм",
        "kk": "{count} парақ {paper}: {rows} қатар × {cols} баған, {overlap} мм жабысу жиегі",
    },
    "assembly_steps": {
        "en": (
            "Print every sheet at actual size (100%, not “fit to page”).|"
            "Lay the sheets out as in the map. On every sheet except those in the top row and the left "
            "column, cut along the dashed lines at the top and left edges.|"
            "Start with R1 C1. Glue each sheet over its left and upper neighbours so the picture runs on "
            "across the overlap; the grey labels end up hidden under the next sheet.|"
            "Glue the whole placard onto card (a flattened cardboard box), let it dry flat and trim.|"
            "Tape a stick (a batten or broom handle about 1 m long) to the back along its full height, "
            "leaving a handle of 30 cm below."
        ),
        "ru": (
            "Печатайте каждый лист в натуральную величину (100 %, без «вписать в страницу»).|"
            "Разложите листы по схеме. На всех листах, кроме верхнего ряда и левого столбца, отрежьте "
            "край по пунктиру сверху и слева.|"
            "Начните с R1 C1. Наклеивайте каждый лист поверх соседей слева и сверху так, чтобы рисунок "
            "продолжался через нахлёст; серые метки окажутся под следующим листом.|"
            "Наклейте плакат на картон (разобранную коробку), дайте высохнуть под грузом и обрежьте.|"
            "Приклейте скотчем к обороту по всей высоте рейку или черенок около 1 м, оставив снизу "
            "ручку 30 см."
        ),
        "kk": (
            "Әр парақты нақты өлшемде басып шығарыңыз (100 %, «бетке сыйдыру» емес).|"
            "Парақтарды сызба бойынша жайыңыз. Жоғарғы қатар мен сол жақ бағаннан басқа барлық "
            "парақтардың үстіңгі және сол жақ шетін үзік сызық бойымен кесіңіз.|"
            "R1 C1 парағынан бастаңыз. Әр парақты суреті жиек арқылы жалғасатындай етіп сол жақ және "
            "үстіңгі көршісінің үстіне жабыстырыңыз; сұр белгілер келесі парақтың астында қалады.|"
            "Плакатты картонға (жайылған қорапқа) жабыстырып, тегіс жерде кептіріп, шетін кесіңіз.|"
            "Артқы жағына бүкіл биіктігі бойымен ұзындығы 1 м шамасындағы таяқты скотчпен бекітіп, "
            "астынан 30 см сап қалдырыңыз."
        ),
    },
    "fact_sheet": {"en": "Fact sheet", "ru": "Справка", "kk": "Анықтама"},
    "what_happened": {"en": "What happened", "ru": "Что произошло", "kk": "Не болды"},
    "key_figures": {"en": "Key figures", "ru": "Цифры и факты", "kk": "Негізгі деректер"},
    "demands_in_brief": {"en": "The demands in brief", "ru": "Требования вкратце", "kk": "Талаптар қысқаша"},
    "sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
    "page": {"en": "page {n}", "ru": "стр. {n}", "kk": "{n}-бет"},
    "published": {"en": "published {date}", "ru": "опубликовано {date}", "kk": "жарияланған күні {date}"},
    "by_author": {"en": "by {author}", "ru": "автор: {author}", "kk": "авторы: {author}"},
    "ascii_form": {"en": "in ASCII: {url}", "ru": "в ASCII: {url}", "kk": "ASCII түрінде: {url}"},
    "check_domains": {
        "en": "The codes on this page lead only to the addresses printed beside them. Before you open one, check that "
        "your phone shows the same domain: {domains}. A sticker over a code is a known scam.",
        "ru": "Коды на этой странице ведут только на напечатанные рядом адреса. Прежде чем открыть ссылку, "
        "проверьте, что телефон показывает тот же домен: {domains}. Наклейка поверх кода — известный вид мошенничества.",
        "kk": "Бұл беттегі кодтар тек қасында басылған мекенжайларға апарады. Сілтемені ашпас бұрын телефоныңыз "
        "сол доменді көрсететінін тексеріңіз: {domains}. Код үстіне жапсырылған стикер — белгілі алаяқтық тәсілі.",
    },
    "sign_petition": {"en": "Sign the petition", "ru": "Подпишите петицию", "kk": "Петицияға қол қойыңыз"},
    "petition_sentence": {
        "en": "We, the undersigned, support these demands:",
        "ru": "Мы, нижеподписавшиеся, поддерживаем эти требования:",
        "kk": "Біз, төменде қол қойғандар, осы талаптарды қолдаймыз:",
    },
    "col_name": {"en": "Name", "ru": "Имя и фамилия", "kk": "Аты-жөні"},
    "col_contact": {"en": "Email or phone", "ru": "Эл. почта или телефон", "kk": "Эл. пошта немесе телефон"},
    "col_organisation": {"en": "Organisation", "ru": "Организация", "kk": "Ұйым"},
    "col_signature": {"en": "Signature", "ru": "Подпись", "kk": "Қолы"},
    "consent": {
        "en": "By signing you agree that {who} may keep your details to contact you about this campaign. They will "
        "not be shared or used for anything else, and this sheet is destroyed once it has been entered.",
        "ru": "Подписываясь, вы соглашаетесь, что {who} сохранят ваши данные, чтобы связаться с вами по поводу этой "
        "кампании. Они не будут переданы третьим лицам или использованы иначе; лист уничтожается после ввода данных.",
        "kk": "Қол қою арқылы сіз {who} осы науқан бойынша сізбен байланысу үшін деректеріңізді сақтайтынына келісесіз. "
        "Олар ешкімге берілмейді және басқа мақсатқа пайдаланылмайды; парақ деректер енгізілгеннен кейін жойылады.",
    },
    "sheet_of": {"en": "Sheet\u00a0{n} of\u00a0{total}", "ru": "Лист\u00a0{n} из\u00a0{total}", "kk": "{total}\u00a0парақтың {n}-парағы"},
    "sign_online": {"en": "Sign online", "ru": "Подписать онлайн", "kk": "Онлайн қол қою"},
    "picket_in": {"en": "Picket in {city}", "ru": "Пикет — {city}", "kk": "Пикет — {city}"},
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
