"""A folder's worth of files and a manifest in, the folder replaced as a whole out: the staged-folder
writer that pack and batch share.

The new folder is built beside the target under a hidden name, the manifest written last, and
then swapped in with two renames. campaignkit owns only the files its manifest lists: a folder that
holds anything else is refused unless `force`, and with `force` those other files are carried over
into the new folder (hard-linked, or copied where links are not possible), so nothing of the user's
is lost. A run killed at any point is recovered by the next one: a finished staging folder is moved
into place, or the previous folder restored, and stale staging folders of dead processes removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

from ..errors import OutputError
from . import write_atomic

MANIFEST = "manifest.json"
GENERATOR = "campaignkit"


def replace_folder(target: Path, files: list[tuple[str, bytes]], manifest: dict, *, kind: str,
                   force: bool = False) -> None:
    """Make `target` hold exactly `files` plus `manifest` (and, with `force`, whatever else it held)."""
    target = Path(os.path.abspath(target))
    recover(target)
    kept = check_folder(target, kind, force)
    staging = _sibling(target, "partial")
    try:
        _make_folder(staging)
        for name, data in files:
            path = staging / name
            _make_folder(path.parent, parents=True)
            write_atomic(path, data)
        ours = {name.split("/", 1)[0] for name, _ in files} | {MANIFEST}
        for entry in kept:
            if entry.name not in ours:
                _carry_over(entry, staging / entry.name)
        body = {"generator": GENERATOR, "kind": kind, **manifest}
        write_atomic(staging / MANIFEST, (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_folder(target: Path, kind: str, force: bool) -> list[Path]:
    """Fail early, in one line, when `target` cannot become campaignkit's `kind` folder; otherwise the
    entries in it that campaignkit did not make (to keep when forced)."""
    _refuse_dangerous(target)
    ancestor = target.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"{target}: {ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK):
        raise OutputError(f"{target}: {ancestor} is not writable")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target}: exists and is not a folder")
    if not target.exists():
        return []
    try:
        entries = sorted(target.iterdir())
    except OSError as exc:
        raise OutputError(f"{target}: cannot be read ({exc.strerror or exc})") from None
    manifest = read_manifest(target)
    if manifest is None:
        foreign = entries
    elif manifest.get("kind") != kind:
        found = manifest.get("kind") or "an older campaignkit folder"
        if not force:
            raise OutputError(f"{target}: holds a campaignkit {found}, not a {kind}; choose another folder "
                              "(or use --force to add to it, keeping what is there)")
        foreign = entries
    else:
        listed = {str(f.get("name", "")).split("/", 1)[0] for f in manifest.get("files", []) if isinstance(f, dict)}
        foreign = [e for e in entries if e.name not in listed | {MANIFEST}]
    if foreign and not force:
        shown = ", ".join(e.name for e in foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise OutputError(f"{target}: holds files campaignkit did not make ({shown}); choose another folder, or use "
                          "--force to keep them and replace only campaignkit's files")
    return foreign


def read_manifest(folder: Path) -> dict | None:
    """The manifest campaignkit left in `folder`, or None when there is none (or it is not ours)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator") == GENERATOR else None


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed run left half done, and remove stale staging folders."""
    stale = [p for p in _siblings(target) if not _alive(p)]
    if not target.exists():
        finished = [p for p in stale if "-partial-" in p.name and (p / MANIFEST).is_file()]
        previous = [p for p in stale if "-old-" in p.name]
        for candidate in (finished + previous)[:1]:
            os.rename(candidate, target)
            stale.remove(candidate)
    for leftover in stale:
        shutil.rmtree(leftover, ignore_errors=True)


def _refuse_dangerous(target: Path) -> None:
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents:
        raise OutputError(f"{target}: is the folder you are working in (or holds it); give a new folder name")
    if resolved == Path.home().resolve() or resolved == Path(resolved.anchor):
        raise OutputError(f"{target}: campaignkit will not replace your home or root folder; give a new folder name")


def _prefix(target: Path) -> str:
    # Short and fixed in length, however long the target's own name is.
    return f".ck-{hashlib.sha256(target.name.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}-"


def _sibling(target: Path, role: str) -> Path:
    return target.with_name(f"{_prefix(target)}{role}-{os.getpid()}-{secrets.token_hex(4)}")


def _siblings(target: Path) -> list[Path]:
    try:
        return sorted(p for p in target.parent.glob(_prefix(target) + "*") if p.is_dir())
    except OSError:
        return []


def _alive(path: Path) -> bool:
    """Whether the process that made a staging folder still runs (then it is not stale)."""
    try:
        pid = int(path.name.split("-")[-2])
    except (ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _make_folder(path: Path, parents: bool = False) -> None:
    try:
        path.mkdir(mode=0o777, parents=parents, exist_ok=parents)  # the umask applies
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the folder ({exc.strerror or exc})") from None


def _carry_over(source: Path, destination: Path) -> None:
    """A file or folder of the user's into the staging folder: hard links where possible, else copies."""
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError:
            shutil.copy2(src, dst, follow_symlinks=False)

    try:
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, destination, symlinks=True, copy_function=link_or_copy)
        else:
            link_or_copy(str(source), str(destination))
    except OSError as exc:
        raise OutputError(f"{source}: cannot be kept in the new folder ({exc.strerror or exc})") from None


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in place of `target`; the previous folder is removed only afterwards."""
    old = None
    try:
        if target.exists():
            old = _sibling(target, "old")
            os.rename(target, old)
        os.rename(staging, target)
    except OSError as exc:
        if old is not None and not target.exists():
            os.rename(old, target)
        raise OutputError(f"{target}: cannot move the finished folder into place ({exc.strerror or exc})") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
