"""Faithfulness of the built-in campaign: every printed claim says only what its seed passage says.

tests/test_seed_quotes.py proves that every `quote` is found verbatim in the seed. These tests tie
the printed wording to those quotes (names, places, numbers and dates), check what the short forms
keep, and read the materials back from the PDF to prove what is really printed: a picket that has
happened is never offered to join, its inferred date is never printed unmarked, translations say
that they are translations, and the sign-up sheet names no one the sources do not name as keeping
signers' details.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

from campaignkit import load, make_factsheet, make_leaflet, make_signup

from conftest import SEED, pdf_text, squash

CAMPAIGN = load()
SEED_TEXT = squash(SEED.read_text(encoding="utf-8"))
LANGS = ("en", "ru", "kk")
AFTER = dt.date(2026, 1, 1)  # a day of printing long after the picket
PICKET = CAMPAIGN.event("london-picket")

# Words a printed text may use although its own quote does not, each with where the seed says it.
ALLOWED_NAMES = {
    "january": "6 January 2022",  # the month of the statements: the account's days are in it
    "kazakhstan": "Statement of the Socialist Movement of Kazakhstan",  # the country all three texts are about
}
# Numbers a printed text may give although its quote does not, each with the seed words it follows from.
DERIVED_NUMBERS = {
    "2022": "6 January 2022",  # the year of the statements and of the account's days
    "2021": "December last year",  # "last year" in a statement of January 2022
}
DERIVED_FIGURES = {"×2": "doubling"}

# The rendering of each name a full demand or call contains, in ru and kk, as word stems (any
# inflection): a short form in that language must keep every one.
NAME_STEMS = {
    "CSTO": {"ru": ("одкб",), "kk": ("ұқшұ",)},
    "Nazarbayev": {"ru": ("назарбаев",), "kk": ("назарбаев",)},
    "President Tokayev": {"ru": ("президент", "токаев"), "kk": ("президент", "тоқаев")},
    "Communist Party of Kazakhstan": {"ru": ("коммунистическ", "парти", "казахстан"),
                                      "kk": ("қазақстан", "коммунистік", "партия")},
    "Socialist Movement of Kazakhstan": {"ru": ("социалистическ", "движени", "казахстан"),
                                         "kk": ("қазақстан", "социалистік", "қозғалыс")},
    "Zhanaozen": {"ru": ("жанаозен",), "kk": ("жаңаөзен",)},
}

JOIN_LABELS = ("Join the picket", "Приходите на пикет", "Пикетке қосылыңыз")
PICKET_DAY = {"en": "8 January 2022", "ru": "8 января 2022 г.", "kk": "2022 жылғы 8 қаңтар"}
INFERRED = {"en": "(date inferred)", "ru": "(дата установлена косвенно)", "kk": "(күні жанама анықталған)"}
NOTICE = {"ru": "Перевод с английского", "kk": "Ағылшын тілінен аударма"}


def text(data) -> str:
    return squash(" ".join(pdf_text(data)))


def lang_arg(lang: str) -> str | None:
    return None if lang == "en" else lang


# --- What the campaign says, against its quotes -----------------------------------------------


def printed_items():
    """(where, printed Text, quote) for everything printed that rests on a quote."""
    for i, sentence in enumerate(CAMPAIGN.summary):
        yield f"summary[{i}]", sentence.text, sentence.quote
    for st in CAMPAIGN.statements:
        for kind, items in (("demands", st.demands), ("calls", st.calls)):
            for i, item in enumerate(items):
                if item.short:
                    yield f"{st.id}.{kind}[{i}].short", item.short, item.quote
    for i, entry in enumerate(CAMPAIGN.timeline):
        yield f"timeline[{i}]", entry.text, entry.quote
    for i, fact in enumerate(CAMPAIGN.facts):
        yield f"facts[{i}]", fact.text, fact.quote
    for i, slogan in enumerate(CAMPAIGN.slogans):
        yield f"slogans[{i}]", slogan.text, slogan.quote
    for ev in CAMPAIGN.events:
        for i, note in enumerate(ev.notes):
            yield f"{ev.id}.notes[{i}]", note.text, note.quote


PRINTED = list(printed_items())
PRINTED_IDS = [where for where, _, _ in PRINTED]


def words(value: str) -> list[str]:
    return [re.sub(r"[’']s$", "", w) for w in re.findall(r"[\w’'-]+", value)]


def capitalised_names(value: str) -> list[str]:
    """Capitalised words and acronyms that do not begin a sentence."""
    starts = {m.start(1) for m in re.finditer(r"(?:^|[.!?]\s+)[“\"(]?([\w’'-]+)", value)}
    found = []
    for m in re.finditer(r"[\w’'-]+", value):
        word = re.sub(r"[’']s$", "", m.group())
        if m.start() not in starts and word[:1].isupper():
            found.append(word)
    return found


def without_known_names(value: str, quote: str) -> str:
    """The text without the names [[names]] lists that the quote gives in some spelling, so a
    corrected spelling ("ArcelorMittal" for the seed's "ArmelorMittal") still counts as quoted."""
    for name in CAMPAIGN.names:
        if name.name in value and any(spelling in quote for spelling in (name.name, *name.variants)):
            value = value.replace(name.name, "")
    return value


@pytest.mark.parametrize("where, printed_text, quote", PRINTED, ids=PRINTED_IDS)
def test_printed_text_names_only_what_its_quote_names(where, printed_text, quote):
    """No place, person, organisation or month is added to what the quote says."""
    said = {w.lower() for w in words(squash(quote))}
    for name in capitalised_names(without_known_names(printed_text.original, quote)):
        if name.lower() in ALLOWED_NAMES:
            assert ALLOWED_NAMES[name.lower()] in SEED_TEXT
            continue
        for part in name.split("-") if name.lower() not in said else [name]:
            assert part.lower() in said, f"{where}: {name!r} is not in its quote"


def numbers(value: str) -> set[str]:
    value = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", value)
    return set(re.findall(r"\d+", value))


@pytest.mark.parametrize("where, printed_text, quote", PRINTED, ids=PRINTED_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_printed_numbers_are_the_quotes_numbers(where, printed_text, quote, lang):
    """Every figure, date and count printed, in every language, is in the quote (or follows from
    the seed, like the year of the statements)."""
    for number in numbers(printed_text.get(lang)) - numbers(quote):
        assert number in DERIVED_NUMBERS and DERIVED_NUMBERS[number] in SEED_TEXT, f"{where} ({lang}): {number}"


def test_figures_are_the_quotes_figures():
    for fact in CAMPAIGN.facts:
        if fact.figure is None:
            continue
        for lang in LANGS:
            figure = fact.figure.get(lang)
            if figure in DERIVED_FIGURES:
                assert DERIVED_FIGURES[figure] in fact.quote
            else:
                assert numbers(figure) <= numbers(fact.quote), figure


def test_timeline_dates_and_places_come_from_the_quote():
    previous = None
    for entry in CAMPAIGN.timeline:
        days = {str(entry.date.day)} | ({str(entry.end.day)} if entry.end else set())
        if entry.date_inferred:
            assert "inferred" in entry.date_inferred.lower()
        elif "the same day" in entry.quote:
            assert previous is not None and previous.date == entry.date
        else:
            assert days <= numbers(entry.quote), entry.quote
        if entry.when:
            for lang in LANGS:
                assert numbers(entry.when.get(lang)) <= days, entry.when.get(lang)
        for place in entry.places:
            name = re.sub(r" region$", "", place.original)
            assert name in entry.quote, f"{place.original!r} is not in {entry.quote!r}"
        previous = entry


def test_companies_are_not_listed_as_places():
    places = {p.original for entry in CAMPAIGN.timeline for p in entry.places}
    assert not places & {"Tengizchevroil", "ArcelorMittal Temirtau", "Kazakhmys", "Temirtau"}
    assert "Tengizchevroil" in CAMPAIGN.timeline[1].text.original


def test_date_reasoning_quotes_only_the_seed():
    """The reasoning behind an inferred date quotes the seed and brings in no date from outside it."""
    for reasoning in (PICKET.date_inferred, *(e.date_inferred for e in CAMPAIGN.timeline if e.date_inferred)):
        for quoted in re.findall(r"'([^']+)'", reasoning):
            assert quoted.lower() in SEED_TEXT.lower(), quoted
        assert "7 January" not in reasoning and "shoot-to-kill order of" not in reasoning
        assert reasoning.startswith("Inferred")
    assert "cannot be fixed" in PICKET.date_inferred and "may be wrong" in PICKET.date_inferred
    report = CAMPAIGN.source(PICKET.source).date
    assert report == dt.date(2022, 1, 10) and "10 Jan 2022" in SEED_TEXT
    thursday = next(e for e in CAMPAIGN.timeline if "on Thursday" in e.quote)
    assert thursday.date.weekday() == 3 and dt.timedelta(0) < report - thursday.date <= dt.timedelta(7)


def test_the_picket_summary_names_only_what_the_report_names():
    """The picket's summary (printed on a report of it) has no quote of its own: it rests on the
    report as a whole, and names nothing the report does not."""
    report = SEED_TEXT[SEED_TEXT.index("Report of London Picket of Kazakhstan Embassy"):]
    said = {w.lower() for w in words(report)}
    for name in capitalised_names(PICKET.summary.original):
        assert name.lower() in said, name
    for lang in LANGS:
        assert not numbers(PICKET.summary.get(lang)) - numbers(report)


def test_summary_claims_only_what_the_sources_say():
    summary = " ".join(s.text.original for s in CAMPAIGN.summary)
    assert "CSTO" not in summary and "Socialists in Kazakhstan and Russia" not in summary
    for lang, forbidden in (("ru", "ОДКБ"), ("kk", "ҰҚШҰ")):
        assert forbidden not in " ".join(s.text.get(lang) for s in CAMPAIGN.summary)
    asking = [s for s in CAMPAIGN.summary if "support" in s.text.original]
    assert len(asking) == 1 and "Socialist Movement of Kazakhstan" in asking[0].text.original
    assert "The socialist movement in Kazakhstan" in asking[0].quote


# --- Short forms --------------------------------------------------------------------------------


def shortened():
    for st in CAMPAIGN.statements:
        for kind, items in (("demands", st.demands), ("calls", st.calls)):
            for i, item in enumerate(items):
                if item.short:
                    yield f"{st.id}.{kind}[{i}]", item


def test_every_short_form_rests_on_its_demands_quote():
    assert list(shortened())
    for where, item in shortened():
        assert item.quote and squash(item.quote) in SEED_TEXT, where
        for lang in ("ru", "kk"):
            assert item.short.is_translated(lang), f"{where}: no {lang} short form"


def english_names(value: str) -> list[str]:
    """Names in an English sentence: runs of capitalised words (joined by "of"), and acronyms."""
    starts = {m.start(1) for m in re.finditer(r"(?:^|[.!?]\s+)[“\"(]?([\w’'-]+)", value)}
    names, run = [], []
    for m in re.finditer(r"[\w’'-]+", value):
        word = m.group()
        capital = word[:1].isupper() and word not in {"The", "A", "An"}
        if capital and (m.start() not in starts or word.isupper()):
            run.append(word)
        elif word == "of" and run:
            run.append(word)
        else:
            while run and run[-1] == "of":
                run.pop()
            if run:
                names.append(" ".join(run))
            run = []
    while run and run[-1] == "of":
        run.pop()
    if run:
        names.append(" ".join(run))
    return names


def has_stem(value: str, stem: str) -> bool:
    return any(w.lower().startswith(stem) for w in re.findall(r"\w+", value))


@pytest.mark.parametrize("where, item", list(shortened()))
def test_a_short_form_keeps_every_name_of_its_full_text(where, item):
    """In every language: what a demand names (people, bodies, places, acronyms) its short form names."""
    names = english_names(item.text.original)
    for name in names:
        assert name in item.short.original, f"{where}: the short form drops {name!r}"
    for lang in ("ru", "kk"):
        full, short = item.text.get(lang), item.short.get(lang)
        for name in names:
            assert name in NAME_STEMS, f"add the ru and kk stems of {name!r} to NAME_STEMS"
            for stem in NAME_STEMS[name][lang]:
                assert has_stem(full, stem), f"{where} ({lang}): the full text lacks {stem!r}"
                assert has_stem(short, stem), f"{where} ({lang}): the short form drops {stem!r}"
        # and whatever else the translation capitalises (bar its first word) or writes as an acronym
        for word in re.findall(r"[\w-]+", full)[1:]:
            if word[:1].isupper():
                stem = word.split("-")[0] if word.split("-")[0].isupper() else word[: max(4, len(word) - 3)]
                assert has_stem(short, stem.lower()), f"{where} ({lang}): the short form drops {word!r}"


def test_english_names_finds_the_names_of_a_demand():
    assert english_names("The immediate resignation of all Nazarbayev officials, including President Tokayev!") == [
        "Nazarbayev", "President Tokayev"]
    assert english_names("Legalisation of the activities of the banned Communist Party of Kazakhstan and the "
                         "Socialist Movement of Kazakhstan!") == ["Communist Party of Kazakhstan",
                                                                  "Socialist Movement of Kazakhstan"]
    assert english_names("Stop the military intervention of the CSTO member states.") == ["CSTO"]


# --- Translations: wording the review asked to correct ---------------------------------------


def all_texts(lang: str) -> list[str]:
    """Every text of the campaign in `lang`."""
    c = CAMPAIGN
    texts = [c.title, *(s.text for s in c.summary), *(s.text for s in c.slogans)]
    for st in c.statements:
        texts += [st.by, *st.signatories]
        for item in (*st.demands, *st.calls):
            texts += [item.text] + ([item.short] if item.short else [])
    for ev in c.events:
        texts += [ev.title, ev.place, *ev.organisers, *ev.supporters] + ([ev.summary] if ev.summary else [])
    for entry in c.timeline:
        texts += [entry.text, *entry.places] + ([entry.when] if entry.when else [])
    for fact in c.facts:
        texts += [fact.text] + ([fact.figure] if fact.figure else [])
    return [t.get(lang) for t in texts]


def test_kazakh_wording_the_review_corrected():
    kk = " ".join(all_texts("kk"))
    assert CAMPAIGN.title.get("kk") == "Қазақстан халқымен ынтымақ"
    assert "ынтымақтастық" not in kk  # reads as "cooperation"
    assert "қаза тап" not in kk  # "died": the sources say killed, murdered
    assert "Көтерілген" not in kk and "көтерілген" not in kk  # "raised", not "insurgent"
    assert "Көтеріліске шыққан Қазақстан халқының" in CAMPAIGN.statement("rsm").calls[0].text.get("kk")
    assert "Ресей президент" not in kk  # would read "the Russian president Tokayev"
    for text in all_texts("kk"):
        if "Тоқаевтың өтініш" in text:
            assert text.index("Тоқаевтың өтініш") < text.index("Ресей"), text


def test_kazakh_call_says_murdered():
    call = CAMPAIGN.statement("smk").calls[0].text.get("kk")
    assert "өлтірілген мұнайшыларының" in call and "қаза тапқан" not in call


def test_place_names_follow_the_source():
    semipalatinsk = next(p for e in CAMPAIGN.timeline for p in e.places if p.original == "Semipalatinsk")
    assert semipalatinsk.get("ru") == "Семипалатинск" and semipalatinsk.get("kk").startswith("Семипалатинск")


def test_organisation_names_are_never_replaced_by_ours():
    for lang in ("ru", "kk"):
        texts = " ".join(all_texts(lang))
        assert "Трудовая Россия" not in texts and "Левый блок" not in texts
        for st in CAMPAIGN.statements:
            assert st.by.get(lang).startswith(st.by.original + " (")
            for name in st.signatories:
                assert name.get(lang) == name.original
    assert not CAMPAIGN.statement("smk").signatories  # the seed lists none for it
    activists = next(s for s in PICKET.supporters if s.original == "a number of individual activists")
    assert activists.is_translated("ru") and activists.is_translated("kk")


def test_the_picket_is_past_and_its_attendance_approximate():
    assert PICKET.status == "past" and PICKET.is_past(dt.date(2022, 1, 1))
    assert PICKET.attendance == 50 and PICKET.attendance_approximate
    assert "Around 50 people" in SEED_TEXT
    assert PICKET.date_inferred


# --- What the materials print ----------------------------------------------------------------


@pytest.fixture(scope="module")
def printed():
    """Every material in every language, made long after the picket, as the text the PDF holds."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sign-up sheet warns that no one keeps the details
        for lang in LANGS:
            out["leaflet", lang] = text(make_leaflet(CAMPAIGN, lang=lang_arg(lang), today=AFTER))
            out["picket", lang] = text(make_leaflet(CAMPAIGN, lang=lang_arg(lang), today=AFTER,
                                                    event="london-picket"))
            out["factsheet", lang] = text(make_factsheet(CAMPAIGN, lang=lang_arg(lang), today=AFTER))
            out["signup", lang] = text(make_signup(CAMPAIGN, lang=lang_arg(lang), today=AFTER))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_a_past_picket_is_never_offered_to_join(printed, lang):
    for material in ("leaflet", "picket", "factsheet", "signup"):
        for label in JOIN_LABELS:
            assert label not in printed[material, lang], (material, label)


def marked_every_time(value: str, day: str, mark: str, within: int) -> bool:
    """Whether `day` occurs in `value` and every occurrence is followed by `mark` within `within` characters."""
    places = [m.end() for m in re.finditer(re.escape(day), value)]
    return bool(places) and all(mark in value[end:end + within + len(mark)] for end in places)


@pytest.mark.parametrize("lang", LANGS)
def test_the_inferred_picket_date_is_never_printed_unmarked(printed, lang):
    day, mark = PICKET_DAY[lang], INFERRED[lang]
    assert day not in printed["leaflet", lang]  # no event chosen: a box to write the next picket in
    assert marked_every_time(printed["picket", lang], day, mark, 2)
    assert marked_every_time(printed["factsheet", lang], day, mark, 60)  # date, place, then the mark
    month = {"en": "January", "ru": "января", "kk": "қаңтар"}[lang]
    assert day not in printed["signup", lang] and month not in printed["signup", lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sheet_id_carries_no_date(printed, lang):
    label = {"en": "Sheet 1 of 1", "ru": "Лист 1 из 1", "kk": "1 парақтың 1-парағы"}[lang]
    assert f"{CAMPAIGN.id} · {label}" in printed["signup", lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_picket_report_says_about_fifty(printed, lang):
    about = {"en": "About 50 people took part.", "ru": "Участвовало около 50 человек.",
             "kk": "Шамамен 50 адам қатысты."}[lang]
    assert about in printed["picket", lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_is_printed_sentence_by_sentence(printed, lang):
    for material in ("leaflet", "factsheet"):
        for sentence in CAMPAIGN.summary:
            assert squash(sentence.text.get(lang)) in printed[material, lang], (material, sentence.text.get(lang))


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("material", ["leaflet", "picket", "factsheet"])
def test_translations_say_so(printed, lang, material):
    assert NOTICE[lang] in printed[material, lang]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translated_signup_sheets_say_so(printed, lang):
    assert NOTICE[lang] in printed["signup", lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_consent_line_names_no_keeper_the_sources_do_not_name(printed, lang):
    sheet = printed["signup", lang]
    assert "AntiCapitalistResistance" not in sheet and "ACR" not in sheet
    assert "_" * 20 in sheet  # a line to write the keeper on
    assert CAMPAIGN.petition is None or CAMPAIGN.petition.collected_by is None


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translated_materials_print_published_names_and_translate_the_rest(printed, lang):
    assert "“Labor Russia”" in printed["leaflet", lang] and "Трудовая Россия" not in printed["leaflet", lang]
    assert "a number of individual activists" not in printed["picket", lang]


def test_kazakh_leaflet_prints_murdered(printed):
    assert "өлтірілген мұнайшыларының" in printed["leaflet", "kk"]
    assert "қаза тапқан" not in printed["leaflet", "kk"] and "қаза тап" not in printed["factsheet", "kk"]
