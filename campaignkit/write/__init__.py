"""Finished bytes (or `Rendered` results) and a target in, files on disk out: the one module that
writes files.

- A path is written atomically (a temporary file beside it, then a rename), with the mode the
  umask gives, so a failure never leaves half a file.
- An existing file is replaced only if campaignkit made it (its PDF Keywords or PNG chunk say so),
  or with `force`.
- "-" writes to standard output; a stream is written to; FIFOs and devices are refused at once.
- With no target the bytes are returned.
- Several files into one folder (cards, previews) are checked first and then written together.
Folders that campaignkit owns as a whole (pack, batch) go through `write.folders.replace_folder`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Union

from ..errors import OutputError
from ..marks import CREATOR, MATERIAL_MARK, PNG_MARK

Target = Union[str, "os.PathLike[str]", BinaryIO, None]
STDOUT = "-"


def write(data: bytes, target: Target, *, force: bool = False) -> bytes | None:
    """Write `data` to a path, "-" (standard output) or a binary stream; with no target, return it."""
    if target is None:
        return data
    if isinstance(target, str) and target == STDOUT:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return None
    if hasattr(target, "write"):
        target.write(data)
        return None
    path = Path(target)
    check_replaceable(path, force)
    write_atomic(path, data)
    return None


def check_replaceable(path: Path, force: bool) -> None:
    """Refuse, at once and without reading from it, a target that is not a regular file we may replace."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(f"{path}: the folder {folder} does not exist") from None
        return
    except OSError as exc:
        raise OutputError(f"{path}: cannot be checked ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{path}: is a symbolic link; give the file itself (campaignkit does not follow links)")
    if not stat.S_ISREG(info.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise OutputError(f"{path}: is {kind}, not a file; use -o - to write to standard output")
    if not force and not made_by_campaignkit(path):
        raise OutputError(f"{path}: exists and was not made by campaignkit; use --force to replace it")


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a short temporary name in the same folder and rename over `path`."""
    temporary = write_temporary(path.parent if str(path.parent) else Path("."), data, path)
    try:
        os.replace(temporary, path)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def write_temporary(folder: Path, data: bytes, meant_for: Path) -> Path:
    """`data` in a new hidden file in `folder` (short name: the final one may be at the length limit),
    created with the mode the umask gives."""
    temporary = folder / f".ck-{secrets.token_hex(6)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError(f"{meant_for}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"{meant_for}: cannot write ({exc.strerror or exc})") from None
    return temporary


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def write_files(folder: Path, files: list[tuple[str, bytes]], *, force: bool = False) -> list[Path]:
    """Write several files into `folder`: every name is checked, then every file is written under a
    temporary name, and only then are they renamed into place, so a refusal or a full disk leaves
    none of them half-made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    paths = [folder / name for name, _ in files]
    for path in paths:
        check_replaceable(path, force)
    staged: list[Path] = []
    try:
        for path, (_, data) in zip(paths, files):
            staged.append(write_temporary(folder, data, path))
        for temporary, path in zip(staged, paths):
            os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write ({exc.strerror or exc})") from None
    finally:
        for temporary in staged:
            if temporary.exists():
                _discard(temporary)
    return paths


def store_in_cache(folder: Path, name: str, data: bytes, *, keep_under: int) -> None:
    """Write one entry into a cache folder campaignkit owns, then remove the least recently written
    entries until the folder holds less than `keep_under` bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / name, data)
    entries = []
    for entry in folder.iterdir():
        info = entry.lstat()
        if stat.S_ISREG(info.st_mode):
            entries.append((info.st_mtime_ns, info.st_size, entry))
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries):
        if total < keep_under:
            break
        _discard(entry)
        total -= size


def made_by_campaignkit(path: Path) -> bool:
    """Whether a regular file carries campaignkit's mark (PDF Creator/Keywords, PNG chunk)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with open(path, "rb") as handle:
            head = handle.read(4096)
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 8192))
            tail = handle.read()
    except OSError:
        return False
    if head.startswith(b"%PDF"):
        marks = (f"/Creator ({CREATOR})".encode(), f"({MATERIAL_MARK}".encode())
        return any(mark in head or mark in tail for mark in marks)
    if head.startswith(b"\x89PNG"):
        return PNG_MARK in head
    return False
