"""A campaign file (TOML or JSON), its bytes, or a built-in id in, a validated `Campaign` out.

Every problem becomes one `CampaignkitError` line naming the file, the key path (and the line
when it can be found) and what was expected, e.g.
`my.toml:14: statements[0].demands[1]: expected text, got integer`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import CampaignFileError
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
        return loads((DATA_DIR / f"{ref}.toml").read_bytes(), name=f"{ref} (built-in)")
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
    return loads(data, name=str(ref), fmt=fmt, base_dir=path.parent)


def loads(data: bytes | str, *, name: str = "<campaign>", fmt: str = "toml", base_dir: Path | None = None) -> Campaign:
    """Parse and validate campaign data given as bytes or text."""
    from .campaign import CampaignReader

    text = decode(data, name)
    raw = parse(text, name, fmt)
    return CampaignReader(name, text if fmt == "toml" else "", base_dir).campaign(raw)


