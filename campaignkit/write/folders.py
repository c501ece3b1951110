"""A folder's worth of files and a manifest in, the folder replaced as a whole out: the staged-folder
writer that pack and batch share.

The new folder is built beside the target under a short hidden name, the manifest written last,
and then swapped in: in one step where the system can exchange two folders (Linux), so there is
never a moment without a complete folder, else with two renames. What in the target is not
campaignkit's is worked out in `ownership.py`: it is refused unless `force`, and with `force` the
user's files are carried over into the new folder (hard-linked, or copied where links are not
possible), so nothing of theirs is lost. A run killed at any point is recovered by the next one: a swap left
half done is finished (or undone), and the staging folders of dead runs removed. A staging folder
is in use while its run holds a lock on it, so a process id used again cannot keep a stale one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
import time
from pathlib import Path

from ..errors import OutputError
from . import made_by_campaignkit, write_atomic
from .ownership import GENERATOR, MANIFEST, Foreign, check_folder, exists_at


def replace_folder(target: Path, files: list[tuple[str, bytes]], manifest: dict, *, kind: str,
                   force: bool = False) -> None:
    """Make `target` hold exactly `files` plus `manifest` (and, with `force`, whatever else it held)."""
    target = Path(os.path.abspath(target))
    recover(target)
    kept = check_folder(target, kind, force)
    staging = _sibling(target, "partial")
    lock = _make_staging(staging, target)
    try:
        made_folders: set[str] = set()
        for name, data in files:
            _write_new(staging, target, name, data, made_folders)
        written = {name for name, _ in files} | {MANIFEST}
        for entry in kept:
            _carry_over(target, staging, entry, written, made_folders)
        body = {"generator": GENERATOR, "kind": kind, **manifest}
        try:
            write_atomic(staging / MANIFEST, (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        except OutputError as exc:
            raise OutputError(str(exc).replace(str(staging), str(target))) from None
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _unlock(lock)


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed run left half done, and remove stale staging folders."""
    stale = [p for p in _siblings(target) if not _in_use(p)]
    if not exists_at(target):
        finished = [p for p in stale if "-partial-" in p.name and (p / MANIFEST).is_file()]
        previous = [p for p in stale if "-old-" in p.name]
        for candidate in (finished + previous)[:1]:
            with contextlib.suppress(OSError):
                os.rename(candidate, target)
                stale.remove(candidate)
    for leftover in stale:
        shutil.rmtree(leftover, ignore_errors=True)


def _prefix(target: Path) -> str:
    # Short and fixed in length, however long the target's own name is.
    return f".ck-{hashlib.sha256(target.name.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}-"


def _sibling(target: Path, role: str) -> Path:
    return target.with_name(f"{_prefix(target)}{role}-{os.getpid()}-{secrets.token_hex(4)}")


def _siblings(target: Path) -> list[Path]:
    try:
        return sorted(p for p in target.parent.glob(_prefix(target) + "*") if p.is_dir() and not p.is_symlink())
    except OSError:
        return []


# -- locks: a staging folder is in use while the run that made it holds a lock on it ----------------

