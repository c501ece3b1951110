"""The loader's table of keys (`loader.campaign.KEYS`) in, a JSON Schema (draft 2020-12) of the
campaign format out, for editors (Taplo / Even Better TOML read a `#:schema` line) and for other
tools that check campaign files.

Every key of every table has one entry in `FIELDS`: its kind (which fixes its JSON Schema) and a
sentence saying what it means. The schema is built from `KEYS` and `FIELDS` together, and building
it fails if the two disagree, so the schema, the loader and the reference in
docs/campaign-format.md (generated from `FIELDS` by `reference_markdown`) cannot drift apart.

The schema checks the shape of a file: keys, types, ids, dates, times, language tags, https URLs,
text that is not blank and holds no control characters. What depends on more than one value stays
with `campaignkit validate`: references between ids, an end before a start, a table of
translations holding the original, the contrast of the colour, files that must exist.
"""

from __future__ import annotations

import json
from typing import Any

from ._version import __version__
from .loader.campaign import EVENT_STATUSES, KEYS, MAX_ATTENDANCE, SCHEMA_KEY, SIGNATORY_ORDERS
from .tags import ISO_639_1

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "campaign.schema.json"  # the name `campaignkit schema -o` suggests, and `#:schema` lines point to

# The definition (in $defs) that describes one entry of each table in KEYS; "campaign" is the root.
TABLE_DEFS = {
    "sources": "source", "statements": "statement", "events": "event", "speakers": "speaker",
    "timeline": "timeline_entry", "facts": "fact", "slogans": "slogan_table", "names": "name",
    "petition": "petition", "translations": "translation", "item": "item_table",
}

