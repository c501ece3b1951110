"""Finished bytes and a target in, a written file out: a path (atomically), a stream, or bytes back."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Union

from .errors import OutputError

Target = Union[str, os.PathLike, BinaryIO, None]


def deliver(data: bytes, target: Target) -> bytes | None:
    """Write `data` to a path or stream; with no target, return it."""
    if target is None:
        return data
    if hasattr(target, "write"):
        target.write(data)  # type: ignore[union-attr]
        return None
    write_atomic(Path(target), data)
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so no half-written file remains."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF that campaignkit wrote (it writes one /Type /Page object per page)."""
    return len(re.findall(rb"/Type /Page[^s]", data))
