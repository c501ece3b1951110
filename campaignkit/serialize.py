"""A `Campaign` in, plain JSON-ready dicts and readable text out (for `show` and scripts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .model import URL, Campaign, Text


def to_data(value: Any) -> Any:
    """Model objects as dicts: Text as {original, language, translations}, URL as its two forms."""
    if isinstance(value, Text):
        out: dict[str, Any] = {"original": value.original, "language": value.language}
        if value.translations:
            out["translations"] = dict(value.translations)
        return out
    if isinstance(value, URL):
        return {"url": value.text, "ascii": value.ascii, "domain": value.domain}
    if dataclasses.is_dataclass(value):
        return {
            f.name: to_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in ("", None, ()) and f.name != "origin"
        }
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def describe(campaign: Campaign, lang: str | None = None) -> str:
    """A plain-text overview of everything in the campaign."""
    t = lambda text: text.get(lang) if text else ""
    lines = [f"{t(campaign.title)}  [{campaign.id}]"]
    if campaign.summary:
        lines += ["", " ".join(t(sentence.text) for sentence in campaign.summary)]
    if campaign.slogans:
        lines += ["", "Slogans:"] + [f"  - {t(s.text)}" for s in campaign.slogans]
    for st in campaign.statements:
        when = f", {st.date.isoformat()}" if st.date else ""
        lines += ["", f"Statement '{st.id}' by {t(st.by)}{when}: {t(st.title)}"]
        lines += [f"  demand: {t(d.text)}" for d in st.demands]
        lines += [f"  call: {t(c.text)}" for c in st.calls]
        lines += [f"  signed: {t(s)}" for s in st.signatories]
    for ev in campaign.events:
        when = ev.date.isoformat() if ev.date else "date not set"
        if ev.date and ev.date_inferred:
            when += " (date inferred)"
        lines += ["", f"Event '{ev.id}' ({ev.kind}): {t(ev.title)}, {t(ev.place)}, {when} {ev.time}".rstrip()]
        lines += [f"  organiser: {t(o)}" for o in ev.organisers]
        lines += [f"  supporter: {t(s)}" for s in ev.supporters]
        for sp in ev.speakers:
            who = ", ".join(p for p in (sp.name, t(sp.affiliation)) if p)
            lines.append(f"  speaker: {who}")
    if campaign.timeline:
        lines += ["", "Timeline:"]
        lines += [f"  {e.date.isoformat()}{' (date inferred)' if e.date_inferred else ''}: {t(e.text)}"
                  for e in campaign.timeline]
    if campaign.facts:
        lines += ["", "Facts:"] + [f"  {t(f.figure) + ': ' if f.figure else ''}{t(f.text)}" for f in campaign.facts]
    if campaign.sources:
        lines += ["", "Sources:"] + [f"  [{s.id}] {t(s.title)} <{s.url.text}>" for s in campaign.sources]
    return "\n".join(lines)
