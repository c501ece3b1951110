"""campaignkit: one campaign file in, every picket material out.

Public API (the generators are imported on first use, so `import campaignkit` stays light):

    load(ref) -> Campaign          a built-in id ("kazakhstan-2022") or a .toml/.json path
    builtin_campaigns() -> [id]
    make_leaflet(campaign, target=None, **options)     -> bytes | None
    make_placard(campaign, target=None, **options)     -> bytes | None
    make_factsheet(campaign, target=None, **options)   -> bytes | None
"""

from __future__ import annotations

from .campaigns import DEFAULT_CAMPAIGN, builtin_campaigns, load, loads
from .errors import (
    CampaignDataError,
    CampaignFileError,
    CampaignkitError,
    CampaignWarning,
    FitError,
    GlyphError,
    ImageError,
    OutputError,
    UnsafeURLError,
)
from .model import Campaign, Event, Fact, Item, Name, Slogan, Source, Speaker, Statement, Text, TimelineEntry

from ._version import __version__

_LAZY: dict[str, tuple[str, str]] = {
    "make_leaflet": ("leaflet", "make_leaflet"),
    "make_placard": ("placard", "make_placard"),
    "plan_placards": ("placard", "plan_placards"),
    "make_factsheet": ("factsheet", "make_factsheet"),
    "verify_pdf": ("verify", "verify_pdf"),
    "make_signup": ("signup", "make_signup"),
    "make_social": ("social", "make_social"),
    "preview_pdf": ("preview", "preview_pdf"),
    "make_pack": ("pack", "make_pack"),
    "make_batch": ("batch", "make_batch"),
}

__all__ = [
    "DEFAULT_CAMPAIGN",
    "Campaign",
    "CampaignDataError",
    "CampaignFileError",
    "CampaignWarning",
    "CampaignkitError",
    "Event",
    "Fact",
    "FitError",
    "GlyphError",
    "ImageError",
    "Item",
    "Name",
    "OutputError",
    "Slogan",
    "Source",
    "Speaker",
    "Statement",
    "Text",
    "TimelineEntry",
    "UnsafeURLError",
    "__version__",
    "builtin_campaigns",
    "load",
    "loads",
    *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'campaignkit' has no attribute {name!r}")
