"""A `Campaign` (and the text of its file, for line numbers) in, every problem that would stop a
material out, found without drawing anything: the checks the materials make, made once for all of
them and in every language the campaign has, so `campaignkit validate` never says OK about a file
that a material will then refuse.

- every printed field (in its original and each translation) against the glyphs of the bundled
  fonts: an emoji in the title is found here, not halfway through a pack;
- the logo: only a PNG or JPEG that decodes safely and is not a hairline;
- every slogan fitted on the smallest placard (A4 portrait) at the placard minimum of 40 pt (a word
  too wide for any placard sheet), and on the social cards; the campaign line on the placard
  footer; the title, hashtag and source domains on one social card line;
- every QR code at 0.5 mm modules in the largest room a material gives it: 45 mm for a statement's
  source (the leaflet), 50 mm for other sources (the fact sheet), 40 mm for the petition (the
  sign-up sheet).

Every problem names the file, the line (when the key path can be found in TOML) and the field.
`locate_error` gives an error a material raised (which names only the field) the same file:line.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from .errors import CampaignDataError, CampaignkitError, FitError, GlyphError, ImageError
from .model import URL, Campaign, Text

__all__ = ["check", "locate_error", "preflight", "problems"]

LEAFLET_QR_ROOM_MM = 45.0
FACTSHEET_QR_ROOM_MM = 50.0
SIGNUP_QR_ROOM_MM = 40.0
MAX_SOURCE_TEXT = 2 * 1024 * 1024


def preflight(campaign: Campaign, *, text: str | None = None) -> list[str]:
    """Every problem the materials would meet, one line each (empty when there is none)."""
    return [str(problem) for problem in problems(campaign, text=text)]


def check(campaign: Campaign, *, text: str | None = None) -> None:
    """Raise the first problem, as the material meeting it would (GlyphError, FitError, ImageError)."""
    found = problems(campaign, text=text)
    if found:
        raise found[0]


def problems(campaign: Campaign, *, text: str | None = None) -> list[CampaignkitError]:
    """Every problem as the exception a material would raise, its message led by file:line: field."""
    where = _Locator(campaign.origin, text)
    found: list[CampaignkitError] = []
    found += _glyphs(campaign, where)
    found += _logo(campaign, where)
    found += _slogans(campaign, where)
    found += _social_lines(campaign, where)
    found += _qr_codes(campaign, where)
    return found


_FIELD = re.compile(r"([a-z_]+)(?:\[(\d+)\])?(?:\.[\w-]+|\[\d+\])*(?=: )")


def locate_error(campaign: Campaign, error: CampaignkitError) -> CampaignkitError:
    """`error` (raised by a material, its message led by a key path such as `statements[0].demands[1]`)
    with `file:line: ` before it, when that part of `campaign` is what its file holds; else `error`
    itself (the text came from the command line, a batch's CSV, or a campaign changed in memory).
    Costs nothing until an error is raised: the file is read again only then."""
    if not isinstance(error, (GlyphError, FitError, ImageError, CampaignDataError)):
        return error
    if isinstance(error, CampaignDataError) and error.source:
        return error
    message = str(error)
    match = _FIELD.match(message)
    if not match or not campaign.origin or not _from_file(campaign, match[1], match[2]):
        return error
    where = _Locator(campaign.origin, None)(match[0])
    if not where:
        return error
    located = type(error).__new__(type(error))
    located.__dict__.update(error.__dict__)
    located.args = (f"{where}{message}",)
    return located


def _from_file(campaign: Campaign, key: str, index: str | None) -> bool:
    """Whether `campaign`'s value of `key` (or entry `index` of it) is the one its file holds now."""
    from .loader import builtin_campaigns, load
    from .loader.campaign import KEYS

    required, optional = KEYS["campaign"]
    if key not in required + optional or not hasattr(campaign, key):
        return False
    ref = campaign.origin.removesuffix(" (built-in)")
    if ref == campaign.origin and (ref in builtin_campaigns() or not Path(ref).is_file()):
        return False  # standard input, or a name that would load something else
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            on_file = load(ref)
    except CampaignkitError:
        return False
    ours, theirs = getattr(campaign, key), getattr(on_file, key, None)
    if index is not None:
        at = int(index)
        if not isinstance(ours, tuple) or not isinstance(theirs, tuple) or at >= min(len(ours), len(theirs)):
            return False
        ours, theirs = ours[at], theirs[at]
    return bool(ours == theirs)


class _Locator:
    """file:line: before a key path, the line found in the campaign's TOML text when it can be."""

    def __init__(self, origin: str, text: str | None):
        from .loader.parse import locate

        self.origin = origin
        self.lines = (text if text is not None else _source_text(origin)).splitlines()
        self.locate = locate

    def __call__(self, field: str) -> str:
        line = self.locate(self.lines, field.split(" ", 1)[0]) if self.lines else None
        place = f"{self.origin}:{line}" if self.origin and line else self.origin
        return f"{place}: " if place else ""


def _source_text(origin: str) -> str:
    """The TOML text of a campaign read from a file (for line numbers only; JSON has none to give)."""
    from .loader import DATA_DIR, read_file

    path = DATA_DIR / f"{origin.removesuffix(' (built-in)')}.toml" if origin.endswith(" (built-in)") else Path(origin)
    try:
        if path.suffix.lower() != ".toml" or not path.is_file():
            return ""
        return read_file(path, origin, MAX_SOURCE_TEXT, "a campaign file", "campaign files").decode("utf-8", "replace")
    except (OSError, ValueError, CampaignkitError):
        return ""


# -- what is printed ---------------------------------------------------------------------------------

def _versions(text: Text | str | None, path: str) -> Iterator[tuple[str, str]]:
    """(key path, wording) of a text's original and of each translation."""
    if isinstance(text, str):
        if text:
            yield path, text
        return
    if text is None:
        return
    yield path, text.original
    for tag, value in text.translations:
        yield f"{path}.{tag}", value


def printed(campaign: Campaign) -> Iterator[tuple[str, str]]:
    """(key path, wording) of every field some material prints, in every language of the campaign."""
    c = campaign
    yield from _versions(c.title, "title")
    for i, item in enumerate(c.summary):
        yield from _versions(item.text, "summary" if len(c.summary) == 1 else f"summary[{i}]")
    yield from _versions(c.hashtag, "hashtag")
    for i, slogan in enumerate(c.slogans):
        yield from _versions(slogan.text, f"slogans[{i}]")
    for i, source in enumerate(c.sources):
        path = f"sources[{i}]"
        yield from _versions(source.title, f"{path}.title")
        yield from _versions(source.publisher, f"{path}.publisher")
        yield from _versions(source.author, f"{path}.author")
        yield from _versions(source.url.text, f"{path}.url")
    for i, st in enumerate(c.statements):
        path = f"statements[{i}]"
        yield from _versions(st.by, f"{path}.by")
        yield from _versions(st.title, f"{path}.title")
        for n, demand in enumerate(st.demands):
            yield from _versions(demand.text, f"{path}.demands[{n}]")
            yield from _versions(demand.short, f"{path}.demands[{n}].short")
        for n, call in enumerate(st.calls):
            yield from _versions(call.text, f"{path}.calls[{n}]")
        for n, name in enumerate(st.signatories):
            yield from _versions(name, f"{path}.signatories[{n}]")
    for i, ev in enumerate(c.events):
        path = f"events[{i}]"
        yield from _versions(ev.title, f"{path}.title")
        yield from _versions(ev.place, f"{path}.place")
        for key, texts in (("organisers", ev.organisers), ("supporters", ev.supporters)):
            for n, entry in enumerate(texts):
                yield from _versions(entry, f"{path}.{key}[{n}]")
        for n, speaker in enumerate(ev.speakers):
            yield from _versions(speaker.name, f"{path}.speakers[{n}].name")
            yield from _versions(speaker.affiliation, f"{path}.speakers[{n}].affiliation")
        yield from _versions(ev.contact, f"{path}.contact")
        yield from _versions(ev.summary, f"{path}.summary")
    for i, moment in enumerate(c.timeline):
        path = f"timeline[{i}]"
        yield from _versions(moment.text, f"{path}.text")
        yield from _versions(moment.when, f"{path}.when")
        for n, place in enumerate(moment.places):
            yield from _versions(place, f"{path}.places[{n}]")
    for i, fact in enumerate(c.facts):
        yield from _versions(fact.text, f"facts[{i}].text")
        yield from _versions(fact.figure, f"facts[{i}].figure")
    if c.petition:
        yield from _versions(c.petition.collected_by, "petition.collected_by")
        yield from _versions(c.petition.contact, "petition.contact")
        if c.petition.url:
            yield from _versions(c.petition.url.text, "petition.url")
    for note in c.translations:
        yield from _versions(note.translator, f"translations.{note.language}.translator")


# -- the checks ----------------------------------------------------------------------------------------

def _glyphs(campaign: Campaign, where: _Locator) -> list[CampaignkitError]:
    from .layout import fonts

    faces = tuple(fonts.FILES)
    drawable: set[str] = set()  # characters every face has: most text needs no look-up at all
    found: list[CampaignkitError] = []
    for field, wording in printed(campaign):
        unknown = set(wording) - drawable
        if not unknown:
            continue
        if all(not fonts.missing_glyphs(ch, face) for ch in unknown for face in faces):
            drawable |= unknown
            continue
        for face in faces:
            missing = fonts.missing_glyphs(wording, face)
            if missing:
                font = fonts.FILES[face].removesuffix(".ttf")
                found.append(GlyphError(f"{where(field)}{field}", list(missing), font))
                break
    return found


def _located(error: ImageError | FitError, field: str, where: _Locator) -> CampaignkitError:
    """The same kind of error, its message led by file:line: and the field."""
    message = str(error)
    if not message.startswith(f"{field}: "):
        message = f"{field}: {message}"
    return type(error)(f"{where(field)}{message}")


def _logo(campaign: Campaign, where: _Locator) -> list[CampaignkitError]:
    if not campaign.logo:
        return []
    from .layout.images import fit_logo

    try:
        fit_logo(campaign.logo, 26, 20)  # the headline band's logo box, as every material places it
    except ImageError as exc:
        return [_located(exc, "logo", where)]
    return []


def _slogans(campaign: Campaign, where: _Locator) -> list[CampaignkitError]:
    """Every slogan on the smallest placard at the minimum size, and on every social card; the
    campaign line on the placard footer."""
    from .layout import fonts
    from .layout.fit import fit_text
    from .layout.paper import paper_size
    from .layout.theme import Theme
    from .materials.placard import MIN_FOOTER_POINTS, MIN_POINTS, footer_font_size, page_parts

    if not campaign.slogans:
        return []
    found: list[CampaignkitError] = []
    w, h = paper_size("A4")
    margin = Theme().margin("placard")
    (_, _, bw, bh), _, _ = page_parts(w, h, margin)
    fonts.register_all()
    for i, slogan in enumerate(campaign.slogans):
        for field, wording in _versions(slogan.text, f"slogans[{i}]"):
            if fonts.missing_glyphs(wording, fonts.DISPLAY):
                continue  # reported by the glyph check
            try:
                fit_text(wording, fonts.DISPLAY, bw, bh, minimum=MIN_POINTS, maximum=0.3 * h, field=field)
                for width, height, least, most in _card_boxes(campaign):
                    fit_text(wording, fonts.DISPLAY, width, height, minimum=least, maximum=most, field=field)
            except FitError as exc:
                found.append(_located(FitError(f"{exc} (on an A4 placard or a social card)"), field, where))
                break
    for field, title in _versions(campaign.title, "title"):
        footer = "  ·  ".join(p for p in (title, campaign.hashtag) if p)
        if fonts.missing_glyphs(footer, fonts.BOLD):
            continue
        if footer_font_size(w, h, margin, footer) < MIN_FOOTER_POINTS:
            found.append(FitError(f"{where(field)}{field}: the campaign line “{footer}” is too long for an A4 placard "
                                  f"footer at {MIN_FOOTER_POINTS:g} pt; shorten the title or hashtag"))
    return found


def _domains(campaign: Campaign) -> str:
    return " · ".join(dict.fromkeys(s.url.domain for s in campaign.sources))


def _card_boxes(campaign: Campaign) -> Iterator[tuple[float, float, float, float]]:
    """(width, height, minimum, maximum) of a social card's slogan box in each format, as the cards
    lay it out; the title and footer lines at their fitted sizes."""
    from .layout import fonts
    from .layout.raster import line_size
    from .materials.social import FOOTER_PX, FORMATS, MIN_SLOGAN_PX, TITLE_PX

    footer = tuple(line for line in (campaign.hashtag, _domains(campaign)) if line)
    for fmt in FORMATS:
        width, height = fmt.size
        usable = width - 2 * fmt.margin
        try:
            title_px = line_size(campaign.title.original, fonts.BOLD, TITLE_PX, usable, "title")
            footer_px = min((line_size(line, fonts.BODY, FOOTER_PX, usable, "hashtag") for line in footer), default=0)
        except FitError:
            return  # reported by the one-line check
        top = fmt.top + title_px * 2.2
        bottom = fmt.bottom - footer_px * (1.3 * len(footer) + 0.7) if footer else fmt.bottom
        yield usable, bottom - top, MIN_SLOGAN_PX, height * 0.22


def _social_lines(campaign: Campaign, where: _Locator) -> list[CampaignkitError]:
    """The title, the hashtag and the source domains each fit one line of a social card."""
    from .layout import fonts
    from .layout.raster import line_size
    from .materials.social import FOOTER_PX, FORMATS, TITLE_PX

    if not campaign.slogans:
        return []  # no cards are made
    usable = min(fmt.size[0] - 2 * fmt.margin for fmt in FORMATS)
    lines = [(field, text, fonts.BOLD, TITLE_PX) for field, text in _versions(campaign.title, "title")]
    lines += [(field, text, fonts.BODY, FOOTER_PX) for field, text in _versions(campaign.hashtag, "hashtag")]
    if campaign.sources:
        lines.append(("sources", _domains(campaign), fonts.BODY, FOOTER_PX))
    found: list[CampaignkitError] = []
    for field, text, face, preferred in lines:
        if fonts.missing_glyphs(text, face):
            continue
        try:
            line_size(text, face, preferred, usable, field)
        except FitError as exc:
            detail = str(exc).removeprefix(f"{field}: ")
            if field == "sources":
                detail = f"the web sites of the sources, {detail.removeprefix('“').split('” is', 1)[0]!r}, are too " \
                         "many to name on one line of a social card; give fewer sources different web sites"
            found.append(FitError(f"{where(field)}{field}: {detail}"))
    return found


def _qr_codes(campaign: Campaign, where: _Locator) -> list[CampaignkitError]:
    from .layout.paper import MM

    statement_sources = {st.source for st in campaign.statements if st.source}
    codes: list[tuple[str, URL, float]] = [
        (f"sources[{i}].url", s.url, LEAFLET_QR_ROOM_MM if s.id in statement_sources else FACTSHEET_QR_ROOM_MM)
        for i, s in enumerate(campaign.sources)
    ]
    if campaign.petition and campaign.petition.url:
        codes.append(("petition.url", campaign.petition.url, SIGNUP_QR_ROOM_MM))
    found: list[CampaignkitError] = []
    for field, url, room in codes:
        problem = _qr_problem(url.ascii, room * MM, field)
        if problem:
            found.append(FitError(f"{where(field)}{problem}"))
    return found


def _qr_problem(data: str, room: float, field: str) -> str:
    """Why a QR code of `data` cannot print in `room` points at 0.5 mm modules, or ""."""
    from .layout import qr
    from .layout.paper import MM

    size = len(data.encode("utf-8"))
    capacity = qr.CAPACITY
    if size > capacity:
        return (f"{field}: the URL is {size:,} bytes in the form a QR code holds (ASCII, percent-encoded); a QR "
                f"code at error correction H holds at most {capacity:,}, and {room / MM:.0f} mm of room at "
                f"{qr.MIN_MODULE_MM} mm modules far fewer; use a shorter URL")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            qr.size_for(data, 0.0, room, field)
    except FitError as exc:
        return str(exc)
    return ""
