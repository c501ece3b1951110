"""A campaign file (TOML or JSON), its bytes, or a built-in id in, a validated `Campaign` out.

Every problem becomes one `CampaignkitError` line naming the file, the key path (and the line
when it can be found) and what was expected, e.g.
`my.toml:14: statements[0].demands[1]: expected text, got integer`.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..errors import CampaignFileError, CampaignWarning
from ..model import Campaign
from .parse import MAX_FILE_BYTES, decode, parse

DEFAULT_CAMPAIGN = "kazakhstan-2022"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # a plain folder in wheels and checkouts alike
STDIN = "-"


def builtin_campaigns() -> list[str]:
    """The ids of the campaigns shipped with campaignkit."""
    return sorted(p.stem for p in DATA_DIR.glob("*.toml"))


def load(ref: str | Path = DEFAULT_CAMPAIGN) -> Campaign:
    """Load a built-in campaign by id, a campaign file by path, or standard input for "-"."""
    if isinstance(ref, str) and ref in builtin_campaigns():
        return _load_cached((DATA_DIR / f"{ref}.toml").read_bytes(), f"{ref} (built-in)", "toml", None)
    if ref == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        fmt = "json" if data.lstrip()[:1] == b"{" else "toml"
        return loads(data, name="<stdin>", fmt=fmt, base_dir=Path.cwd())
    path = Path(ref)
    if not path.exists():
        known = ", ".join(builtin_campaigns())
        raise CampaignFileError(f"{ref}: no such file, and not a built-in campaign (built-in: {known})")
    if not path.is_file():
        raise CampaignFileError(f"{ref}: is not a regular file; expected a .toml or .json campaign file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CampaignFileError(
                f"{ref}: the file is {size:,} bytes; campaign files are limited to {MAX_FILE_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CampaignFileError(f"{ref}: cannot be read ({exc.strerror or exc})") from None
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    return _load_cached(data, str(ref), fmt, path.parent)


def loads(data: bytes | str, *, name: str = "<campaign>", fmt: str = "toml", base_dir: Path | None = None) -> Campaign:
    """Parse and validate campaign data given as bytes or text."""
    from .campaign import CampaignReader

    text = decode(data, name)
    raw = parse(text, name, fmt)
    return CampaignReader(name, text if fmt == "toml" else "", base_dir).campaign(raw)


def _load_cached(data: bytes, name: str, fmt: str, base_dir: Path | None) -> Campaign:
    """`loads`, remembered in the disk cache for these very bytes; its warnings are given again."""
    import hashlib

    from .._version import __version__
    from ..cache import cached

    def parse_and_record() -> tuple[Campaign, list[str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            campaign = loads(data, name=name, fmt=fmt, base_dir=base_dir)
        return campaign, [str(w.message) for w in caught if issubclass(w.category, CampaignWarning)]

    key = (name, fmt, str(base_dir.resolve()) if base_dir else "", hashlib.sha256(data).hexdigest(), __version__)
    campaign, messages = cached("campaign", key, parse_and_record)
    if any(not Path(f).is_file() for f in (campaign.logo, *campaign.fonts) if f):  # gone since it was cached
        campaign, messages = parse_and_record()
    for message in messages:
        warnings.warn(CampaignWarning(message), stacklevel=3)
    return campaign
