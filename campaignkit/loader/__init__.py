"""A campaign file (TOML or JSON), its bytes, or a built-in id in, a validated `Campaign` out.

Every problem becomes one `CampaignkitError` line naming the file, the key path (and the line
when it can be found) and what was expected, e.g.
`my.toml:14: statements[0].demands[1]: expected text, got integer`.
"""

from __future__ import annotations

import os
import stat
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
    if not path.is_file():  # a pipe or device is never opened
        raise CampaignFileError(f"{ref}: is not a regular file; expected a .toml or .json campaign file")
    data = read_file(path, str(ref), MAX_FILE_BYTES, "a .toml or .json campaign file", "campaign files")
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    return loads(data, name=str(ref), fmt=fmt, base_dir=path.parent)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: Path, name: str, limit: int, expected: str, kind: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (a link to one is followed), read through one
    descriptor checked with fstat: a pipe, device or folder, even one swapped in after the caller
    looked, is one error line (naming `expected` and `kind`) instead of a read that blocks."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise CampaignFileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise CampaignFileError(f"{name}: is not a regular file; expected {expected}")
        if info.st_size > limit:
            raise CampaignFileError(f"{name}: the file is {info.st_size:,} bytes; {kind} are limited to "
                                    f"{limit:,} bytes")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise CampaignFileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:  # grown while it was read
        raise CampaignFileError(f"{name}: the file is more than {limit:,} bytes; {kind} are limited to {limit:,} bytes")
    return data


def loads(data: bytes | str, *, name: str = "<campaign>", fmt: str = "toml", base_dir: Path | None = None) -> Campaign:
    """Parse and validate campaign data given as bytes or text."""
    from .campaign import CampaignReader

    text = decode(data, name)
    raw = parse(text, name, fmt)
    return CampaignReader(name, text if fmt == "toml" else "", base_dir).campaign(raw)


