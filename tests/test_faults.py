"""Fault injection: `pack` and `batch` killed (SIGKILL) at random moments must leave the earlier output
whole (byte for byte) or the new one complete, never a mix and never nothing, and the next run must
leave no hidden staging folders behind; a poisoned cache must change nothing that is printed.

The kill test makes CAMPAIGNKIT_KILLS kills (default 6; 60 with HYPOTHESIS_PROFILE=long), split
between pack and batch, half of the pack runs without the one-step folder exchange (the two-rename
fallback). Writing the staging folder, renames, links, removals and the exchange are slowed a little
in the killed processes so that kills land inside the swap, not only while drawing.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
KILLS = int(os.environ.get("CAMPAIGNKIT_KILLS", "60" if LONG else "6"))

TINY = """
id = "tiny"
title = "Tiny"
slogans = ["Fair pay now"]

[[statements]]
id = "st"
by = "Union"
demands = ["Fair pay."]

[petition]
collected_by = "Union"
"""

# Runs the command line with every file written into the staging folder, rename, link, folder removal
# and exchange slowed by up to 30 ms either side,
# and, when CK_NO_EXCHANGE is set, without the one-step exchange (as on file systems that lack it).
SLOWED = textwrap.dedent("""
    import os, random, shutil, sys, time
    import campaignkit.write.folders as folders

    def slowed(call):
        def run(*args, **kwargs):
            time.sleep(random.uniform(0, 0.03))
            result = call(*args, **kwargs)
            time.sleep(random.uniform(0, 0.03))
            return result
        return run

    os.rename, os.replace, os.link = slowed(os.rename), slowed(os.replace), slowed(os.link)
    shutil.rmtree, folders._write_new = slowed(shutil.rmtree), slowed(folders._write_new)
    folders._exchange = (lambda a, b: False) if os.environ.get("CK_NO_EXCHANGE") else slowed(folders._exchange)
    from campaignkit.cli import main
    sys.argv[0] = "campaignkit"
    main()
""")


def snapshot(folder: Path) -> dict[str, str] | None:
    if not folder.is_dir():
        return None
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def complete(folder: Path, language: str, user_files: dict[str, str]) -> bool:
    """Whether `folder` is a whole output in `language`: every listed file with its hash, nothing else
    but the user's files, which are unchanged."""
    files = snapshot(folder)
    if files is None or "manifest.json" not in files:
        return False
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    if manifest.get("kind") == "pack":
        if manifest.get("language") != language:
            return False
    else:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if index.get("language") != language:
            return False
    expected = {**listed, **user_files}
    return {k: v for k, v in files.items() if k != "manifest.json"} == expected