# What each key holds (a kind from _KINDS) and what it means. Tables in the order of KEYS.
FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "campaign": {
        "id": ("id", "The campaign's id: names files and folders, and identifies it in exports."),
        "title": ("text", "The headline of every material."),
        "language": ("tag", "The language the originals are written in (default `en`)."),
        "summary": ("summary", "Two or three sentences under the headline: text, or a list of sentences each of "
                               "which may carry the `quote` it rests on."),
        "hashtag": ("string", "Printed small on placards and cards."),
        "version": ("string", "Your own version label, recorded in pack manifests."),
        "petition_url": ("url", "The older spelling of `petition.url`; give one or the other, not both."),
        "petition": ("petition", "What the sign-up sheets collect signatures for, and who keeps the signers' "
                                 "details."),
        "logo": ("file", "A PNG or JPEG file, relative to the campaign file (to the working folder for a campaign read "
                         "from standard input), printed in the headline band."),
        "colour": ("colour", "Accent colour `#RRGGBB` (default `#B0151F`), dark enough for white text."),
        "slogans": ("slogans", "Placard slogans: text, or `{ text = ..., quote = \"...\" }`."),
        "sources": ("sources", "Where each claim comes from."),
        "statements": ("statements", "The statements the campaign stands on: who made them, their demands, calls "
                                     "and signatories."),
        "events": ("events", "Pickets, rallies and meetings, to come or past."),
        "timeline": ("timeline", "Dated entries for the fact sheet."),
        "facts": ("facts", "Key figures for the fact sheet."),
        "names": ("names", "The correct spelling of people and bodies, and the variants sources use."),
        "translations": ("translations", "Per language: where its translations come from (`[translations.ru]`)."),
        "fonts": ("files", "Extra font files, relative to the campaign file (as `logo` is), for scripts the "
                           "bundled fonts do not cover."),
    },
    "sources": {
        "id": ("id", "The id statements, events, entries and facts use to cite it."),
        "url": ("url", "Where it is published (https)."),
        "title": ("text", "Its title (default: the URL's domain)."),
        "publisher": ("string", "Who published it."),
        "author": ("string", "Who wrote it."),
        "date": ("date", "When it was published."),
        "note": ("string", "Anything worth knowing about it."),
    },
    "statements": {
        "id": ("id", "The statement's id (`--statement`, `petition.statements`, `campaignkit import`)."),
        "by": ("text", "Who made it."),
        "language": ("tag", "The language of this statement's originals, when it is not the campaign's."),
        "title": ("text", "Its title (default: `by`)."),
        "date": ("date", "When it was made."),
        "source": ("source", "The id of the source it is published in."),
        "demands": ("items", "Its demands. A statement needs at least one demand or call."),
        "calls": ("items", "Its calls to action."),
        "signatories": ("texts", "Who signed it. A leaflet prints as many as fit and says how many more there are; "
                                 "the signatory annex prints them all."),
        "signatories_file": ("file", "A CSV of further signatories, relative to the campaign file, with a header "
                                     "row: `name`, and optionally `organisation` and `country`."),
        "signatories_url": ("url", "Where the full list of signatories is published; a leaflet too short for "
                                   "them all points to it (else to the signatory annex)."),
        "signatories_order": ("signatory_order", "How the signatory annex orders the names (default `as given`; "
                                                 "`by organisation` groups them under each organisation)."),
    },
    "events": {
        "id": ("id", "The event's id (`--event`; calendar exports use it in the event's UID)."),
        "title": ("text", "What it is called."),
        "place": ("text", "Where it happens, as people would look for it."),
        "kind": ("string", "`picket` (the default), `rally`, `meeting`, ..."),
        "status": ("status", "Whether it is still to come; without it the date and the day of printing decide."),
        "date": ("date", "The day it happens."),
        "date_inferred": ("string", "Your reasoning, when the source gives no date and you inferred it."),
        "time": ("time", "The local time it starts, `HH:MM`."),
        "end_time": ("time", "The local time it ends, `HH:MM` (needs `time`)."),
        "attendance": ("attendance", "How many people took part."),
        "attendance_approximate": ("boolean", "`true` when `attendance` is an estimate (\"about 50 people\")."),
        "organisers": ("texts", "Who called it."),
        "supporters": ("texts", "Who supported it."),
        "speakers": ("speakers", "Who spoke."),
        "summary": ("text", "A sentence or two about it."),
        "notes": ("items", "Further points, like demands."),
        "contact": ("string", "An email address or phone number to ask about it."),
        "source": ("source", "The id of the source that reports it."),
    },
    "speakers": {
        "name": ("string", "The speaker's name (a speaker needs a name or an affiliation)."),
        "affiliation": ("text", "Whom they speak for."),
        "role": ("text", "Their role, e.g. chair."),
        "quote": ("quote", "What they said, verbatim."),
    },
    "timeline": {
        "date": ("date", "The day it happened (or began)."),
        "text": ("text", "What happened."),
        "end": ("date", "The day it ended, when it ran over several days."),
        "when": ("text", "The time as people say it, printed instead of the date (\"Night of 4–5 January\")."),
        "places": ("texts", "Where it happened."),
        "date_inferred": ("string", "Your reasoning, when the source gives no date and you inferred it."),
        "quote": ("quote", "The verbatim passage of the source this entry rests on."),
        "source": ("source", "The id of its source."),
    },
    "facts": {
        "text": ("text", "The fact, as a sentence."),
        "figure": ("text", "The number or word to show large (\"40,000\", { en = \"Dozens\", ru = \"Десятки\" })."),
        "quote": ("quote", "The verbatim passage of the source this fact rests on."),
        "source": ("source", "The id of its source."),
    },
    "slogans": {
        "text": ("text", "The slogan."),
        "quote": ("quote", "The verbatim passage of the source it comes from."),
    },
    "names": {
        "name": ("string", "The correct spelling."),
        "variants": ("strings", "Spellings the sources use."),
        "note": ("string", "Why, or anything else worth knowing."),
    },
    "petition": {
        "url": ("url", "The online petition, printed as a QR code on sign-up sheets."),
        "collected_by": ("text", "Who keeps the signers' details (printed in the consent line)."),
        "contact": ("string", "How to reach them."),
        "statements": ("ids", "The statements whose demands the sheets list (default: every statement)."),
    },
    "translations": {
        "translated_from": ("tag", "The language these translations were made from (default: the campaign's)."),
        "translator": ("string", "Who translated them."),
    },
    "item": {
        "text": ("text", "The wording."),
        "short": ("text", "A short form, for sign-up sheets and fact sheets."),
        "quote": ("quote", "The verbatim passage of the source it rests on."),
    },
}

TABLE_TITLES = {
    "campaign": "Top level", "sources": "`[[sources]]`", "statements": "`[[statements]]`",
    "events": "`[[events]]`", "speakers": "`[[events.speakers]]`", "timeline": "`[[timeline]]`",
    "facts": "`[[facts]]`", "slogans": "`[[slogans]]` (a slogan as a table)", "names": "`[[names]]`",
    "petition": "`[petition]`", "translations": "`[translations.<tag>]`",
    "item": "A demand, call, note or summary sentence as a table",
}

