"""Finished bytes (or `Rendered` results) and a target in, files on disk out: the one module that
writes files.

- A path is written atomically (a temporary file beside it, then a rename), so a failure never
  leaves half a file. A new file gets the mode the umask gives; a file replaced keeps its
  permission bits (a campaign file made private stays private).
- An existing file is replaced only if campaignkit made it (its mark says so, or, for formats with
  no place for a mark, campaignkit's note of writing it, see `write.ours`), or with `force`.
- "-" writes to standard output; a stream is written to; FIFOs and devices are refused at once.
- With no target the bytes are returned.
- Several files into one folder (cards, previews) are checked first and then written together;
  their contents may be made one at a time as they are written (page images), all or none.
Folders that campaignkit owns as a whole (pack, batch) go through `write.folders.replace_folder`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Union, cast

from ..errors import OutputError
from .ours import made_by_campaignkit, not_ours_because, remember_written

Target = Union[str, "os.PathLike[str]", BinaryIO, None]
STDOUT = "-"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write(data: bytes, target: Target, *, force: bool = False, note: bool = False) -> bytes | None:
    """Write `data` to a path, "-" (standard output) or a binary stream; with no target, return it.
    With `note` (for an output in a format with no place for a mark), a file written is noted, so a
    rerun may replace it while it is unchanged."""
    if target is None:
        return data
    if isinstance(target, str) and target == STDOUT:
        stream = sys.stdout.buffer
        if stream.isatty():
            raise OutputError("-: standard output is a terminal; send it to a file or a program "
                              "(-o - > file.pdf, or -o - | lpr)")
        _write_stream(stream, data, "standard output")
        return None
    if hasattr(target, "write"):
        _write_stream(cast(BinaryIO, target), data, getattr(target, "name", None) or "the stream")
        return None
    path = Path(target)
    check_replaceable(path, force)
    write_atomic(path, data)
    if note:
        remember_written(path, data)
    return None


def _write_stream(stream: BinaryIO, data: bytes, name: object) -> None:
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise OutputError(f"{name}: closed by the program reading it before all {len(data):,} bytes were "
                          "written") from None
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({exc.strerror or exc})") from None


def check_replaceable(path: Path, force: bool) -> None:
    """Refuse, at once and without opening it, a target that is not a regular file we may replace."""
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
        try:  # stat, not open: a pipe behind the link (-o >(lpr), /dev/stdout) must not block us
            behind = os.stat(path).st_mode
        except OSError:
            behind = 0
        if stat.S_ISFIFO(behind) or stat.S_ISCHR(behind) or stat.S_ISBLK(behind) or stat.S_ISSOCK(behind):
            raise OutputError(f"{path}: is a link to {_special(behind)} (as -o >(...) or /dev/stdout give), not a "
                              "file; use -o - to write to standard output")
        raise OutputError(f"{path}: is a symbolic link; give the file itself (campaignkit does not follow links)")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is {_special(info.st_mode)}, not a file; use -o - to write to standard output")
    if not force and not made_by_campaignkit(path):
        raise OutputError(f"{path}: exists and {not_ours_because(path)}; use --force to replace it")


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a short temporary name in the same folder and rename over `path` (keeping the
    permission bits of the file replaced)."""
    temporary = write_temporary(path.parent if str(path.parent) else Path("."), data, path, mode=_mode_of(path))
    try:
        os.replace(temporary, path)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def write_temporary(folder: Path, data: bytes, meant_for: Path, mode: int | None = None) -> Path:
    """`data` in a new hidden file in `folder` (short name: the final one may be at the length limit),
    created with the mode the umask gives, or with exactly `mode` when one is given."""
    temporary = folder / f".ck-{secrets.token_hex(6)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW,
                             0o666 if mode is None else mode & 0o600)
    except OSError as exc:
        raise OutputError(f"{meant_for}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        if mode is not None:
            with contextlib.suppress(OSError):  # file systems without modes (FAT) keep what they give
                os.fchmod(descriptor, mode)  # exactly, whatever the umask
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"{meant_for}: cannot write ({exc.strerror or exc})") from None
    return temporary


