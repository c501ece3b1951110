"""A target folder in, what in it is not campaignkit's out: the ownership check that pack and batch
make before they replace a folder, file by file from its manifest.

campaignkit owns only the files its manifest lists, unchanged since (same SHA-256 and size). Anything
else, a file the user added however deep, or one of ours they edited, is `Foreign`: refused unless
`force`, and then carried over into the new folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .ours import opened_regular

MANIFEST = "manifest.json"
GENERATOR = "campaignkit"


@dataclass(frozen=True)
class Foreign:
    """Something in a target folder that is not campaignkit's: its path inside the folder, whether it
    is a folder (kept even when empty), and whether it is a file of ours changed since it was made."""

    name: str
    folder: bool = False
    changed: bool = False


def check_folder(target: Path, kind: str, force: bool) -> list[Foreign]:
    """Fail early, in one line, when `target` cannot become campaignkit's `kind` folder; otherwise what
    in it campaignkit did not make (to keep when forced)."""
    try:
        return _check_folder(target, kind, force)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be checked ({exc.strerror or exc})") from None


def _check_folder(target: Path, kind: str, force: bool) -> list[Foreign]:
    _refuse_dangerous(target)
    ancestor = target.parent
    while not exists_at(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"{target}: {ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK):
        raise OutputError(f"{target}: {ancestor} is not writable")
    if len(os.fsencode(target.name)) > 255:
        raise OutputError(f"{target}: the folder name is {len(os.fsencode(target.name))} bytes long; "
                          "file systems allow at most 255")
    if not exists_at(target):
        return []
    if target.is_symlink() or not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    manifest = read_manifest(target)
    listed: dict[str, tuple[str, int]] = {}
    if manifest is not None and manifest.get("kind") != kind:
        found = manifest.get("kind")
        what = f"holds a campaignkit {found}, not a {kind}" if isinstance(found, str) and found else (
            "holds files of an older campaignkit, listed without their hashes")
        if not force:
            raise OutputError(f"{target}: {what}; choose another folder (or use --force to add to it, keeping "
                              "what is there)")
    elif manifest is not None:
        listed = _listed(manifest)
    foreign = _foreign(target, listed, manifest is not None)
    if foreign and not force:
        raise OutputError(f"{target}: holds files campaignkit did not make ({_shown(foreign, listed)}); choose "
                          "another folder, or use --force to keep them and replace only campaignkit's files")
    return foreign


def exists_at(path: Path) -> bool:
    """Whether anything (a broken link too) is at `path`; other errors than absence are raised."""
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return False
    return True


def _listed(manifest: dict) -> dict[str, tuple[str, int]]:
    """name -> (sha256, bytes) of every file the manifest says campaignkit made."""
    listed = {}
    files = manifest.get("files")
    for entry in files if isinstance(files, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("sha256"), str):
            size = entry.get("bytes")
            listed[entry["name"]] = (entry["sha256"], size if isinstance(size, int) else -1)
    return listed


def _foreign(target: Path, listed: dict[str, tuple[str, int]], ours: bool) -> list[Foreign]:
    """Every file, link or empty folder under `target` that is not a listed file, unchanged (nor the
    manifest, when it is campaignkit's)."""
    found: list[Foreign] = []

    def walk(folder: Path, prefix: str) -> bool:
        """Collect what is foreign in `folder`; whether it held anything at all."""
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if not walk(Path(entry.path), name + "/"):
                    found.append(Foreign(name, folder=True))
            elif name == MANIFEST and ours:
                continue
            elif name not in listed:
                found.append(Foreign(name))
            elif not _unchanged(Path(entry.path), *listed[name]):
                found.append(Foreign(name, changed=True))
        return bool(entries)

    walk(target, "")
    return found


def _unchanged(path: Path, sha256: str, size: int) -> bool:
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or (size >= 0 and info.st_size != size):
            return False
        digest = hashlib.sha256()
        with opened_regular(path) as found:  # a pipe swapped in since the lstat is neither read nor waited on
            if found is None:
                return False
            for block in iter(lambda: found[0].read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return False
    return digest.hexdigest() == sha256


def _shown(foreign: list[Foreign], listed: dict[str, tuple[str, int]]) -> str:
    """The user's entries for a message: a top-level folder of theirs once, files inside ours by path."""
    ours = {name.split("/", 1)[0] for name in listed if "/" in name}
    names: list[str] = []
    for entry in sorted(foreign, key=lambda f: not f.changed):  # a changed file of ours first: the surprise
        top = entry.name.split("/", 1)[0]
        name = f"{entry.name} (changed since campaignkit made it)" if entry.changed else (
            entry.name if "/" in entry.name and top in ours else top)
        if name not in names:
            names.append(name)
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def read_manifest(folder: Path) -> dict | None:
    """The manifest campaignkit left in `folder`, or None when there is none (or it is not ours)."""
    path = folder / MANIFEST
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 64 * 1024 * 1024:
            return None
        with opened_regular(path) as found:
            if found is None:
                return None
            data = json.loads(found[0].read(64 * 1024 * 1024 + 1))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("generator") == GENERATOR else None


def _refuse_dangerous(target: Path) -> None:
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents:
        raise OutputError(f"{target}: is the folder you are working in (or holds it); give a new folder name")
    if resolved == Path.home().resolve() or resolved == Path(resolved.anchor):
        raise OutputError(f"{target}: campaignkit will not replace your home or root folder; give a new folder name")
