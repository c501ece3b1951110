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
  only text in a script that joins or reorders letters (Arabic, Bengali) does. A module imported by its
  own name cannot be deferred by `LazyLoader` (the import statement reads its `__spec__`, which runs
  it), so `uharfbuzz` is a `DeferredModule`: a module whose spec is there to read and whose other
  attributes are the real module's, run on the first one asked for. reportlab only tests it for truth
  until it shapes, and a deferred module is as true as the real one, so nothing it does changes.
- The cyclic garbage collector is off: start-up allocates hundreds of thousands of objects and frees
  almost none, so it would run hundreds of collections that find nothing, and one material's garbage is
  small (the peak memory of a leaflet is the same either way). `pack` and `batch`, which make many
  materials in one process, turn it back on.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import re
import sys
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


def defer_module(name: str) -> bool:
    """Register module `name` to run on its first attribute access; False if it is loaded or not found."""
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
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


class DeferredModule(types.ModuleType):
    """A stand-in in `sys.modules` for a module not yet run: its spec, name and path are there to read;
    the first other attribute anyone asks for runs the real module, whose attributes it then shares."""

    def __getattr__(self, name: str) -> Any:
        real = self.__dict__.get("_deferred_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            for key, value in vars(real).items():
                self.__dict__.setdefault(key, value)
            self.__dict__["_deferred_real"] = real
        return getattr(real, name)


def defer_by_name(name: str) -> bool:
    """Put a `DeferredModule` for top-level module `name` into `sys.modules`; False if it is loaded or not found."""
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return False
    module = DeferredModule(name)
    module.__spec__, module.__loader__, module.__file__ = spec, spec.loader, spec.origin
    if spec.submodule_search_locations is not None:
        module.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = module
    return True


def prepare() -> None:
    """Everything above, once, before the command's imports."""
    gc.disable()
    defer_uri_pattern()
    defer_module("PIL.Image")
    defer_module("PIL.ImageDraw")  # qrcode imports it, and it reads PIL.Image at import
    defer_by_name("uharfbuzz")


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
