"""The `campaignkit` command's process in, a faster start and end out: work no command needs is put off
until something asks for it, and the interpreter's teardown is skipped once every file is flushed.

Used only by the console script (`run`), never by the library: a program that imports campaignkit keeps
its own interpreter exactly as it was. Nothing here changes what is printed (tests compare the bytes of
PDFs made with and without it).

- reportlab's `platypus.paragraph` compiles one case-insensitive URL pattern at import (about 20 ms), for
  splitting long links, which campaignkit never asks of it. `re.compile` returns what `re`'s cache holds
  for the same (pattern, flags), so the pattern goes into that cache first as a stand-in that compiles
  the real one on first use. If reportlab changes the pattern, the cache simply misses and it is compiled
  as before.
- `reportlab.lib.utils` imports `PIL.Image`, and `qrcode` imports `PIL.ImageDraw`, at import time (about
  8 ms and more), but a PDF of text and QR codes needs neither. Both are registered with the standard
  library's `importlib.util.LazyLoader`, which runs a module on the first attribute anyone reads from it
  (a logo, a card, a preview).
- `reportlab.pdfbase.ttfonts` imports `uharfbuzz` (about 10 ms) in case a paragraph asks for shaping, which
  only text in a script that joins or reorders letters (Arabic, Bengali) does; `reportlab.platypus.paragraph`
  imports `pyphen` (about 4 ms), which only a word too wide for its line in a language that hyphenates
  (German, Dutch...) needs; and modules such as
  `subprocess`, `shutil`, `pickle`, `textwrap`, `traceback` and `secrets` (together about 6 ms, with
  `bz2`, `lzma`, `signal` and `selectors` that they import) are imported by name at start-up, by the
  standard library, reportlab and campaignkit, for functions a leaflet never calls. A module imported
  by its own name cannot be deferred by `LazyLoader` (the import statement reads its `__spec__`, which
  runs it), so these are `DeferredModule`s: their spec is there to read, and their code runs, in the
  same module object, on the first other attribute anyone asks for. reportlab only tests `uharfbuzz`
  for truth until it shapes, and a module is as true before it runs as after.
- The cyclic garbage collector is off: start-up allocates hundreds of thousands of objects and frees
  almost none, so it would run hundreds of collections that find nothing, and one material's garbage is
  small (the peak memory of a leaflet is the same either way). `pack` and `batch`, which make many
  materials in one process, turn it back on.
"""

from __future__ import annotations

import gc
import importlib.util
import re
import sys
import threading
import types
from typing import Any, NoReturn

# reportlab.platypus.paragraph.uri_pat (reportlab 4.x-5.x), with its flags.
URI_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(?:\\.(?:25[0-5]|"
    "2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}"
    "[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|"
    "xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS = re.IGNORECASE
# Imported by name at start-up, used by none of the materials until something needs them (see above).
DEFERRED_BY_NAME = ("uharfbuzz", "pyphen", "subprocess", "shutil", "pickle", "textwrap", "traceback", "secrets")


class LazyPattern:
    """A compiled pattern that is compiled when first used."""

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            cache = getattr(re, "_cache", {})
            key = (str, self.pattern, self.flags)
            if cache.get(key) is self:
                del cache[key]  # so that re.compile compiles (and caches) the real pattern
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def defer_uri_pattern() -> bool:
    """Put the stand-in into `re`'s cache; False when this Python's `re` has no such cache."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or "reportlab.platypus.paragraph" in sys.modules:
        return False
    cache[str, URI_PATTERN, int(URI_FLAGS)] = LazyPattern(URI_PATTERN, int(URI_FLAGS))
    return True


def _unloaded(name: str) -> Any:
    """The spec of module `name` if it is not loaded yet and can be run later, else None."""
    if name in sys.modules:
        return None
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return None
    return spec


def defer_module(name: str) -> bool:
    """Register module `name` to run on its first attribute access; False if it is loaded or not found."""
    spec = _unloaded(name)
    if spec is None:
        return False
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return True


_RUNNING: set[str] = set()  # deferred modules whose code is running
_RUN_LOCK = threading.RLock()


class DeferredModule(types.ModuleType):
    """A module in `sys.modules` whose code has not run yet: its spec, name, file and path are there to
    read (so `import name` finds it ready); the first other attribute anyone asks for runs its code,
    in this same module object, which from then on is an ordinary module."""

    def __getattr__(self, name: str) -> Any:
        with _RUN_LOCK:  # another thread asking meanwhile waits until the code has run
            if type(self) is DeferredModule:
                if self.__name__ in _RUNNING:  # asked for by its own code, before it is defined
                    raise AttributeError(f"partly initialised module {self.__name__!r} has no attribute {name!r}")
                spec: Any = self.__spec__
                _RUNNING.add(self.__name__)
                try:
                    spec.loader.exec_module(self)
                finally:
                    _RUNNING.discard(self.__name__)
                module: Any = self
                module.__class__ = types.ModuleType
        return getattr(self, name)


def defer_by_name(name: str) -> bool:
    """Make top-level module `name` a `DeferredModule`; False if it is loaded or not found."""
    spec = _unloaded(name)
    if spec is None:
        return False
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[name] = module
    return True


def prepare() -> None:
    """Everything above, once, before the command's imports."""
    gc.disable()
    defer_uri_pattern()
    defer_module("PIL.Image")
    defer_module("PIL.ImageDraw")  # qrcode imports it, and it reads PIL.Image at import
    for name in DEFERRED_BY_NAME:
        defer_by_name(name)


def finish(code: object) -> NoReturn:
    """Flush the standard streams and leave with `code` (as `sys.exit` reads it) without the interpreter's
    teardown: every file the command wrote is closed by then."""
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the exit status still says how it went
        status = status or 1
    os._exit(status)