# Keys a misspelt entry table may have that are also well-formed language tags: `{ txt = "..." }` reads as
# a one-entry table of translations unless they are ruled out. The loader treats them the same way (a table
# lacking the original whose key is close to an entry key is an entry table with a typo), and
# tests/test_schema.py checks this list against the loader's own matching.
ITEM_TYPOS = ("ext", "hor", "hot", "hrt", "ort", "ote", "qoe", "qot", "qte", "que", "quo", "qut", "sho", "shr",
              "sht", "sor", "sot", "srt", "te", "tet", "tex", "tt", "txt", "uoe", "uot", "ute")
SLOGAN_TYPOS = ("ext", "ote", "qoe", "qot", "qte", "que", "quo", "qut", "te", "tet", "tex", "tt", "txt", "uoe",
                "uot", "ute")

_CONTROL = "\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F"


def _either(letter: str) -> str:
    return f"[{letter.upper()}{letter}]" if letter.isalpha() else letter


def tag_pattern() -> str:
    """A regular expression for the language tags `tags.parse_language` accepts (any case, `-` or `_`)."""
    by_first: dict[str, list[str]] = {}
    for code in sorted(ISO_639_1):
        by_first.setdefault(code[0], []).append(code[1])
    two = "|".join(f"{_either(first)}[{''.join(s.upper() + s for s in seconds)}]"
                   for first, seconds in sorted(by_first.items()))
    sep, alpha, alnum = "[-_]", "[A-Za-z]", "[A-Za-z0-9]"
    return (f"^(?:{two}|{alpha}{{3}})(?:{sep}{alpha}{{3}}){{0,3}}"
            f"(?:{sep}{alpha}{{4}})?"
            f"(?:{sep}(?:{alpha}{{2}}|[0-9]{{3}}))?"
            f"(?:{sep}(?:{alnum}{{5,8}}|[0-9]{alnum}{{3}}))*"
            f"(?:{sep}[0-9A-WY-Za-wy-z](?:{sep}{alnum}{{2,8}})+)*"
            f"(?:{sep}[Xx](?:{sep}{alnum}{{1,8}})+)?$")


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


def _definitions() -> dict[str, Any]:
    tag = tag_pattern()
    translations = {
        "type": "object", "minProperties": 1, "propertyNames": {"pattern": tag},
        "patternProperties": {tag: _ref("string")}, "additionalProperties": False,
        "description": "Translations keyed by BCP 47 language tag; the entry in the campaign's (or the "
                       "statement's) language is the original.",
    }
    defs: dict[str, Any] = {
        "string": {"type": "string", "allOf": [{"pattern": "\\S"}, {"pattern": f"^[^{_CONTROL}]*$"}],
                   "description": "Text that is not blank and holds no control characters."},
        "text": {"anyOf": [_ref("string"), _ref("translations")],
                 "description": "Text: a string in the original language, or a table of translations keyed by "
                                "language tag that holds the original."},
        "translations": translations,
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$",
               "description": "Lowercase letters, digits, '-' and '_', at most 64."},
        "tag": {"type": "string", "pattern": tag, "description": "A BCP 47 language tag: en, ru, kk-Latn, zh-Hans."},
        "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
                 "description": "A date, 2022-01-06 (a TOML date or a string)."},
        "time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$",
                 "description": "A local time, \"18:30\" (a TOML time such as 18:30:00 also works; seconds are "
                                "dropped)."},
        "url": {"type": "string", "maxLength": 1000, "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+([/?#]\\S*)?$",
                "description": "An https:// address (http:// only with a warning)."},
        "item": {"anyOf": [_ref("string"), {"allOf": [translations, {"not": _one_key_of(ITEM_TYPOS)}]},
                           _ref("item_table")],
                 "description": "Text, or a table with `text` and an optional `short` and `quote`."},
        "slogan": {"anyOf": [_ref("string"), {"allOf": [translations, {"not": _one_key_of(SLOGAN_TYPOS)}]},
                             _ref("slogan_table")],
                   "description": "Text, or a table with `text` and an optional `quote`."},
    }
    for table, definition in TABLE_DEFS.items():
        defs[definition] = _table_schema(table)
    defs["statement"]["anyOf"] = [
        {"required": [key], "properties": {key: {"minItems": 1}}} for key in ("demands", "calls")
    ]
    defs["speaker"]["anyOf"] = [{"required": ["name"]}, {"required": ["affiliation"]}]
    defs["event"]["dependentRequired"] = {"end_time": ["time"]}
    return defs


