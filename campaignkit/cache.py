"""A kind, a key and a way to compute a value in, the value out: kept on disk between runs as plain
JSON, so start-up stays fast for a command run many times an evening.

Only derived data is kept: the QR version and mask chosen for a URL (the code is always encoded
afresh from the URL), and the hash of each file campaignkit wrote that carries no mark of its maker
(CSV and JSON campaign exports), so a rerun may replace it while it is unchanged. Parsed fonts and
campaigns are not kept: their content decides what is printed. An entry is used only if it is a
small regular file of plain JSON whose value passes the caller's check and carries a valid signature
(HMAC-SHA256) made with a key that only the user can read, kept beside the entries; so an entry
planted, damaged, copied in from elsewhere or left by another version is ignored and written anew,
and what is printed never depends on the cache. Files that are not regular (a folder, a pipe, a
link) are never opened, so nothing can hang or be read through them.

The folder is $CAMPAIGNKIT_CACHE_DIR (empty: no cache), else the platform's user cache folder. It
is used only if it belongs to the user and no one else may write to it. It is kept under
`MAX_BYTES` and `MAX_ENTRIES`, the least recently written entries going first; nothing but entries
is ever removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

FORMAT = 3
MAX_BYTES = 4 * 1024 * 1024
MAX_ENTRIES = 4096
MAX_ENTRY_BYTES = 64 * 1024
KEY_NAME = "key"
T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("CAMPAIGNKIT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return Path(os.path.expanduser("~")) / ".cache" / "campaignkit"
    return Path(user_cache_dir("campaignkit", appauthor=False))


def cached(kind: str, key: tuple, compute: Callable[[], T], *, encode: Callable[[T], Any],
           decode: Callable[[Any], T]) -> T:
    """The value stored for (kind, key), decoded and checked by `decode`, or `compute()` stored anew."""
    found = recall(kind, key, decode)
    if found is not None:
        return found[0]
    value = compute()
    remember(kind, key, encode(value))
    return value


def recall(kind: str, key: tuple, decode: Callable[[Any], T]) -> tuple[T] | None:
    """The value stored for (kind, key), decoded and checked by `decode` (in a 1-tuple), or None when
    there is none that is signed and usable."""
    found = _entry(kind, key)
    if found is None:
        return None
    path, shown_key, secret = found
    stored = _read(path)
    if isinstance(stored, dict) and stored.get("key") == shown_key and "value" in stored:
        signature = stored.get("mac")
        if isinstance(signature, str) and hmac.compare_digest(signature, _mac(secret, shown_key, stored["value"])):
            try:
                return (decode(stored["value"]),)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                pass  # signed but unusable (another version's): the caller computes it again
    return None


def remember(kind: str, key: tuple, encoded: Any) -> None:
    """Store the plain-JSON `encoded` for (kind, key), signed (nothing happens with no cache)."""
    found = _entry(kind, key)
    if found is not None:
        path, shown_key, secret = found
        _store(path.parent, path, {"key": shown_key, "value": encoded, "mac": _mac(secret, shown_key, encoded)})


def _entry(kind: str, key: tuple) -> tuple[Path, str, bytes] | None:
    """The path of (kind, key)'s entry, the key as stored and the signing key; None with no usable cache."""
    folder = cache_dir()
    secret = _secret(str(folder)) if folder is not None else None
    if folder is None or secret is None:
        return None
    shown_key = repr((FORMAT, kind, key))
    return folder / f"{kind}-{hashlib.sha256(shown_key.encode('utf-8')).hexdigest()[:32]}.json", shown_key, secret


def _mac(secret: bytes, shown_key: str, value: Any) -> str:
    try:
        body = json.dumps([shown_key, value], sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return ""
    return hmac.new(secret, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, or None; anything else is never read
    (a link is not followed, and a pipe swapped in is not waited on)."""
    from .write.ours import opened_regular

    try:
        with opened_regular(path) as found:
            if found is None or found[1] > limit:
                return None
            return found[0].read(limit + 1)
    except OSError:
        return None


def _read(path: Path) -> Any:
    data = _read_small(path, MAX_ENTRY_BYTES)
    if data is None or len(data) > MAX_ENTRY_BYTES:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def _trusted(path: Path, *, folder: bool) -> bool:
    """Whether `path` belongs to this user and no one else may write to it (or, for the key, read it)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if folder and not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "geteuid"):  # pragma: no cover - no owners to check
        return True
    forbidden = 0o022 if folder else 0o077
    return info.st_uid == os.geteuid() and not info.st_mode & forbidden


@lru_cache(maxsize=4)
def _secret(folder_name: str) -> bytes | None:
    """The key entries are signed with, made on first use; None when the folder cannot be trusted
    (then nothing is read from it or written to it)."""
    from .errors import OutputError
    from .write import make_private_folder, write_private
    from .write.ownership import exists_at

    folder = Path(folder_name)
    try:
        make_private_folder(folder)
    except OSError:
        return None
    if not _trusted(folder, folder=True):
        return None
    path = folder / KEY_NAME
    for _ in range(3):
        data = _read_small(path, 64)
        if data is not None and _trusted(path, folder=False):
            try:
                key = bytes.fromhex(data.decode("ascii"))
            except ValueError:
                key = b""
            if len(key) == 32:
                return key
        try:  # absent, damaged or not private: a new key (every entry signed with the old one is then ignored)
            with contextlib.suppress(FileExistsError):
                if data is None and not exists_at(path):
                    write_private(path, os.urandom(32).hex().encode("ascii"), replace=False)
                else:
                    write_private(path, os.urandom(32).hex().encode("ascii"), replace=True)
        except (OSError, OutputError):
            return None
    return None


def _store(folder: Path, path: Path, entry: dict) -> None:
    from .errors import OutputError
    from .write import store_in_cache

    try:
        data = json.dumps(entry, separators=(",", ":")).encode("utf-8")
        if len(data) <= MAX_ENTRY_BYTES:
            store_in_cache(folder, path.name, data, keep_under=MAX_BYTES, keep_entries=MAX_ENTRIES)
    except (OSError, OutputError, ValueError, TypeError):
        pass  # the cache only saves time