def _mode_of(path: Path) -> int | None:
    """The permission bits of the regular file at `path` (never set-id or sticky bits), or None."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) & 0o777 if stat.S_ISREG(info.st_mode) else None


def write_private(path: Path, data: bytes, *, replace: bool) -> None:
    """A file only its owner can read (a key), complete the moment it appears: created if absent, or
    put in place of whatever is there when `replace`. Raises OSError (FileExistsError when it is there)."""
    temporary = write_temporary(path.parent, data, path, mode=0o600)
    try:
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path, follow_symlinks=False)
    finally:
        _discard(temporary)


def make_private_folder(path: Path) -> None:
    """A folder (and its parents) for campaignkit's own use; the folder itself only its owner may enter."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def write_files(folder: Path, files: list[tuple[str, bytes]], *, force: bool = False) -> list[Path]:
    """Write several files into `folder`, all or none: every name is checked, then every file is written
    under a temporary name, and only then are they renamed into place; should a rename fail, the files
    already replaced are put back, so a refusal or a full disk leaves none of them half-made."""
    return write_files_from(folder, [name for name, _ in files], (data for _, data in files), force=force)


def write_files_from(folder: Path, names: list[str], contents: Iterable[bytes], *, force: bool = False) -> list[Path]:
    """`write_files` with the contents made one at a time as they are written (each is on disk under
    a temporary name before the next is made), so only one is ever held in memory; an error while
    making them leaves none of the files written."""
    try:
        folder.mkdir(mode=0o777, parents=True, exist_ok=True)  # the umask applies
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    paths = [folder / name for name in names]
    for path in paths:
        check_replaceable(path, force)
    staged: list[Path] = []
    saved: list[tuple[Path, Path | None, bool]] = []  # (path, its earlier file under a second name, existed)
    try:
        for path, data in zip(paths, contents, strict=True):
            staged.append(write_temporary(folder, data, path, mode=_mode_of(path)))
        for temporary, path in zip(staged, paths):
            saved.append((path, *_keep_aside(path)))
            os.replace(temporary, path)
    except OSError as exc:
        for path, earlier, existed in reversed(saved):
            with contextlib.suppress(OSError):
                if earlier is not None:
                    os.replace(earlier, path)
                elif not existed:
                    os.unlink(path)
        raise OutputError(f"{folder}: cannot write ({exc.strerror or exc})") from None
    finally:
        for temporary in staged:
            _discard(temporary)
        for _, earlier, _ in saved:
            if earlier is not None:
                _discard(earlier)
    return paths


def _keep_aside(path: Path) -> tuple[Path | None, bool]:
    """(a second name for the file at `path` to put it back from, whether there is a file): a hard link,
    where the file system has them."""
    aside = path.with_name(f".ck-{secrets.token_hex(6)}.old")
    try:
        os.link(path, aside, follow_symlinks=False)
    except FileNotFoundError:
        return None, False
    except OSError:
        return None, True  # no hard links here (FAT): it is replaced without a way back
    return aside, True


CACHE_ENTRY = re.compile(r"^[a-z][a-z0-9-]{0,40}-[0-9a-f]{32}\.json$")
TEMPORARY = re.compile(r"^\.ck-[0-9a-f]{12}\.tmp$")


def store_in_cache(folder: Path, name: str, data: bytes, *, keep_under: int, keep_entries: int = 4096) -> None:
    """Write one entry into a cache folder, then remove the least recently written entries until the
    folder's entries take less than `keep_under` bytes and number at most `keep_entries`. Only files
    named like cache entries (and campaignkit's own temporary files) are ever removed, so a cache
    folder set to a folder of other files costs none of them."""
    make_private_folder(folder)
    path = folder / name
    with contextlib.suppress(OSError):
        if stat.S_ISDIR(path.lstat().st_mode):
            os.rmdir(path)  # a planted empty folder where the entry goes; a full one is left alone
    write_atomic(path, data)
    entries = []
    stale_before = time.time() - 3600
    with os.scandir(folder) as scan:
        for entry in scan:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if CACHE_ENTRY.match(entry.name):
                entries.append((info.st_mtime_ns, info.st_size, entry.path))
            elif TEMPORARY.match(entry.name) and info.st_mtime < stale_before:
                _discard(Path(entry.path))  # left by a process killed while writing
    total = sum(size for _, size, _ in entries)
    count = len(entries)
    for _, size, entry_path in sorted(entries):
        if total < keep_under and count <= keep_entries:
            break
        _discard(Path(entry_path))
        total -= size
        count -= 1