def _flock(folder: Path) -> tuple[int | None, str]:
    """Try an exclusive lock on `folder`: (descriptor holding it, "locked"), or (None, "busy") when
    another run holds it, (None, "unsupported") where locks are not available, (None, "missing")."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return None, "unsupported"
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None, "missing"
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(descriptor)
        return None, "busy" if isinstance(exc, BlockingIOError) else "unsupported"
    return descriptor, "locked"


def _lock(folder: Path) -> int | None:
    """A descriptor holding an exclusive lock on `folder`, or None where it cannot be had."""
    return _flock(folder)[0]


def _unlock(descriptor: int | None) -> None:
    if descriptor is not None:
        with contextlib.suppress(OSError):
            os.close(descriptor)


def _in_use(path: Path) -> bool:
    """Whether the run that made a staging folder still runs (then it is not stale)."""
    descriptor, state = _flock(path)
    _unlock(descriptor)
    if state != "locked":
        # busy: its run holds it; without locks, fall back on the process id
        return state == "busy" or (state == "unsupported" and _pid_alive(path))
    # Unlocked: stale, unless just made by a live run that has yet to lock it.
    try:
        fresh = time.time() - path.stat().st_mtime < 60
    except OSError:
        return False
    return fresh and _pid_alive(path)


def _pid_alive(path: Path) -> bool:
    try:
        pid = int(path.name.split("-")[-2])
    except (ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False  # this process is not building it (it would not look)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- building the new folder -----------------------------------------------------------------------

def _make_staging(staging: Path, target: Path) -> int | None:
    """Create the staging folder (with the mode of the folder it replaces, else as the umask gives)
    and lock it."""
    try:
        staging.parent.mkdir(mode=0o777, parents=True, exist_ok=True)  # the umask applies
        staging.mkdir(mode=0o777)
        with contextlib.suppress(OSError):
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
    except OSError as exc:
        raise OutputError(f"{target}: cannot create a folder beside it ({exc.strerror or exc})") from None
    return _lock(staging)


def _make_parents(staging: Path, target: Path, name: str, made: set[str], like: Path | None = None) -> None:
    """The folders that lead to `name` inside the staging folder (with the modes of `like`'s)."""
    parts = name.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        relative = "/".join(parts[:depth])
        if relative in made:
            continue
        try:
            (staging / relative).mkdir(mode=0o777)  # the umask applies
        except FileExistsError:
            pass
        except OSError as exc:
            raise OutputError(f"{target / relative}: cannot create the folder ({exc.strerror or exc})") from None
        if like is not None:
            with contextlib.suppress(OSError):
                os.chmod(staging / relative, stat.S_IMODE((like / relative).stat().st_mode))
        made.add(relative)


def _write_new(staging: Path, target: Path, name: str, data: bytes, made: set[str]) -> None:
    """One file of the new folder (a fresh, private folder: no temporary name needed; the manifest,
    written last, marks the folder finished)."""
    _make_parents(staging, target, name, made)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(staging / name, flags, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{target / name}: cannot write ({exc.strerror or exc})") from None


def _carry_over(target: Path, staging: Path, entry: Foreign, written: set[str], made: set[str]) -> None:
    """A file, link or empty folder of the user's into the staging folder: hard links where possible,
    else copies. A file of ours the user changed gives way to the new one of the same name (--force)."""
    source, destination = target / entry.name, staging / entry.name
    if entry.name in written:
        if entry.changed or made_by_campaignkit(source):
            return  # ours, or one of ours the user changed: --force replaces it
        raise OutputError(f"{source}: is not campaignkit's, and the new {target.name} has a file of that name; "
                          "move it elsewhere and run again")
    inside = entry.name + "/"
    if entry.folder and any(w.startswith(inside) for w in written):
        return  # an empty folder where the new one has a folder too
    clash = next((w for w in written if w.startswith(inside) or entry.name.startswith(w + "/")), None)
    if clash is not None:
        raise OutputError(f"{source}: is in the way of the new {clash}; move it elsewhere and run again")
    _make_parents(staging, target, entry.name, made, like=target)
    try:
        if entry.folder:
            destination.mkdir(mode=0o777)
            with contextlib.suppress(OSError):
                os.chmod(destination, stat.S_IMODE(source.stat().st_mode))
            return
        try:
            os.link(source, destination, follow_symlinks=False)
        except OSError:
            shutil.copy2(source, destination, follow_symlinks=False)
    except OSError as exc:
        raise OutputError(f"{source}: cannot be kept in the new folder ({exc.strerror or exc})") from None


# -- the swap --------------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        import ctypes
        import ctypes.util
    except ImportError:  # pragma: no cover
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in place of `target`; the previous folder is removed only afterwards."""
    if not exists_at(target):
        try:
            os.rename(staging, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot move the finished folder into place ({exc.strerror or exc})") from None
        return
    previous = _lock(target)  # marks the previous folder in use until it is removed
    try:
        old = None
        try:
            if _exchange(staging, target):
                old = staging  # now holds the previous folder
            else:
                old = _sibling(target, "old")
                os.rename(target, old)
                try:
                    os.rename(staging, target)
                except OSError:
                    os.rename(old, target)
                    raise
        except OSError as exc:
            raise OutputError(f"{target}: cannot move the finished folder into place ({exc.strerror or exc})") from None
        shutil.rmtree(old, ignore_errors=True)
    finally:
        _unlock(previous)
