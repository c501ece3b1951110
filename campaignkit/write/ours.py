"""A path in, whether the regular file there is campaignkit's out, so it may be replaced without
`--force`. Each format carries the mark its own readers ignore:

- PDF: the Creator or a `campaignkit-material=` keyword; PNG: the Software chunk;
- iCalendar (`export --format ics`): a PRODID of `-//campaignkit//` (calendar programs that save
  the file again put their own);
- JSON: a top-level `"$comment"` starting "Made by campaignkit" (`campaignkit schema`) or
  `"generator": "campaignkit"` (manifests and batch indexes); an OSDI export when every resource in
  it gives campaignkit as its `origin_system` and only campaignkit identifiers.

Two formats have no place for a mark: CSV (`export --format csv`) and the JSON campaign export,
which is a campaign file like any other. When campaignkit writes one of those, it notes the file's
place and hash in its signed cache (`remember_written`); the file counts as campaignkit's only while
its bytes still have that hash, so a rerun replaces it, and a copy edited in a spreadsheet or an
editor (or a user's own file of that name) is kept. Without a cache nothing is noted and such a
file is replaced only with `--force`.
The file is opened without following links and without waiting (a pipe swapped in is not read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..marks import CREATOR, MATERIAL_MARK, PNG_MARK

MAX_JSON_BYTES = 4 * 1024 * 1024  # larger JSON is not read to look for a mark
MAX_NOTED_BYTES = 64 * 1024 * 1024  # larger unmarked files are not noted (nor hashed to compare)
WRITTEN = "written"  # the cache's kind for notes of unmarked files written
COMMENT_MARK = f"Made by {CREATOR}"
PRODID_MARK = f"PRODID:-//{CREATOR}//".encode()
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def made_by_campaignkit(path: Path) -> bool:
    """Whether a regular file carries campaignkit's mark, or is an unmarked file campaignkit wrote
    there and nobody has changed since (see the module's docstring)."""
    try:
        with opened_regular(path) as found:
            if found is None:
                return False
            handle, size = found
            head = handle.read(4096)
            if _is_json(head):
                whole = head + handle.read(MAX_JSON_BYTES) if size <= MAX_JSON_BYTES else b""
                if _marked(whole, b""):
                    return True
            else:
                handle.seek(max(0, size - 8192))
                if _marked(head, handle.read(8192)):
                    return True
            return _noted(path, handle, size) is True
    except OSError:
        return False


def remember_written(path: Path, data: bytes) -> None:
    """Note, in the signed cache, that campaignkit has just written `data` (an output in a format
    with no place for a mark) at `path`, so `made_by_campaignkit` knows the file while it is unchanged."""
    if len(data) <= MAX_NOTED_BYTES:
        from ..cache import remember

        remember(WRITTEN, (_place(path),), {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})


def not_ours_because(path: Path) -> str:
    """Why a file that is not campaignkit's is not replaced, in words that are true of it."""
    with contextlib.suppress(OSError), opened_regular(path) as found:
        if found is not None and _noted(path, *found) is False:
            return "was changed after campaignkit wrote it"
    unnoted = "campaignkit has no note of writing it there"
    if path.suffix.lower() == ".csv":
        return f"carries no mark of who made it (CSV has no place for one), and {unnoted}"
    if path.suffix.lower() == ".json":
        with contextlib.suppress(OSError), opened_regular(path) as found:
            if found is not None and found[1] <= MAX_JSON_BYTES and {"id", "title"} <= set(_parsed(found[0].read())):
                return f"is a campaign file, which carries no mark of who made it, and {unnoted}"
    return "was not made by campaignkit"


def _is_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _marked(head: bytes, tail: bytes) -> bool:
    """Whether a file whose first bytes are `head` (all of it, for JSON) and last are `tail` carries
    campaignkit's mark."""
    if _is_json(head):
        return _json_is_ours(head)
    if head.startswith(b"%PDF"):
        marks = (f"/Creator ({CREATOR})".encode(), f"({MATERIAL_MARK}".encode())
        return any(mark in head or mark in tail for mark in marks)
    if head.startswith(b"\x89PNG"):
        return PNG_MARK in head
    if head.startswith(b"BEGIN:VCALENDAR"):
        return any(line.startswith(PRODID_MARK) for line in head.splitlines())
    return False


def _place(path: Path) -> str:
    """The place of `path` as noted: its folder with links resolved, and its name."""
    return str(Path(os.path.realpath(path.parent if str(path.parent) else ".")) / path.name)


def _noted(path: Path, handle: BinaryIO, size: int) -> bool | None:
    """None when nothing is noted for `path` (or it is too large); else whether the open file's bytes
    are those campaignkit noted writing there."""
    from ..cache import recall

    if size > MAX_NOTED_BYTES:
        return None
    found = recall(WRITTEN, (_place(path),), _checked_note)
    if found is None:
        return None
    digest, noted_size = found[0]
    if noted_size != size:
        return False
    handle.seek(0)
    hashed = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        hashed.update(block)
    return hashed.hexdigest() == digest


def _checked_note(value: object) -> tuple[str, int]:
    if not isinstance(value, dict) or not isinstance(value.get("sha256"), str) or type(value.get("size")) is not int:
        raise ValueError("not a note of a file written")
    return value["sha256"], value["size"]


@contextlib.contextmanager
def opened_regular(path: Path) -> Iterator[tuple[BinaryIO, int] | None]:
    """The open regular file at `path` and its size, or None (a link, pipe, device or folder is
    never read, and a pipe is not waited on); reading may raise OSError."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError:
        yield None
        return
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        yield (handle, info.st_size) if stat.S_ISREG(info.st_mode) else None


def _parsed(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _json_is_ours(data: bytes) -> bool:
    value = _parsed(data)
    comment = value.get("$comment")
    if isinstance(comment, str) and comment.startswith(COMMENT_MARK + " "):
        return True
    return value.get("generator") == CREATOR or _osdi_is_ours(value)


def _osdi_is_ours(value: dict[str, Any]) -> bool:
    """An OSDI document of campaignkit's shape whose every resource came from campaignkit."""
    embedded = value.get("_embedded")
    if set(value) != {"_embedded"} or not isinstance(embedded, dict) or not embedded:
        return False
    groups = embedded.values()
    if not set(embedded) <= {"osdi:events", "osdi:petitions"} or not all(isinstance(g, list) for g in groups):
        return False
    resources = [resource for group in groups for resource in group]
    if not resources:
        return False
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("origin_system") != CREATOR:
            return False
        identifiers = resource.get("identifiers")
        if not isinstance(identifiers, list) or not identifiers or not all(
                isinstance(i, str) and i.startswith(f"{CREATOR}:") for i in identifiers):
            return False
    return True
