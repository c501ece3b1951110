"""Text in any script in, a file-name-safe slug of [a-z0-9-] out ("Жильё/2026" -> "zhilyo-2026").

Slugs name the files and folders campaignkit writes (cards, placards, batch folders such as
`00017-almaty`), so they must be short, stable and readable. Each script is romanised by a standard
scheme where one can be applied letter by letter, without dictionaries:

- Latin: accents dropped (é -> e), a few letters spelt out (ß -> ss, ł -> l, æ -> ae).
- Cyrillic: Russian and Kazakh by campaignkit's table (Қарағанды -> qaraghandy); Ukrainian by the
  national table of 2010 (Київ -> kyiv, Харків -> kharkiv); Belarusian (г -> h, ў -> w), Bulgarian
  (ъ -> a, щ -> sht) and Serbian/Macedonian letters. Which table applies is decided by the letters
  only one of these languages has (ї є ґ і; ў; ъ inside a word; ј љ њ ...), Russian otherwise.
- Greek: ELOT 743 / ISO 843 without diacritics (Αθήνα -> athina, Ευρώπη -> evropi).
- Armenian: the national system without diacritics (Երևան -> yerevan).
- Georgian: the national system of 2002, ejectives unmarked (თბილისი -> tbilisi).
- Hebrew: the consonants, with ו and י read as vowels inside a word, ב כ פ as v kh f after the first
  letter, final ה as a (תל אביב -> tl-aviv). Unpointed Hebrew does not write most vowels, so the
  slug is a readable skeleton, not a pronunciation.
- Arabic script: one Latin letter or digraph per letter (ش -> sh, خ -> kh, ع -> a, ة -> a), short
  vowels unwritten as in the original (الخرطوم -> alkhrtwm); Persian and Urdu letters too, and any
  other Arabic-script letter by the base letter its Unicode name gives.
- Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam: ISO 15919
  without diacritics, with the inherent vowel a, and the schwa deletion of Hindi and Bengali for
  Devanagari, Bengali, Gurmukhi and Gujarati (दिल्ली -> dilli, कोलकाता -> kolkata, চট্টগ্রাম -> chattagram);
  Bengali য is j (যাদবপুর -> jadabpur) except in ্য and য়.
- Thai: the RTGS letter values, with leading vowels moved after their consonant and final consonant
  values (กรุงเทพ -> krungthep, เชียงใหม่ -> chiangmai). A vowel Thai leaves unwritten is guessed (o
  before a final consonant, else a), so long names can differ from RTGS, which needs syllable
  analysis with a dictionary (กรุงเทพมหานคร -> krungthepmahankhon, RTGS krungthepmahanakhon).
- Korean: Revised Romanization, computed from the syllable's letters with the usual sound changes
  across syllables (서울 -> seoul, 부산 -> busan, 종로 -> jongno).
- Japanese kana: Hepburn, kana by kana (とうきょう -> toukyou, カタカナ -> katakana).
- Han characters (Chinese, Japanese kanji) have no reading without a dictionary: each becomes its
  code point (東京 -> u6771-u4eac), stable and unique, never an empty or generic name.
- Any other letter: its romanisation from its Unicode name where that name gives one (Ethiopic,
  Khmer, Lao, Tibetan, Myanmar, Cherokee ... "ETHIOPIC SYLLABLE BA" -> ba), else its code point;
  so are letters that are silent on their own (ъ -> u044a).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Russian and Kazakh Cyrillic, and the few Latin letters NFKD does not reduce as wanted.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ş": "s", "ı": "i",
    # Serbian and Macedonian letters (the rest of their alphabets are the Russian letters).
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    "ў": "w", "ї": "yi", "є": "ye", "ґ": "g",
}
_LATIN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h",
          "ŧ": "t", "ŋ": "ng", "ĳ": "ij", "ſ": "s", "ɐ": "a", "ə": "e", "ɛ": "e", "ɔ": "o"}
_APOSTROPHES = "'’ʼ`´"

# Ukrainian, Cabinet of Ministers resolution no. 55 of 2010: (at the start of a word, elsewhere).
_Table = dict[str, str | tuple[str, str]]
_UK: _Table = {"г": "h", "ґ": "g", "е": "e", "є": ("ye", "ie"), "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"),
       "ю": ("yu", "iu"), "я": ("ya", "ia"), "х": "kh", "щ": "shch", "ь": ""}
_BE: _Table = {"г": "h", "ў": "w", "і": "i", "е": ("ye", "e"), "ё": ("yo", "yo")}
_BG: _Table = {"х": "h", "щ": "sht", "ъ": "a", "ь": "y", "й": "y", "ю": "yu", "я": "ya"}
_SR: _Table = {"х": "h", "ц": "c", "ч": "c", "ш": "s", "ж": "z", "ђ": "dj", "џ": "dz", "ћ": "c"}
_CYRILLIC_MODES: dict[str, _Table] = {"uk": _UK, "be": _BE, "bg": _BG, "sr": _SR}

_GREEK = {"α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
          "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
          "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o", "ϊ": "i", "ϋ": "y", "ϐ": "v", "ϑ": "th", "ϕ": "f",
          "ϲ": "s", "ϝ": "w", "ϳ": "j"}
_GREEK_DIGRAPHS = {"ου": "ou", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch", "ντ": "nt"}
_GREEK_VOICELESS = set("θκξπσςτφχψ")

_ARMENIAN = dict(zip("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
                     "a b g d e z e y t zh i l kh ts k h dz gh ch m y n sh o ch p j r s v t r ts v p k o f".split()))

_GEORGIAN = dict(zip("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
                     "a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h".split()))
_GEORGIAN.update({"ჱ": "e", "ჲ": "y", "ჳ": "w", "ჴ": "q", "ჵ": "o", "ჶ": "f", "ჷ": "y", "ჸ": "", "ჹ": "g", "ჺ": ""})

_HEBREW = {"א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "o", "ז": "z", "ח": "kh", "ט": "t", "י": "i",
           "כ": "kh", "ך": "kh", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "ע": "", "פ": "f",
           "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
           "װ": "v", "ױ": "oy", "ײ": "ey"}
# At the start of a word (or with a dagesh): the letters that are read differently there.
_HEBREW_INITIAL = {"א": "a", "ב": "b", "ו": "v", "י": "y", "כ": "k", "פ": "p", "ע": "a"}
_HEBREW_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch", "ת": "t"}

_ARABIC = {"ء": "", "آ": "a", "أ": "a", "ؤ": "w", "إ": "i", "ئ": "y", "ا": "a", "ب": "b", "ة": "a", "ت": "t",
           "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
           "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
           "م": "m", "ن": "n", "ه": "h", "و": "w", "ى": "a", "ي": "y", "ٱ": "a", "پ": "p", "چ": "ch", "ژ": "zh",
           "ڤ": "v", "گ": "g", "ک": "k", "ی": "y", "ۀ": "h", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h",
           "ہ": "h", "ۃ": "a", "ے": "e", "ۓ": "e", "ڕ": "r", "ڵ": "l", "ۆ": "o", "ێ": "e", "ڭ": "ng", "ۇ": "u",
           "ۋ": "v", "ې": "e", "ـ": "", "ٰ": "a"}
# The base letters of Arabic-script letters' Unicode names ("ARABIC LETTER TEH WITH RING" -> TEH).
_ARABIC_NAMES = {"ALEF": "a", "BEH": "b", "TEH": "t", "THEH": "th", "JEEM": "j", "HAH": "h", "KHAH": "kh",
                 "DAL": "d", "THAL": "dh", "REH": "r", "ZAIN": "z", "SEEN": "s", "SHEEN": "sh", "SAD": "s",
                 "DAD": "d", "TAH": "t", "ZAH": "z", "AIN": "a", "GHAIN": "gh", "FEH": "f", "QAF": "q",
                 "KAF": "k", "LAM": "l", "MEEM": "m", "NOON": "n", "HEH": "h", "WAW": "w", "YEH": "y",
                 "KEHEH": "k", "GAF": "g", "TCHEH": "ch", "PEH": "p", "JEH": "zh", "VEH": "v", "NG": "ng",
                 "DDAL": "d", "RREH": "r", "TTEH": "t", "DUL": "d", "U": "u", "OE": "o", "YU": "yu", "E": "e",
                 "KIRGHIZ": "", "HAMZA": "", "GUEH": "g", "NYEH": "ny", "DYEH": "d", "TTEHEH": "t", "BEEH": "b",
                 "TEHEH": "t", "DAHAL": "d", "DDAHAL": "d", "RNOON": "n", "NOON GHUNNA": "n"}

# The Indian scripts share one layout (from ISCII): a letter's offset in its block is the same letter.
_INDIC_CONSONANTS = dict(zip(range(0x15, 0x3A), (
    "k kh g gh ng ch chh j jh ny t th d dh n t th d dh n n p ph b bh m y r r l l zh v sh sh s h".split())))
_INDIC_VOWELS = {0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u", 0x0B: "ri", 0x0C: "li",
                 0x0D: "e", 0x0E: "e", 0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au",
                 0x60: "ri", 0x61: "li", 0x72: "e", 0x73: "o", 0x74: "o", 0x75: "au", 0x76: "ri", 0x77: "ri"}
_INDIC_SIGNS = {0x3E: "a", 0x3F: "i", 0x40: "i", 0x41: "u", 0x42: "u", 0x43: "ri", 0x44: "ri", 0x45: "e",
                0x46: "e", 0x47: "e", 0x48: "ai", 0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au", 0x4E: "e",
                0x4F: "aw", 0x55: "", 0x56: "ai", 0x57: "au", 0x62: "li", 0x63: "li"}
_NUKTA = {"k": "q", "kh": "kh", "g": "gh", "j": "z", "ph": "f", "d": "r", "dh": "rh", "y": "y"}
_VIRAMA, _NUKTA_SIGN = 0x4D, 0x3C
# Blocks whose spoken language drops an unwritten final (and some medial) a: Hindi, Bengali, Punjabi, Gujarati.
_SCHWA_DELETING = {0x0900, 0x0980, 0x0A00, 0x0A80}
_LABIALS = {"p", "ph", "b", "bh", "m"}
_FINAL_M = {0x0B80, 0x0C00, 0x0C80, 0x0D00}
_CHILLU = {"\u0d7a": "n", "\u0d7b": "n", "\u0d7c": "r", "\u0d7d": "l", "\u0d7e": "l", "\u0d7f": "k", "\u0d54": "m",
           "\u0d55": "y", "\u0d56": "zh", "\u09ce": "t", "\u0bf9": "", "\u0b83": "h"}

_THAI_INITIAL = dict(zip("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ", (
    "k kh kh kh kh kh ng ch ch ch s ch y d t th th th n d t th th th n b p ph f ph f ph m y r l w s s s h l _ h"
).split()))
_THAI_FINAL = dict(zip("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ", (
    "k k k k k k ng t t t t t n t t t t t n t t t t t n p p p p p p p m i n n o t t t _ n _ _"
).split()))
_THAI_SIGNS = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue", "ุ": "u", "ู": "u",
               "ๅ": "a", "ฤ": "rue", "ฦ": "lue"}
_THAI_LEADING = "เแโใไ"
_THAI_LEADING_SET = set(_THAI_LEADING)
_THAI_SILENT = "่้๊๋็ฺํ๎ฯๆ"
_THAI_SONORANTS = "งญนมยรลว"

_HANGUL_INITIALS = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()
_HANGUL_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
# Each final as it sounds at the end of a syllable, and as it is carried to a following silent ㅇ.
_HANGUL_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
                  "t", "ng", "t", "t", "k", "t", "p", "t"]
_HANGUL_CARRIED = ["", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m", "b",
                   "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p", ""]

# Hepburn for kana whose Unicode names are in another system ("HIRAGANA LETTER SI" is shi).
_KANA_FIX = {"si": "shi", "zi": "ji", "ti": "chi", "di": "ji", "tu": "tsu", "du": "zu", "hu": "fu", "wo": "o",
             "wi": "i", "we": "e"}

_NAME_MARKERS = ("LETTER", "SYLLABLE", "CHARACTER")
_VIRAMA_NAMES = ("VIRAMA", "COENG", "ASAT", "HALANTA", "AL-LAKUNA", "PULLI", "KILLER")


def slugify(text: str, *, limit: int = 48, fallback: str = "item") -> str:
    """A file-name-safe slug of [a-z0-9-]: every script romanised (see the module's doc), Han characters as
    their code points, at most `limit` characters cut at a hyphen where one is near; `fallback` when the text
    has no letter or digit at all."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # joiners, soft hyphens, bidi controls
    mode = _cyrillic_mode(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        script = _script(text[i])
        j = i + 1
        while j < len(text) and _continues(text[j], script):
            j += 1
        out.append(_ROMANISERS[script](text[i:j], mode))
        i = j
    slug = _shorten("".join(out), limit)
    if not slug and any(ch.isalpha() for ch in text):  # letters that are silent alone (ъ, ـ, อ): their code points
        slug = _shorten("-".join(_codepoint(ch) for ch in text if ch.isalpha()), limit)
    return slug or fallback


def _shorten(raw: str, limit: int) -> str:
    """Only [a-z0-9] and single hyphens, at most `limit` characters, cut at a hyphen where there is one."""
    slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", raw)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


# -- scripts ------------------------------------------------------------------------------------------------------

_RANGES = (
    (0x0370, 0x03FF, "greek"), (0x1F00, 0x1FFF, "greek"), (0x0400, 0x052F, "cyrillic"), (0x1C80, 0x1C8F, "cyrillic"),
    (0x2DE0, 0x2DFF, "cyrillic"), (0xA640, 0xA69F, "cyrillic"), (0x0530, 0x058F, "armenian"),
    (0xFB13, 0xFB17, "armenian"), (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"), (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"), (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x0D7F, "indic"), (0x0E00, 0x0E7F, "thai"), (0x10A0, 0x10FF, "georgian"), (0x1C90, 0x1CBF, "georgian"),
    (0x2D00, 0x2D2F, "georgian"), (0xAC00, 0xD7A3, "hangul"), (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"),
    (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xF900, 0xFAFF, "han"), (0x20000, 0x3134F, "han"),
    (0x3005, 0x3007, "han"),
)


def _script(ch: str) -> str:
    if ch.isascii():
        return "ascii"
    if unicodedata.category(ch).startswith("M"):
        return "mark"
    if unicodedata.decimal(ch, None) is not None:
        return "digit"
    code = ord(ch)
    for low, high, name in _RANGES:
        if low <= code <= high:
            return name
    if ch in _APOSTROPHES:
        return "ascii"
    category = unicodedata.category(ch)
    if category.startswith("L"):
        return "latin" if unicodedata.name(ch, "").startswith("LATIN") else "other"
    return "separator"


def _continues(ch: str, script: str) -> bool:
    """Whether `ch` belongs to the run of `script` (marks and joiners belong to the letters before them)."""
    kind = _script(ch)
    if kind == script:
        return script != "separator"
    if kind == "mark":
        return script not in ("ascii", "separator", "digit", "han")
    return script in ("cyrillic", "hebrew") and ch in _APOSTROPHES  # Ukrainian п’ять, Hebrew ג'


def _ascii(run: str, mode: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in run)


def _latin(run: str, mode: str) -> str:
    out = []
    for ch in run:
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch in _LATIN:
            out.append(_LATIN[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii() and c.isalnum())
            out.append(base or "-")
    return "".join(out)


def _mark(run: str, mode: str) -> str:
    return ""


def _digit(run: str, mode: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) for ch in run)


def _separator(run: str, mode: str) -> str:
    return "-"


# Cyrillic -----------------------------------------------------------------------------------------------------------

def _cyrillic_mode(text: str) -> str:
    """Which Cyrillic table: from the letters only one language uses (Russian when none is found)."""
    if any(ch in text for ch in "әғқңөұүһ"):
        return "kk"
    if "ў" in text or ("і" in text and any(ch in text for ch in "ыэё")):
        return "be"
    if any(ch in text for ch in "іїєґ") or re.search(r"[а-я]['’ʼ][а-я]", text):
        return "uk"  # the apostrophe inside a word (п’ять) is Ukrainian; Russian writes ъ
    if any(ch in text for ch in "јљњћђџѓќѕ"):
        return "sr"
    if re.search(r"ъ[бвгджзйклмнпрстфхцчшщ]", text):
        return "bg"
    return "ru"


def _cyrillic(run: str, mode: str) -> str:
    table = _CYRILLIC_MODES.get(mode, {})
    out = []
    for i, ch in enumerate(run):
        first = i == 0 or not (run[i - 1].isalpha() or run[i - 1] in _APOSTROPHES)
        if ch in _APOSTROPHES:
            continue  # п’ять: the apostrophe is not written in the slug
        if mode == "uk" and ch == "г" and i and run[i - 1] == "з":
            out.append("gh")  # зг -> zgh, so it is not read as zh
        elif ch in table:
            value = table[ch]
            out.append(value if isinstance(value, str) else value[0 if first else 1])
        elif ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        else:
            out.append(_latin(ch, mode))
    word = "".join(out)
    return re.sub(r"iya$", "ia", word) if mode == "bg" else word


# Greek --------------------------------------------------------------------------------------------------------------

def _greek(run: str, mode: str) -> str:
    letters: list[tuple[str, bool]] = []  # (base letter, has a diaeresis)
    for ch in run:
        parts = unicodedata.normalize("NFD", ch)
        if parts[0] in _GREEK or parts[0].isalpha():
            letters.append((parts[0], "\u0308" in parts))
        elif letters and "\u0308" in parts:
            letters[-1] = (letters[-1][0], True)
    out = []
    i = 0
    while i < len(letters):
        ch, _ = letters[i]
        nxt, nxt_diaeresis = letters[i + 1] if i + 1 < len(letters) else ("", False)
        pair = ch + nxt
        if ch in "αεη" and nxt == "υ" and not nxt_diaeresis:
            after = letters[i + 2][0] if i + 2 < len(letters) else ""
            out.append(_GREEK[ch] + ("f" if not after or after in _GREEK_VOICELESS else "v"))
            i += 2
        elif pair == "μπ" and not nxt_diaeresis:
            out.append("b" if i == 0 else "mp")
            i += 2
        elif pair in _GREEK_DIGRAPHS and not nxt_diaeresis:
            out.append(_GREEK_DIGRAPHS[pair])
            i += 2
        else:
            out.append(_GREEK.get(ch, _latin(ch, mode)))
            i += 1
    return "".join(out)


# Armenian and Georgian ----------------------------------------------------------------------------------------------

def _armenian(run: str, mode: str) -> str:
    out = []
    i = 0
    while i < len(run):
        ch = run[i]
        first = i == 0 or not run[i - 1].isalpha()
        if ch == "ո" and run[i + 1:i + 2] == "ւ":
            out.append("u")
            i += 2
            continue
        if ch == "և":
            out.append("yev" if first else "ev")
        elif ch == "ե" and first:
            out.append("ye")
        elif ch == "ո" and first:
            out.append("vo")
        else:
            out.append(_ARMENIAN.get(ch, "-" if not ch.isalpha() else ""))
        i += 1
    return "".join(out)


def _georgian(run: str, mode: str) -> str:
    out = []
    for ch in run:
        code = ord(ch)
        if 0x2D00 <= code <= 0x2D25:  # Nuskhuri: the same letters, in the order of Mkhedruli
            ch = chr(code - 0x2D00 + 0x10D0)
        out.append(_GEORGIAN.get(ch, "-" if not ch.isalpha() else ""))
    return "".join(out)


# Hebrew -------------------------------------------------------------------------------------------------------------

_HEBREW_MARKS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # points and accents, not maqaf or sof pasuq
_HEBREW_LETTER = re.compile(rf"[\u05d0-\u05ea\u05f0-\u05f2][{_HEBREW_MARKS}\u05f3'’]*")
_HEBREW_WORD_BREAK = re.compile(rf"[^{_HEBREW_MARKS}\u05d0-\u05f4'’]+")


def _hebrew(run: str, mode: str) -> str:
    """Each word's consonants; ו and י inside a word are read as the vowels o and i (doubled, as v and y)."""
    out = []
    for word in _HEBREW_WORD_BREAK.split(run):
        letters = _HEBREW_LETTER.findall(word)
        n = 0
        while n < len(letters):
            ch, marks = letters[n][0], letters[n][1:]
            nxt = letters[n + 1][0] if n + 1 < len(letters) else ""
            if ch in _HEBREW_GERESH and any(g in marks for g in "׳'’"):
                out.append(_HEBREW_GERESH[ch])
            elif ch == "ש" and "\u05c2" in marks:
                out.append("s")
            elif (n == 0 or "\u05bc" in marks) and ch in _HEBREW_INITIAL:
                out.append(_HEBREW_INITIAL[ch])
            elif ch in "וי" and nxt == ch:
                out.append("v" if ch == "ו" else "y")
                n += 1
            elif ch == "ה" and n == len(letters) - 1 and n > 0:
                out.append("a")
            else:
                out.append(_HEBREW.get(ch, ""))
            n += 1
        out.append("-")
    return "".join(out)


# Arabic script ------------------------------------------------------------------------------------------------------

def _arabic(run: str, mode: str) -> str:
    out = []
    for ch in run:
        if ch in _ARABIC:
            out.append(_ARABIC[ch])
        elif unicodedata.category(ch).startswith("L"):
            out.append(_arabic_by_name(ch))
        elif unicodedata.category(ch).startswith("M"):
            continue  # short vowels, shadda, sukun: not written in the slug, as in most text
        else:
            out.append("-")
    return "".join(out)


def _arabic_by_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    base = name.split(" LETTER ", 1)[-1].split(" WITH ", 1)[0]
    for form in (" ISOLATED FORM", " FINAL FORM", " INITIAL FORM", " MEDIAL FORM"):
        base = base.removesuffix(form)
    words = base.split()
    for candidate in (base, *(words[i] for i in range(len(words) - 1, -1, -1))):
        if candidate in _ARABIC_NAMES:
            return _ARABIC_NAMES[candidate]
    return _codepoint(ch)


# Indian scripts -----------------------------------------------------------------------------------------------------

def _indic(run: str, mode: str) -> str:
    """ISO 15919 without diacritics: consonants carry an a unless a vowel sign or virama follows."""
    out: list[str] = []
    word: list[list[str]] = []  # units: [consonant, vowel, coda]; vowel "a?" is the inherent, deletable a
    block = ord(run[0]) & ~0x7F
    for ch in run:
        code = ord(ch)
        offset = code & 0x7F
        if code & ~0x7F != block and 0x0900 <= code <= 0x0D7F and not unicodedata.category(ch).startswith("M"):
            out.append(_indic_word(word, block) + "-")  # another Indian script begins
            word, block = [], code & ~0x7F
        if ch in _CHILLU:
            if word:
                _end_unit(word)
            word.append(["", "", _CHILLU[ch]])
            continue
        if not 0x0900 <= code <= 0x0D7F or (not ch.isalpha() and not unicodedata.category(ch).startswith("M")):
            out.append(_indic_word(word, block) + "-")
            word = []
            continue
        if block == 0x0980 and offset == 0x2F and not (word and word[-1][1] == ""):
            word.append(["j", "a?", ""])  # Bengali য is read j, but ্য (ya-phala) and য় are y
        elif offset in _INDIC_CONSONANTS:
            word.append([_INDIC_CONSONANTS[offset], "a?", ""])
        elif offset in _INDIC_VOWELS:
            word.append(["", _INDIC_VOWELS[offset], ""])
        elif offset == _NUKTA_SIGN and word and word[-1][0]:
            word[-1][0] = "y" if block == 0x0980 and word[-1][0] == "j" else _NUKTA.get(word[-1][0], word[-1][0])
        elif offset == _VIRAMA and word:
            word[-1][1] = ""
        elif offset in _INDIC_SIGNS and word:
            word[-1][1] = _INDIC_SIGNS[offset]
        elif offset in (0x01, 0x02, 0x70) and word:  # candrabindu, anusvara, Gurmukhi tippi
            word[-1][2] += "ng" if block == 0x0980 and offset == 0x02 else "n"
        elif offset == 0x03 and word:  # visarga
            word[-1][2] += "h"
        elif offset == 0x50:
            word.append(["", "om", ""])
        elif unicodedata.category(ch).startswith("L"):
            word.append(["", _by_name(ch), ""])
    out.append(_indic_word(word, block))
    return "".join(out)


def _end_unit(word: list[list[str]]) -> None:
    if word[-1][1] == "a?":
        word[-1][1] = ""


def _indic_word(word: list[list[str]], block: int) -> str:
    if not word:
        return ""
    if block in _SCHWA_DELETING:
        _delete_schwas(word)
    out = []
    for n, (consonant, vowel, coda) in enumerate(word):
        if coda == "n" and n + 1 < len(word) and word[n + 1][0] in _LABIALS:
            coda = "m"  # anusvara before p, b, m: मुंबई -> mumbai
        elif coda == "n" and n + 1 == len(word) and block in _FINAL_M:
            coda = "m"  # a final anusvara is m in the Dravidian languages: തിരുവനന്തപുരം -> tiruvanantapuram
        out.append(consonant + vowel.rstrip("?") + coda)
    return "".join(out)


def _delete_schwas(word: list[list[str]]) -> None:
    """Hindi's schwa deletion (Ohala's rule): the final inherent a, and a medial one between VC and CV."""
    def has_vowel(unit: list[str]) -> bool:
        return unit[1] not in ("", "-")

    if len(word) > 1 and word[-1][0] and word[-1][1] == "a?" and not word[-1][2]:
        word[-1][1] = "-"
    for n in range(len(word) - 2, 0, -1):
        unit, before, after = word[n], word[n - 1], word[n + 1]
        if unit[1] == "a?" and not unit[2] and has_vowel(before) and not before[2] and after[0] and has_vowel(after):
            unit[1] = "-"
    for unit in word:
        if unit[1] == "-":
            unit[1] = ""


# Thai ---------------------------------------------------------------------------------------------------------------

def _thai(run: str, mode: str) -> str:
    """RTGS letter values: a consonant before a vowel is an initial, after one a final (ก k, but บ p, น n)."""
    chars: list[str] = []
    for ch in run:
        if ch == "์":  # the consonant under a thanthakhat is silent
            if chars and chars[-1] in _THAI_INITIAL:
                chars.pop()
        elif ch not in _THAI_SILENT:
            chars.append(ch)
    out: list[str] = []
    vowel = False  # whether the syllable being read already has its vowel
    i = 0
    while i < len(chars):
        ch = chars[i]
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in _THAI_LEADING:
            cluster, i = _thai_cluster(chars, i + 1)
            sound, i = _thai_leading_vowel(ch, chars, i)
            out.append(cluster + sound)
            vowel = True
            continue
        if ch == "ั" and nxt == "ว":
            out.append("ua")
            vowel, i = True, i + 2
            continue
        if ch in _THAI_SIGNS:
            out.append(_THAI_SIGNS[ch])
            vowel = ch not in "ะำ"
            i += 1
            continue
        if ch not in _THAI_INITIAL:
            out.append("-")
            vowel, i = False, i + 1
            continue
        if vowel and nxt not in _THAI_SIGNS:  # a final consonant
            final = _THAI_FINAL[ch].replace("_", "")
            out.append("" if out and final in ("i", "o") and out[-1].endswith(final) else final)
            vowel, i = False, i + 1
            continue
        cluster, i = _thai_cluster(chars, i)
        out.append(cluster)
        after = chars[i] if i < len(chars) else ""
        later = chars[i + 1] if i + 1 < len(chars) else ""
        if after == "อ" and later not in _THAI_SIGNS:
            out.append("o")  # อ after a consonant is the vowel o: ขอน -> khon
            vowel, i = True, i + 1
        elif after in _THAI_INITIAL and after != "อ" and later not in _THAI_SIGNS and later not in _THAI_LEADING_SET:
            out.append("o")  # an unwritten o before a final: คน -> khon
            vowel = True
        elif after in _THAI_INITIAL:
            out.append("a")  # an unwritten a: มหา -> maha
            vowel = True
        else:
            vowel = False
    return "".join(out)


def _thai_cluster(chars: list[str], i: int) -> tuple[str, int]:
    """The initial consonant (or cluster) at i, romanised, and the index after it."""
    if i >= len(chars) or chars[i] not in _THAI_INITIAL:
        return "", i
    first = chars[i]
    nxt = chars[i + 1] if i + 1 < len(chars) else ""
    if first == "ห" and nxt and nxt in _THAI_SONORANTS:  # a silent ห that only sets the tone: หม -> m
        return _THAI_INITIAL[nxt], i + 2
    if first in "กขคปผพตบด" and nxt in ("ร", "ล", "ว") and (nxt != "ว" or first in "กขค"):
        after = chars[i + 2] if i + 2 < len(chars) else ""
        if after and (after in _THAI_SIGNS or after in _THAI_INITIAL):
            return _THAI_INITIAL[first] + _THAI_INITIAL[nxt], i + 2
    return _THAI_INITIAL[first].replace("_", ""), i + 1


def _thai_leading_vowel(lead: str, chars: list[str], i: int) -> tuple[str, int]:
    """The vowel written as `lead` before its consonant, with the signs after the consonant that complete it."""
    rest = "".join(chars[i:i + 3])
    if lead == "เ":
        for pattern, value in (("ีย", "ia"), ("ือ", "uea"), ("าะ", "o"), ("า", "ao"), ("ิ", "oe"), ("อ", "oe"),
                               ("ะ", "e")):
            if rest.startswith(pattern):
                return value, i + len(pattern)
        return "e", i
    if lead == "แ":
        return "ae", i + (rest.startswith("ะ"))
    if lead == "โ":
        return "o", i + (rest.startswith("ะ"))
    return "ai", i


# Korean, Japanese kana, Han -----------------------------------------------------------------------------------------

def _hangul(run: str, mode: str) -> str:
    """Revised Romanization: each syllable's letters, with the sound changes between syllables."""
    syllables = [divmod(ord(ch) - 0xAC00, 28) for ch in run if "\uac00" <= ch <= "\ud7a3"]
    parts = [(s // 21, s % 21, final) for s, final in syllables]
    out = []
    for n, (initial, vowel, final) in enumerate(parts):
        onset = _HANGUL_INITIALS[initial]
        if n > 0:
            prev_final = parts[n - 1][2]
            prev_sound = _HANGUL_FINALS[prev_final]
            if onset == "_" and prev_final:
                onset = ""  # the final was carried over (below)
            elif onset == "r" and prev_sound in ("l", "n"):
                onset = "l"  # 신라 -> silla, 설날 -> seollal
            elif onset == "r":
                onset = "n"  # 종로 -> jongno
            elif onset == "n" and prev_sound == "l":
                onset = "l"
        onset = onset.replace("_", "")
        coda = ""
        if final:
            nxt = parts[n + 1] if n + 1 < len(parts) else None
            coda = _HANGUL_FINALS[final]
            if nxt and nxt[0] == 11:  # a silent ㅇ follows: the final starts the next syllable
                coda = _HANGUL_CARRIED[final]
            elif nxt and _HANGUL_INITIALS[nxt[0]] in ("n", "m", "r"):
                coda = {"k": "ng", "t": "n", "p": "m"}.get(coda, coda)  # 독립 -> dongnip, 십리 -> simni
                if coda == "n" and _HANGUL_INITIALS[nxt[0]] == "r":
                    coda = "l"
        out.append(onset + _HANGUL_VOWELS[vowel] + coda)
    return "".join(out)


def _kana(run: str, mode: str) -> str:
    """Hepburn, kana by kana: small ya/yu/yo join the kana before, small tsu doubles the next consonant."""
    out: list[str] = []
    double = False
    for ch in run:
        name = unicodedata.name(ch, "")
        if ch == "ー":  # the long-vowel mark repeats the vowel before it
            vowel = next((c for c in reversed("".join(out)) if c in "aeiou"), "")
            out.append(vowel)
            continue
        if "ITERATION MARK" in name:
            out.append(out[-1] if out else "")
            continue
        syllable = name.rsplit(" ", 1)[-1].lower() if ("LETTER" in name) else ""
        syllable = _KANA_FIX.get(syllable, syllable)
        if "SMALL" in name and syllable == "tsu":
            double = True
            continue
        if "SMALL" in name and syllable in ("ya", "yu", "yo") and out and out[-1].endswith("i") and len(out[-1]) > 1:
            prev = out.pop()[:-1]
            out.append(prev + (syllable[1] if prev in ("sh", "ch", "j") else syllable))
            continue
        if "SMALL" in name and syllable in ("a", "i", "u", "e", "o") and out and out[-1] not in "aeio":
            prev = out.pop()
            out.append(("w" if prev == "u" else prev[:-1].rstrip("y") or prev[:-1]) + syllable)
            continue
        if not syllable:
            out.append("-")
            continue
        if double:
            out.append("t" if syllable.startswith("ch") else syllable[0] if syllable[0] not in "aeiou" else "")
            double = False
        out.append(syllable)
    return "".join(out)


def _han(run: str, mode: str) -> str:
    """No reading without a dictionary: each character as its code point, e.g. 東京 -> u6771-u4eac."""
    out: list[str] = []
    for ch in run:
        if ch == "々" and out:  # the iteration mark repeats the character before it
            out.append(out[-1])
        else:
            out.append(_codepoint(ch))
    return "-" + "-".join(out) + "-"


def _codepoint(ch: str) -> str:
    return f"-u{ord(ch):04x}-"


def _by_name(ch: str) -> str:
    """A letter's romanisation from its Unicode name, when the name ends in one ("KHMER LETTER KA" -> ka)."""
    words = unicodedata.name(ch, "").split()
    if any(marker in words for marker in _NAME_MARKERS) or "SIGN" in words:
        last = words[-1]
        if last.isascii() and last.isalpha() and len(last) <= 4:
            return last.lower()
    return ""


def _other(run: str, mode: str) -> str:
    """Letters of other scripts by their Unicode names; an abugida's inherent a gives way to a vowel sign."""
    out: list[str] = []
    for ch in run:
        name = unicodedata.name(ch, "")
        if unicodedata.category(ch).startswith("M"):
            if any(v in name for v in _VIRAMA_NAMES) and out:
                out[-1] = _without_vowel(out[-1])
            elif "VOWEL SIGN" in name and out:
                out[-1] = _without_vowel(out[-1])
                out.append(_by_name(ch))
            continue
        value = _by_name(ch)
        out.append(value or _codepoint(ch))
    return "".join(out)


def _without_vowel(syllable: str) -> str:
    """A consonant's name without its inherent vowel ("ka" -> "k"), when the name has a consonant."""
    stripped = syllable.rstrip("aeiou")
    return stripped if stripped and not stripped.startswith("-") else syllable


_ROMANISERS: dict[str, Callable[[str, str], str]] = {
    "ascii": _ascii, "latin": _latin, "mark": _mark, "digit": _digit, "separator": _separator,
    "cyrillic": _cyrillic, "greek": _greek, "armenian": _armenian, "georgian": _georgian, "hebrew": _hebrew,
    "arabic": _arabic, "indic": _indic, "thai": _thai, "hangul": _hangul, "kana": _kana, "han": _han,
    "other": _other,
}