class Target:
    """One output folder that runs are started on and killed, alternating between two languages."""

    def __init__(self, tmp: Path, kind: str, command: list[str], exchange: bool = True):
        self.parent = tmp / f"{kind}-{'exchange' if exchange else 'renames'}"
        self.parent.mkdir()
        self.folder = self.parent / "out"
        self.command = [*command, "-o", str(self.folder), "--force"]
        self.env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        if not exchange:
            self.env["CK_NO_EXCHANGE"] = "1"
        self.language = "en"
        self.kills = self.lost = self.recovered = self.leftovers_seen = 0
        self.duration = 0.0
        self.user: dict[str, str] = {}

    def start(self, language: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", SLOWED, *self.command, "--lang", language], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def first_run(self) -> None:
        began = time.monotonic()
        done = self.start("en")
        assert done.wait(120) == 0, done.stderr.read().decode() if done.stderr else ""
        self.duration = time.monotonic() - began
        (self.folder / "NOTES.txt").write_text("mine", encoding="utf-8")  # the user's, to keep (--force)
        (self.folder / "photos").mkdir()
        (self.folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8 photo")
        self.user = {"NOTES.txt": _sha(b"mine"), "photos/a.jpg": _sha(b"\xff\xd8 photo")}

    def kill_one(self, rng: random.Random) -> bool:
        """Start a run in the other language and kill it after a random delay; whether it was killed."""
        before = snapshot(self.folder)
        new = "ru" if self.language == "en" else "en"
        began = time.monotonic()
        process = self.start(new)
        deadline = began + rng.uniform(0.3, 1.0) * self.duration  # most of a run is drawing: aim at its end too
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.005)
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        else:  # it ran faster than thought (the machine is less busy now): aim earlier next time
            self.duration = 0.5 * self.duration + 0.5 * (time.monotonic() - began)
        process.wait(60)
        if process.stderr:
            process.stderr.close()
        after = snapshot(self.folder)
        if after == before:
            pass  # the earlier output, byte for byte
        elif complete(self.folder, new, self.user):
            self.language = new
        elif after is None and self._finished_staging():
            self.recovered += 1  # between the two renames: the next run moves the finished folder in
        else:
            self.lost += 1
        self.leftovers_seen += bool(self.hidden())
        self.kills += killed
        return killed

    def finish(self) -> None:
        """A last run to its end: the output complete, nothing hidden left beside or inside it."""
        new = "ru" if self.language == "en" else "en"
        done = self.start(new)
        assert done.wait(120) == 0, done.stderr.read().decode() if done.stderr else ""
        if done.stderr:
            done.stderr.close()
        assert complete(self.folder, new, self.user), snapshot(self.folder)
        self.language = new

    def hidden(self) -> list[str]:
        inside = [str(p) for p in self.folder.rglob(".ck-*")] if self.folder.is_dir() else []
        return sorted(p.name for p in self.parent.iterdir() if p.name.startswith(".ck-")) + inside

    def _finished_staging(self) -> bool:
        return any((p / "manifest.json").is_file() for p in self.parent.iterdir() if "-partial-" in p.name)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_pack_and_batch_killed_at_random_lose_nothing_and_leave_nothing(tmp_path):
    campaign = tmp_path / "tiny.toml"
    campaign.write_text(TINY, encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("city,place,date\nLeeds,Square,2030-03-01\nYork,Gate,2030-03-02\n", encoding="utf-8")
    pack = ["pack", str(campaign), "--sheets", "1", "--today", "2030-01-01"]
    batch = ["batch", str(campaign), "--events", str(events), "-j", "1", "--materials", "leaflet,signup",
             "--today", "2030-01-01"]
    targets = [Target(tmp_path, "pack", pack), Target(tmp_path, "pack", pack, exchange=False),
               Target(tmp_path, "batch", batch)]
    seed = int(os.environ.get("CAMPAIGNKIT_KILL_SEED", str(random.randrange(1 << 30))))
    shares = [KILLS - 2 * (KILLS // 3), KILLS // 3, KILLS // 3]

    def work(target: Target, share: int, rng: random.Random) -> None:
        target.first_run()
        tries = 0
        while target.kills < share and tries < 8 * share + 8:
            target.kill_one(rng)
            tries += 1
        target.finish()

    errors: list[BaseException] = []

    def guarded(thread_target, *args):
        try:
            thread_target(*args)
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(work, t, n, random.Random(seed + i)))
               for i, (t, n) in enumerate(zip(targets, shares))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    kills = sum(t.kills for t in targets)
    lost = sum(t.lost for t in targets)
    left = {str(t.parent.name): t.hidden() for t in targets if t.hidden()}
    print(f"\nfault injection (seed {seed}): {kills} kills, {lost} outputs lost, "
          f"{sum(t.recovered for t in targets)} left for the next run to finish (two-rename fallback), "
          f"{sum(t.leftovers_seen for t in targets)} times hidden folders seen right after a kill, "
          f"{len(left)} targets with leftovers after the next run")
    assert kills >= KILLS, f"only {kills} of {KILLS} runs were still running when killed (seed {seed})"
    assert lost == 0, f"seed {seed}"
    assert left == {}, f"seed {seed}"


def test_a_poisoned_cache_runs_nothing_and_changes_no_byte(tmp_path):
    """Every QR entry the pack uses is replaced by a forgery (another valid version and mask, or an
    object that would run code if the cache were ever unpickled), and its neighbours by a FIFO and a
    link to /etc/passwd: the pack is byte for byte the one made without any cache."""
    campaign = tmp_path / "c.toml"
    campaign.write_text(textwrap.dedent("""
        id = "poison"
        title = "Poison"
        slogans = ["Fair pay now"]

        [[sources]]
        id = "a"
        url = "https://example.org/statement"

        [[statements]]
        id = "st"
        by = "Union"
        source = "a"
        demands = ["Fair pay."]

        [petition]
        url = "https://example.org/sign"
        collected_by = "Union"
    """), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "CAMPAIGNKIT_CACHE_DIR": str(cache)}
    args = [sys.executable, "-m", "campaignkit", "pack", str(campaign), "--sheets", "1", "--today", "2030-01-01"]
    subprocess.run([*args, "-o", str(tmp_path / "warm")], env=env, check=True, capture_output=True)
    entries = sorted(cache.glob("qr-plan-*.json"))
    assert len(entries) >= 2
    canary = tmp_path / "ran"
    for n, entry in enumerate(entries):
        stored = json.loads(entry.read_text(encoding="utf-8"))
        forged = [40, 7] if stored["value"] != [40, 7] else [39, 6]
        entry.write_text(json.dumps({**stored, "value": forged, "mac": "0" * 64}), encoding="utf-8")
        if n == 0:
            entry.write_text(json.dumps({"key": stored["key"], "value": {
                "py/reduce": [{"py/function": "os.system"}, {"py/tuple": [f"touch {canary}"]}]}}), encoding="utf-8")
    beside = cache / ("qr-plan-" + "0" * 32 + ".json")
    os.mkfifo(beside)
    (cache / ("qr-plan-" + "1" * 32 + ".json")).symlink_to("/etc/passwd")
    poisoned = subprocess.run([*args, "-o", str(tmp_path / "poisoned")], env=env, capture_output=True, timeout=120,
                              check=False)
    assert poisoned.returncode == 0, poisoned.stderr
    clean = subprocess.run([*args, "-o", str(tmp_path / "clean")], env={**env, "CAMPAIGNKIT_CACHE_DIR": ""},
                           capture_output=True, check=True)
    assert clean.returncode == 0
    assert snapshot(tmp_path / "poisoned") == snapshot(tmp_path / "clean")
    assert not canary.exists()
    for entry in entries:  # written anew, signed
        assert json.loads(entry.read_text(encoding="utf-8"))["value"] not in ([40, 7], [39, 6])
