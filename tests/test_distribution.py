"""The distributions, built once here with `python -m build`: the sdist holds every file of the repository
and the tests run from it unpacked; the wheel holds every module, data file, font and licence; and the
wheel, installed into a fresh venv of each Python the package supports, makes the built-in pack with
the same bytes everywhere.

These tests are marked `dist` (about a minute: the build, a smoke run of the tests from the sdist, and
one venv per Python version, installed from the package index while the smoke run goes on);
`pytest -m "not dist"` leaves them out. Python versions are read from the classifiers in pyproject.toml
and looked for on PATH (python3.12) and in pyenv; a version that is not installed is skipped, saying so.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.dist

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSIONS = [c.rsplit(" :: ", 1)[1] for c in PYPROJECT["project"]["classifiers"]
            if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
TODAY = "2026-03-01"  # any fixed day: the pack's bytes depend on it
# A quick run of tests that read what only the sdist carries besides the package: docs/ and examples/
# (schema), seeds/ (quotes), README.md and examples/use_api.py (package), tests/corpus (layout rules).
SMOKE = ["tests/test_schema.py", "tests/test_seed_quotes.py", "tests/test_package.py", "tests/test_cli.py::test_list",
         "tests/test_layout_rules.py::test_corpus_covers_the_brief"]
SMOKE_DESELECT = "not ruff_and_mypy"  # lint and types are checked on the checkout; mypy is slow from cold


def run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result


def runs(python: str, version: str) -> bool:
    """Whether `python` starts and is this version (a pyenv shim may exist for a version not selected)."""
    check = subprocess.run([python, "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
                           capture_output=True, text=True, check=False)
    return check.returncode == 0 and check.stdout.strip() == version


def interpreter(version: str) -> str | None:
    """A Python of this version: the running one, pyenv's newest X.Y.Z, or pythonX.Y on PATH."""
    if version == RUNNING:
        return sys.executable
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = sorted(glob.glob(str(pyenv / "versions" / f"{version}.*" / "bin" / f"python{version}")),
                        key=lambda p: [int(n) for n in re.findall(r"\d+", Path(p).parent.parent.name)])
    on_path = shutil.which(f"python{version}")
    for python in [*reversed(candidates), *([on_path] if on_path else [])]:
        if runs(python, version):
            return python
    return None


def bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def pack_manifest(command: list, work: Path) -> dict:
    """Run `campaignkit pack` of the built-in campaign in `work` and return its manifest."""
    env = {**os.environ, "CAMPAIGNKIT_CACHE_DIR": str(work / "cache")}
    run([*command, "pack", "--today", TODAY, "-o", work / "pack", "-q"], cwd=work, env=env)
    return json.loads((work / "pack" / "manifest.json").read_text(encoding="utf-8"))


def install_and_pack(python: str, wheel: Path, constraints: Path, work: Path) -> dict:
    """The wheel in a fresh venv of `python` (with the running environment's versions of its
    dependencies), and the manifest of the pack it makes."""
    venv = work / "venv"
    run([python, "-m", "venv", "--without-pip", venv])
    target = bin_dir(venv) / "python"
    run([sys.executable, "-m", "pip", "--python", target, "install", "--quiet", "--disable-pip-version-check",
         "--constraint", constraints, wheel])
    return pack_manifest([bin_dir(venv) / "campaignkit"], work)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel (built from the sdist, as pip does), and the build's output."""
    out = tmp_path_factory.mktemp("dist")
    result = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT])
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel, result.stdout + result.stderr


@pytest.fixture(scope="module")
def other_pythons(dist, tmp_path_factory):
    """For each supported version other than the running one: a future manifest (installs start at
    once and run while the other tests do), or the reason it cannot be made."""
    _, wheel, _ = dist
    work = tmp_path_factory.mktemp("pythons")
    constraints = work / "constraints.txt"
    from importlib.metadata import distributions

    pins = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()
                   if d.metadata["Name"] and d.metadata["Name"].lower() != "campaignkit"})
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    pool = ThreadPoolExecutor(max_workers=3)
    jobs: dict[str, Future | str] = {}
    for version in VERSIONS:
        if version == RUNNING:
            continue
        python = interpreter(version)
        if python is None:
            jobs[version] = (f"Python {version} is not installed (looked for python{version} on PATH and in "
                             f"pyenv); install it, e.g. `pyenv install {version}`, to check the wheel on it")
            continue
        (work / version).mkdir()
        jobs[version] = pool.submit(install_and_pack, python, wheel, constraints, work / version)
    yield jobs
    pool.shutdown(wait=True, cancel_futures=True)


