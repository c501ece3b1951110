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


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ş": "s", "ı": "i",
}


def slugify(text: str, *, limit: int = 48, fallback: str = "item") -> str:
    """A file-name-safe slug of [a-z0-9-], Cyrillic and Kazakh letters transliterated."""
    import unicodedata

    out = []
    for ch in text.lower():
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in decomposed if c.isascii() and c.isalnum())
            out.append(base or "-")
    slug = re.sub(r"-+", "-", "".join(out)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or fallback


def made_by_campaignkit(path: Path) -> bool:
    """Whether a file carries campaignkit's mark (PDF creator, PNG software chunk) and may be replaced."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 8192))
            tail = handle.read()
    except OSError:
        return False
    if head.startswith(b"%PDF"):
        return b"/Creator (campaignkit)" in tail or b"/Creator (campaignkit)" in head
    if head.startswith(b"\x89PNG"):
        return b"Software\x00campaignkit" in head
    return False