def _one_key_of(keys: tuple[str, ...]) -> dict:
    return {"maxProperties": 1, "propertyNames": {"enum": list(keys)}}


def _kinds() -> dict[str, tuple[dict, str]]:
    """Each kind of value: its JSON Schema and how the reference names it."""
    return {
        "id": (_ref("id"), "id"),
        "source": (_ref("id"), "a source id"),
        "ids": (_list(_ref("id")), "list of statement ids"),
        "text": (_ref("text"), "text"),
        "texts": (_list(_ref("text")), "list of text"),
        "string": (_ref("string"), "plain text"),
        "strings": (_list(_ref("string")), "list of plain text"),
        "quote": (_ref("string"), "plain text, verbatim"),
        "tag": (_ref("tag"), "language tag"),
        "date": (_ref("date"), "date"),
        "time": (_ref("time"), "time"),
        "url": (_ref("url"), "https URL"),
        "file": (_ref("string"), "file"),
        "files": (_list(_ref("string")), "list of files"),
        "colour": ({"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}, "`#RRGGBB`"),
        "boolean": ({"type": "boolean"}, "true or false"),
        "attendance": ({"type": "integer", "minimum": 0, "maximum": MAX_ATTENDANCE}, "whole number"),
        "status": ({"enum": list(EVENT_STATUSES)}, " or ".join(f"`{s}`" for s in EVENT_STATUSES)),
        "signatory_order": ({"enum": list(SIGNATORY_ORDERS)}, ", ".join(f"`{s}`" for s in SIGNATORY_ORDERS)),
        "items": (_list(_ref("item")), "list of items"),
        "summary": ({"anyOf": [_ref("item"), _list(_ref("item"))]}, "item, or list of items"),
        "slogans": (_list(_ref("slogan")), "list of slogans"),
        "petition": (_ref("petition"), "table"),
        "translations": ({"type": "object", "propertyNames": {"pattern": tag_pattern()},
                          "additionalProperties": _ref("translation")}, "table per language tag"),
        **{table: (_list(_ref(TABLE_DEFS[table])), "list of tables")
           for table in ("sources", "statements", "events", "speakers", "timeline", "facts", "names")},
    }


def _table_schema(table: str) -> dict:
    required, optional = KEYS[table]
    fields = FIELDS.get(table, {})
    if set(fields) != set(required + optional):
        missing = sorted(set(required + optional) - set(fields))
        extra = sorted(set(fields) - set(required + optional))
        raise RuntimeError(f"schema.FIELDS[{table!r}] disagrees with loader KEYS: missing {missing}, extra {extra}")
    kinds = _kinds()
    properties = {}
    for key in required + optional:
        kind, meaning = fields[key]
        properties[key] = {**kinds[kind][0], "description": meaning}
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def campaign_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a campaign file, as a dict."""
    root = _table_schema("campaign")
    return {
        "$schema": DRAFT,
        "$comment": f"Made by campaignkit {__version__} (campaignkit schema). Check a file fully with "
                    "`campaignkit validate FILE`.",
        "title": "campaignkit campaign",
        "description": "A campaign file: its statements, demands, signatories, events, timeline, facts and sources.",
        **root,
        "patternProperties": {f"^\\{SCHEMA_KEY}$": {
            "type": "string", "description": "The address or path of this schema, for editors (JSON files)."}},
        "dependentSchemas": {"petition_url": {"not": {"required": ["petition"]}}},
        "$defs": _definitions(),
    }


def schema_json() -> bytes:
    """The schema as UTF-8 JSON text, the same bytes every time."""
    return (json.dumps(campaign_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_schema(target=None, *, force: bool = False) -> bytes:
    """The schema's bytes; given a target (a path, "-" or a binary stream) they are also written there."""
    from .write import write

    data = schema_json()
    write(data, target, force=force)
    return data


def reference_markdown() -> str:
    """The key-by-key reference of docs/campaign-format.md, generated from `FIELDS` and `KEYS`."""
    kinds = _kinds()
    blocks = []
    for table in KEYS:
        required, optional = KEYS[table]
        rows = ["| key | required | kind | meaning |", "|---|---|---|---|"]
        for key in required + optional:
            kind, meaning = FIELDS[table][key]
            rows.append(f"| `{key}` | {'yes' if key in required else 'no'} | {kinds[kind][1]} | {meaning} |")
        blocks.append(f"### {TABLE_TITLES[table]}\n\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"