def test_the_build_succeeds_without_deprecation_warnings(dist):
    _, _, log = dist
    assert not re.search(r"deprecat", log, re.IGNORECASE), log


def test_the_sdist_holds_every_file_of_the_repository(dist):
    sdist, _, _ = dist
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: the repository's file list is unknown (this is the unpacked sdist)")
    tracked = run(["git", "ls-files"], cwd=ROOT).stdout.splitlines()
    expected = {name for name in tracked if (ROOT / name).is_file()}
    with tarfile.open(sdist) as archive:
        prefix = archive.getnames()[0].split("/")[0] + "/"
        held = {name.removeprefix(prefix) for name in archive.getnames()}
    assert sorted(expected - held) == [], "add these to MANIFEST.in"
    assert {"PKG-INFO", "tests/conftest.py", "tests/corpus/riverside-logo.png", ".ci/run"} <= held
    assert not [name for name in held if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_holds_every_module_data_file_font_and_licence(dist):
    _, wheel, _ = dist
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    package = ROOT / "campaignkit"
    expected = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    fonts = ROOT / "assets" / "fonts"
    expected |= {f"campaignkit/assets/fonts/{p.name}" for p in fonts.iterdir() if p.suffix == ".ttf" or p.name == "OFL.txt"}
    expected |= {f"campaignkit/assets/icc/{p.name}" for p in (ROOT / "assets" / "icc").iterdir()}
    assert sorted(expected - names) == [], "add the data files' pattern to [tool.setuptools.package-data]"
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert {n.split("/")[0] for n in names} == {"campaignkit", wheel.name.split("-py3")[0] + ".dist-info"}
    licences = {n.split(".dist-info/licenses/")[1] for n in names if ".dist-info/licenses/" in n}
    assert licences == {"LICENSE", "assets/fonts/OFL.txt", "assets/icc/LICENSE.txt"}
    assert "License-Expression: MIT AND OFL-1.1 AND Zlib" in metadata
    for version in ("3.11", "3.12", "3.13"):
        assert f"Classifier: Programming Language :: Python :: {version}" in metadata
    assert re.search(r"^Requires-Dist: reportlab\[accel\]<5\.2,>=5\.0$", metadata, re.MULTILINE), metadata


def test_the_tests_run_from_the_unpacked_sdist(dist, tmp_path, other_pythons):
    # `other_pythons` is asked for here only to start the venv installs, which then run alongside this.
    sdist, _, _ = dist
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    where = run([sys.executable, "-c", "import campaignkit; print(campaignkit.__file__)"], cwd=unpacked).stdout
    assert Path(where.strip()).is_relative_to(unpacked), "the smoke run must import the unpacked campaignkit"
    result = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
                             "-k", SMOKE_DESELECT, *SMOKE], cwd=unpacked, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed, \d+ deselected in .*", summary), summary


@pytest.fixture(scope="module")
def reference_manifest(tmp_path_factory) -> dict:
    """The pack made by the running Python with the campaignkit these tests run."""
    return pack_manifest([sys.executable, "-m", "campaignkit"], tmp_path_factory.mktemp("reference"))


@pytest.mark.parametrize("version", [v for v in VERSIONS if v != RUNNING])
def test_the_wheel_makes_the_same_pack_on_every_supported_python(version, other_pythons, reference_manifest):
    job = other_pythons[version]
    if isinstance(job, str):
        pytest.skip(job)
    manifest = job.result()
    assert reference_manifest["files"], "the reference pack is empty"
    differ = [f["name"] for f, g in zip(manifest["files"], reference_manifest["files"]) if f != g]
    assert manifest == reference_manifest, f"Python {version} and {RUNNING} differ: {differ or 'in the manifest'}"
