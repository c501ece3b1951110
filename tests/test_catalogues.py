"""Every interface catalogue (`campaignkit/localise/locales/<tag>.po`) against the English template:
complete, placeholders intact, a plural rule that parses and matches its forms, numbers and dates that
format, text in the language's own script, and the typography the language needs.

Adding a language is adding its .po file and its tag to CATALOGUES below (with its script in SCRIPTS)."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import string
import unicodedata

import pytest

from campaignkit.localise import Labels
from campaignkit.localise.catalogue import LOCALES, TEMPLATE, Catalogue, read_po

CATALOGUES = ["ar", "bn", "de", "es", "fa", "fr", "he", "hi", "kk", "kk-Latn", "pt", "ru", "tr", "uk", "zh-Hans"]

# The script each catalogue is written in (the start of its letters' Unicode names), and letters that
# only this language of the script uses, at least one of which must appear (a copy-paste from a
# neighbour language is caught).
SCRIPTS = {
    "ar": ("ARABIC", ""), "fa": ("ARABIC", "پچژگکی"), "he": ("HEBREW", ""), "hi": ("DEVANAGARI", ""),
    "bn": ("BENGALI", ""), "zh-Hans": ("CJK UNIFIED", ""), "ru": ("CYRILLIC", "ыэ"), "uk": ("CYRILLIC", "іїєґ"),
    "kk": ("CYRILLIC", "әғқңөұүһ"), "kk-Latn": ("LATIN", "äğıñöşūü"), "de": ("LATIN", "äöüß"),
    "es": ("LATIN", "ñ¿¡"), "fr": ("LATIN", "èêàç"), "pt": ("LATIN", "ãõç"), "tr": ("LATIN", "ışğ"),
}
# Letters of another language of the same script that must not appear (Arabic ي ك in Persian, and so on).
FORBIDDEN = {"fa": "يكى", "ar": "یکگپچژ", "uk": "ыэъё", "ru": "іїєґ"}
# Catalogues written before the rule that a no-break space is named in a #. comment on number_group.
COMMENT_TO_ADD = {"kk", "kk-Latn"}
# Latin words the catalogues keep in every script: sheet labels printed on the placard tiles, and ASCII.
LATIN_KEPT = re.compile(r"\bR1 C1\b|\bASCII\b")

TEMPLATE_ENTRIES = read_po(LOCALES / TEMPLATE, source=True).forms
PLURALS = {"and_more", "attendance_about", "attendance_exact", "assembly_sheets", "more_signatories", "signatory_count"}


def raw_entries(tag: str) -> dict[str, list[str]]:
    return read_po(LOCALES / f"{tag}.po").forms


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def header(tag: str) -> dict[str, str]:
    return read_po(LOCALES / f"{tag}.po").headers


def plural_rule(tag: str) -> tuple[int, object]:
    forms = header(tag)["Plural-Forms"]
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", forms).group(1))
    rule = gettext.c2py(re.search(r"plural\s*=\s*(.*?);?\s*$", forms).group(1))
    return nplurals, rule


def msgstrs(tag: str) -> list[str]:
    return [form for forms in raw_entries(tag).values() for form in forms]


def test_adding_a_language_is_adding_a_file():
    assert sorted(p.stem for p in LOCALES.glob("*.po")) == sorted(CATALOGUES)
    assert set(SCRIPTS) == set(CATALOGUES)


def test_the_template_names_its_plural_entries():
    text = (LOCALES / TEMPLATE).read_text(encoding="utf-8")
    plural_keys = set(re.findall(r'msgctxt "([^"]+)"\nmsgid "[^"]*"\nmsgid_plural', text))
    assert plural_keys == PLURALS


@pytest.mark.parametrize("tag", CATALOGUES)
def test_every_label_is_translated(tag):
    entries = raw_entries(tag)
    missing = sorted(set(TEMPLATE_ENTRIES) - set(entries))
    assert not missing, f"{tag}.po lacks {missing}"
    assert not set(entries) - set(TEMPLATE_ENTRIES), "keys the template does not have"
    for key, forms in entries.items():
        assert all(forms), f"{tag}: {key} has an empty form"
        if key not in PLURALS:
            assert len(forms) == 1, f"{tag}: {key} is not a plural entry"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_the_header_says_what_the_file_is_and_that_it_needs_review(tag):
    text = (LOCALES / f"{tag}.po").read_text(encoding="utf-8")
    assert text.startswith("# "), "a header comment naming the language"
    fields = header(tag)
    assert fields["Language"] == tag
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["X-Review"] == "needs review by a native speaker"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_the_plural_rule_parses_and_matches_the_plural_entries(tag):
    nplurals, rule = plural_rule(tag)
    assert {rule(n) for n in range(0, 1001)} == set(range(nplurals)), "every form is used, no index out of range"
    for key in PLURALS:
        assert len(raw_entries(tag)[key]) == nplurals, f"{tag}: {key} needs {nplurals} forms"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_placeholders_are_kept_exactly(tag):
    """The same {names} as the English; only a plural form used for a single number (one, two) may write
    that number as a word instead of {count} ("توقيعان", "שני אנשים")."""
    nplurals, rule = plural_rule(tag)
    numbers_of_form = {i: {n for n in range(0, 1001) if rule(n) == i} for i in range(nplurals)}
    for key, forms in raw_entries(tag).items():
        english = placeholders(TEMPLATE_ENTRIES[key][0]) | placeholders(TEMPLATE_ENTRIES[key][1])
        for index, form in enumerate(forms):
            found = placeholders(form)
            allowed_missing = {"count"} if key in PLURALS and len(numbers_of_form[index]) == 1 else set()
            assert english - allowed_missing <= found <= english, f"{tag}: {key}[{index}] has {found}, not {english}"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_dates_numbers_and_plurals_format(tag):
    labels = Labels(tag)
    assert labels.catalogue.language == tag, "the catalogue itself is used, not a fallback"
    day = dt.date(2027, 11, 20)
    full = labels.formats.date(day, weekday=True)
    assert "2027" in full and "20" in full
    months = {labels.catalogue.text(f"month.{m}") for m in range(1, 13)}
    weekdays = {labels.catalogue.text(f"weekday.{d}") for d in range(1, 8)}
    assert len(months) == 12 and len(weekdays) == 7
    assert labels.catalogue.text("month.11") in full and labels.catalogue.text("weekday.6") in full
    assert labels.formats.date(day, year=False) and "2027" not in labels.formats.date(day, year=False)
    assert labels.formats.date_span(day, dt.date(2027, 11, 22))
    assert labels.number(40000).replace(labels.formats.group, "") == "40000"
    assert labels.number(-1234567).startswith("-")
    for count in (0, 1, 2, 3, 5, 11, 21, 100, 101, 1000, 40000):
        for key in PLURALS:
            text = labels.plural(key, count, paper="A4", rows=2, cols=3, overlap=10, where="x").text
            if str(count) not in text.replace(labels.formats.group, "").replace("\u00a0", ""):
                nplurals, rule = plural_rule(tag)
                assert sum(rule(n) == rule(count) for n in range(1001)) == 1, f"{tag}: {key} drops {count}"
    for key, (english, _) in TEMPLATE_ENTRIES.items():
        if key not in PLURALS:
            labels.label(key, **dict.fromkeys(placeholders(english), "x"))
    assert labels.prompt("where").text.endswith(labels.catalogue.text("colon"))


def _letters(tag: str) -> list[str]:
    text = " ".join(LATIN_KEPT.sub(" ", re.sub(r"\{\w+\}", " ", form)) for form in msgstrs(tag))
    return [ch for ch in text if ch.isalpha()]


@pytest.mark.parametrize("tag", CATALOGUES)
def test_text_is_in_the_languages_script(tag):
    script, own_letters = SCRIPTS[tag]
    letters = _letters(tag)
    names = {ch: unicodedata.name(ch, "") for ch in letters}
    allowed = (script,) if script == "LATIN" else (script, "LATIN")
    strangers = sorted({ch for ch in letters if not names[ch].startswith(allowed)})
    assert not strangers, f"{tag}: letters of another script: {''.join(strangers)}"
    if script != "LATIN":
        latin = [ch for ch in letters if names[ch].startswith("LATIN")]
        assert len(latin) < 0.02 * len(letters), f"{tag}: {len(latin)} Latin letters: a label left in English?"
        for key, forms in raw_entries(tag).items():
            for form in forms:
                words = LATIN_KEPT.sub("", re.sub(r"\{\w+\}", "", form))
                if any(c.isalpha() for c in words):
                    assert any(unicodedata.name(c, "").startswith(script) for c in words), f"{tag}: {key} {form!r}"
    if own_letters:
        assert any(ch in own_letters for ch in letters), f"{tag}: none of {own_letters}: another language's text?"
    for ch in FORBIDDEN.get(tag, ""):
        assert ch not in "".join(msgstrs(tag)), f"{tag}: {ch} (U+{ord(ch):04X}) belongs to another language"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_text_is_normalised_and_has_no_stray_controls(tag):
    for key, forms in raw_entries(tag).items():
        for form in forms:
            assert unicodedata.normalize("NFC", form) == form
            assert form.rstrip() == form or form.isspace() or key == "list_separator"
            assert form.lstrip() == form or form.isspace() or key == "colon"
            for ch in form:
                assert unicodedata.category(ch) not in ("Cc", "Co", "Cn"), f"{tag}: U+{ord(ch):04X} in {form!r}"
                if unicodedata.category(ch) == "Cf":
                    assert ch == "\u200c" and tag == "fa", f"{tag}: invisible U+{ord(ch):04X} in {form!r}"


@pytest.mark.parametrize("tag", CATALOGUES)
def test_no_break_spaces_are_written_as_the_character_and_commented(tag):
    """A group separator that is a space is U+00A0 (so 40 000 never breaks), and the file says so."""
    group = raw_entries(tag)["number_group"][0]
    text = (LOCALES / f"{tag}.po").read_text(encoding="utf-8")
    if group.isspace():
        assert group == "\u00a0"
        if tag in COMMENT_TO_ADD:
            return
        comment = re.search(r'((?:#\..*\n)+)msgctxt "number_group"', text)
        assert comment and "U+00A0" in comment.group(1), "a #. comment on number_group names the no-break space"
    assert "\\u00a0" not in text and "\\xa0" not in text, "written as the character, not an escape"
    for form in msgstrs(tag):
        assert "\u202f" not in form and "  " not in form


def test_french_typography():
    entries = raw_entries("fr")
    assert entries["colon"] == ["\u00a0:"]
    assert entries["number_group"] == ["\u00a0"]
    for key, forms in entries.items():
        for form in forms:
            assert not re.search(r"[^\u00a0][:;](?!//)", form.replace("https:", "")), f"fr: {key}: {form!r}"
    assert Labels("fr").prompt("where").text == "Où\u00a0:"
    assert Labels("fr").number(40000) == "40\u00a0000"


@pytest.mark.parametrize("tag, expected", [
    ("de", "Samstag, 20. November 2027"),
    ("es", "sábado, 20 de noviembre de 2027"),
    ("fr", "samedi 20 novembre 2027"),
    ("pt", "sábado, 20 de novembro de 2027"),
    ("tr", "20 Kasım 2027 Cumartesi"),
    ("uk", "субота, 20 листопада 2027 р."),
    ("ar", "السبت، 20 نوفمبر 2027"),
    ("fa", "شنبه 20 نوامبر 2027"),
    ("he", "יום שבת, 20 בנובמבר 2027"),
    ("hi", "शनिवार, 20 नवंबर 2027"),
    ("bn", "শনিবার, 20 নভেম্বর 2027"),
    ("zh-Hans", "2027年11月20日星期六"),
])
def test_dates_read_in_the_languages_order(tag, expected):
    """In the language's order, with the day and its month never split across lines (nor a year and its
    abbreviation, "2027 р.")."""
    date = Labels(tag).formats.date(dt.date(2027, 11, 20), weekday=True)
    assert date.replace("\u00a0", " ") == expected
    if " " in expected:
        assert re.search(r"20\.?\u00a0[^\W\d]|[^\W\d]\u00a020(?!\d)", date), repr(date)
        assert not re.search(r"\d \w\.$", date), repr(date)


@pytest.mark.parametrize("tag, counts", [
    ("ar", {0: "0", 1: "توقيع واحد", 2: "توقيعان", 3: "3 توقيعات", 11: "11 توقيعًا", 100: "100 توقيع"}),
    ("uk", {1: "1 підпис", 3: "3 підписи", 5: "5 підписів", 21: "21 підпис", 12: "12 підписів"}),
    ("fr", {0: "0 signataire", 1: "1 signataire", 2: "2 signataires"}),
    ("he", {1: "1 חתימה", 2: "2 חתימות", 5: "5 חתימות"}),
])
def test_plural_forms_follow_the_languages_rules(tag, counts):
    for count, expected in counts.items():
        assert expected in Labels(tag).plural("signatory_count", count).text.replace("\u00a0", " ")


def test_a_tag_with_a_region_or_script_finds_its_catalogue():
    assert Catalogue("pt-BR").language == "pt"
    assert Catalogue("zh").language == "zh-Hans"
    assert Catalogue("fr-CA").language == "fr"
    assert Catalogue("ar-SD").language == "ar"
