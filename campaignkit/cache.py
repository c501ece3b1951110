"""A kind, a key and a way to compute a value in, the value out: kept on disk between runs as plain
JSON, so start-up stays fast for a command run many times an evening.

Only derived data whose tampering cannot change what is printed is kept: the QR version and mask
chosen for a URL (the code is always encoded afresh from the URL; a wrong version or mask only costs
time or gives another valid code for the same URL). Parsed fonts and campaigns are not kept: their
content decides what is printed, and anyone able to write the cache could alter it. Entries are
plain JSON, checked when read; a missing, stale, damaged or strange entry is ignored and written
anew, and results never depend on the cache.

The folder is $CAMPAIGNKIT_CACHE_DIR (empty: no cache), else the platform's user cache folder.
It is kept under `MAX_BYTES`, the least recently written entries going first.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

FORMAT = 2
MAX_BYTES = 16 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024
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
    folder = cache_dir()
    if folder is None:
        return compute()
    shown_key = repr((FORMAT, kind, key))
    path = folder / f"{kind}-{hashlib.sha256(shown_key.encode('utf-8')).hexdigest()[:32]}.json"
    stored = _read(path)
    if isinstance(stored, dict) and stored.get("key") == shown_key:
        try:
            return decode(stored["value"])
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # damaged or planted: computed and written again below
    value = compute()
    _store(folder, path, {"key": shown_key, "value": encode(value)})
    return value


def _read(path: Path) -> Any:
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None  # a folder, a pipe, a link or a giant: never opened
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def _store(folder: Path, path: Path, entry: dict) -> None:
    from .errors import OutputError
    from .write import store_in_cache

    try:
        data = json.dumps(entry, separators=(",", ":")).encode("utf-8")
        if len(data) <= MAX_ENTRY_BYTES:
            store_in_cache(folder, path.name, data, keep_under=MAX_BYTES)
    except (OSError, OutputError, ValueError, TypeError):
        pass  # the cache only saves time
