"""A key and a way to compute a value in, the value out: kept on disk between runs.

Start-up matters for a command run many times an evening, so work that depends only on files and
library versions (parsed fonts, QR module matrices) is kept in the user's cache folder:
$CAMPAIGNKIT_CACHE_DIR, else $XDG_CACHE_HOME/campaignkit, else ~/.cache/campaignkit. Set
CAMPAIGNKIT_CACHE_DIR to an empty string to switch the cache off. Any problem reading or writing
the cache is ignored and the value is computed afresh, so results never depend on the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable

FORMAT = 1


def cache_dir() -> Path | None:
    configured = os.environ.get("CAMPAIGNKIT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "campaignkit"


def cached(kind: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """The value stored for (kind, key), or compute() stored for next time."""
    folder = cache_dir()
    if folder is None:
        return compute()
    digest = hashlib.sha256(repr((FORMAT, kind, key)).encode("utf-8")).hexdigest()[:32]
    path = folder / f"{kind}-{digest}.pickle"
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:
            return value
    except Exception:  # noqa: BLE001 - a missing, stale or damaged entry is simply recomputed
        pass
    value = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
