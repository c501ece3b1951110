"""campaignkit: one campaign file in, every picket material out.

The stages run one way: campaign file -> `load` -> `Campaign` (frozen data) -> `localise` ->
`Copy` (one language) -> layout -> `Rendered` -> written to a file, a folder or a stream.

    load(ref) -> Campaign              a built-in id ("kazakhstan-2022"), a .toml/.json path, or "-"
    make_leaflet(campaign, target=None, **options) -> Rendered
    make_placard / make_factsheet / make_signup / make_signatories -> Rendered;  make_social -> tuple[Rendered, ...]
    make_pack(campaign, folder) -> Pack;  make_batch(campaign, events, folder) -> BatchResult
    verify_pdf(pdf) -> Report;  preview_pdf(pdf, folder) -> [Path];  print_files(pdf_or_pack) -> [PrintJob]
    export_campaign(campaign, "ics") -> bytes;  campaign_schema() -> dict
    import_signatories(csv, campaign_file, statement) -> ImportResult

The generators are imported on first use, so `import campaignkit` stays light.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import (
    CampaignDataError,
    CampaignFileError,
    CampaignkitError,
    CampaignWarning,
    FitError,
    GlyphError,
    ImageError,
    OutputError,
    PrintError,
    UnsafeURLError,
)
from .loader import DEFAULT_CAMPAIGN, builtin_campaigns, load, loads
from .model import (
    URL,
    Campaign,
    Event,
    Fact,
    Item,
    Name,
    Petition,
    Signatory,
    Slogan,
    Source,
    Speaker,
    Statement,
    Text,
    TimelineEntry,
    Translation,
)
from .options import Paper

if TYPE_CHECKING:
    from .api import (
        make_factsheet,
        make_leaflet,
        make_placard,
        make_signatories,
        make_signup,
        make_social,
        plan_placards,
    )
    from .batch import BatchResult, LocalEvent, make_batch
    from .export import export_campaign
    from .importer import import_signatories
    from .layout.document import Rendered
    from .layout.theme import Theme
    from .localise import localise
    from .localise.copy import Copy
    from .materials.placard import PlannedSlogan
    from .pack import Pack, make_pack
    from .preview import preview_pdf
    from .printing import PrintJob, plan_print, print_files
    from .schema import campaign_schema
    from .verify import Report, verify_pdf

_LAZY: dict[str, str] = {
    "make_leaflet": "api",
    "make_placard": "api",
    "plan_placards": "api",
    "make_factsheet": "api",
    "make_signup": "api",
    "make_social": "api",
    "make_signatories": "api",
    "make_pack": "pack",
    "Pack": "pack",
    "make_batch": "batch",
    "BatchResult": "batch",
    "LocalEvent": "batch",
    "verify_pdf": "verify",
    "Report": "verify",
    "preview_pdf": "preview",
    "plan_print": "printing",
    "print_files": "printing",
    "PrintJob": "printing",
    "localise": "localise",
    "Copy": "localise.copy",
    "Rendered": "layout.document",
    "Theme": "layout.theme",
    "PlannedSlogan": "materials.placard",
    "export_campaign": "export",
    "campaign_schema": "schema",
    "import_signatories": "importer",
}

__all__ = [
    "DEFAULT_CAMPAIGN",
    "URL",
    "BatchResult",
    "Campaign",
    "CampaignDataError",
    "CampaignFileError",
    "CampaignWarning",
    "CampaignkitError",
    "Copy",
    "Event",
    "Fact",
    "FitError",
    "GlyphError",
    "ImageError",
    "Item",
    "LocalEvent",
    "Name",
    "OutputError",
    "Pack",
    "Paper",
    "Petition",
    "PlannedSlogan",
    "PrintError",
    "PrintJob",
    "Rendered",
    "Report",
    "Signatory",
    "Slogan",
    "Source",
    "Speaker",
    "Statement",
    "Text",
    "Theme",
    "TimelineEntry",
    "Translation",
    "UnsafeURLError",
    "__version__",
    "builtin_campaigns",
    "campaign_schema",
    "export_campaign",
    "import_signatories",
    "load",
    "loads",
    "localise",
    "make_batch",
    "make_factsheet",
    "make_leaflet",
    "make_pack",
    "make_placard",
    "make_signatories",
    "make_signup",
    "make_social",
    "plan_placards",
    "plan_print",
    "preview_pdf",
    "print_files",
    "verify_pdf",
]


class _Package(ModuleType):
    """The campaignkit module: a public name is never replaced by a subpackage of the same name.

    Importing a subpackage sets it as an attribute of its parent, so the first `make_*` call (which
    imports the subpackage `campaignkit.localise`) would otherwise turn `campaignkit.localise` from the
    function into the module.
    """

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'campaignkit' has no attribute {name!r}")
