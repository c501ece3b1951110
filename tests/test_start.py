"""The `campaignkit` command's quick start and end: the same bytes as the library makes, the same exit
codes and messages, and the deferred modules still work when something needs them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ARABIC = str(Path(__file__).parent / "corpus" / "arabic-dockers.toml")  # shaped with HarfBuzz
GERMAN = str(Path(__file__).parent / "corpus" / "german-compounds.toml")  # long words hyphenated with Pyphen
COMMAND = [sys.executable, "-m", "campaignkit"]  # goes through `run`, as the console script does
LIBRARY = """
import sys, warnings
warnings.simplefilter("ignore")
import campaignkit
campaign = campaignkit.load()
out = sys.argv[1]
campaignkit.make_leaflet(campaign, out + "/leaflet.pdf")
campaignkit.make_leaflet(campaignkit.load(sys.argv[2]), out + "/arabic.pdf")
campaignkit.make_leaflet(campaignkit.load(sys.argv[3]), out + "/german.pdf", paper="A5")
campaignkit.make_placard(campaign, out + "/placard.pdf")
campaignkit.make_social(campaign, out + "/cards")
campaignkit.make_pack(campaign, out + "/pack", sheets=1)
"""


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_command_makes_the_same_bytes_as_the_library(tmp_path):
    lib, cli = tmp_path / "lib", tmp_path / "cli"
    lib.mkdir()
    cli.mkdir()
    subprocess.run([sys.executable, "-c", LIBRARY, str(lib), ARABIC, GERMAN], check=True, capture_output=True)
    for args in (["leaflet", "-o", str(cli / "leaflet.pdf")], ["leaflet", ARABIC, "-o", str(cli / "arabic.pdf")],
                 ["leaflet", GERMAN, "-o", str(cli / "german.pdf"), "--paper", "A5"],
                 ["placard", "-o", str(cli / "placard.pdf")],
                 ["social", "-o", str(cli / "cards")], ["pack", "-o", str(cli / "pack"), "--sheets", "1"]):
        done = subprocess.run([*COMMAND, *args], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "Wrote" in done.stdout or "files in" in done.stdout  # flushed before the process ended
    made = digests(cli)
    assert len(made) > 20 and made == digests(lib)


def test_exit_codes_and_messages_are_unchanged(tmp_path):
    bad = subprocess.run([*COMMAND, "leaflet", str(tmp_path / "none.toml")], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("Error: ") and bad.stderr.count("\n") == 1
    usage = subprocess.run([*COMMAND, "leaflet", "--no-such-option"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    version = subprocess.run([*COMMAND, "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.startswith("campaignkit, version ")


CHECK = """
import re, sys, warnings
warnings.simplefilter("ignore")
from campaignkit.cli import start
start.prepare()
import campaignkit
from campaignkit.api import make_leaflet
make_leaflet(campaignkit.load())
from reportlab.platypus import paragraph
deferred = [type(sys.modules[m]).__name__ for m in ("PIL.Image", "PIL.ImageDraw", "uharfbuzz")]
print(type(paragraph.uri_pat).__name__, *deferred, *sorted({"xml.sax", "urllib.request", "email"} & set(sys.modules)))
real = re.compile(start.URI_PATTERN, start.URI_FLAGS)
for uri in ("https://example.org/a/b?c=1", "HTTP://Example.ORG", "ftp://1.2.3.4:8080/x", "not a uri", "https://ex.рф/п"):
    assert bool(paragraph.uri_pat.match(uri)) == bool(real.match(uri)), uri
from PIL import Image, ImageDraw
image = Image.new("RGB", (4, 4), "white")
ImageDraw.Draw(image).rectangle((0, 0, 1, 1), fill="black")
print(image.getpixel((0, 0)), image.getpixel((3, 3)))
print(*[name for name in start.DEFERRED_BY_NAME if type(sys.modules[name]).__name__ != "DeferredModule"])
import pickle, secrets, shutil, subprocess, textwrap, traceback
print(pickle.loads(pickle.dumps([1])), len(secrets.token_hex(2)), shutil.which("sh") is not None,
      subprocess.run(["sh", "-c", "echo 5"], capture_output=True, text=True).stdout.strip(),
      textwrap.dedent("  6"), "Error" in "".join(traceback.format_exception_only(ValueError("x"))),
      type(sys.modules["pickle"]).__name__)
"""


def test_deferred_work_is_deferred_and_works_when_asked_for():
    lines = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True).stdout.split("\n")
    # a leaflet needs neither the URL pattern nor Pillow nor HarfBuzz nor the XML and web modules; when the
    # reportlab in use still has the pattern campaignkit knows, it is the stand-in
    assert lines[0] == "LazyPattern _LazyModule _LazyModule DeferredModule", (
        "reportlab's uri_pat changed: update start.URI_PATTERN")
    assert lines[1] == "(0, 0, 0) (255, 255, 255)"
    assert lines[2] == "", f"run at start-up after all: {lines[2]}"  # every module deferred by name still waits
    assert lines[3] == "[1] 4 True 5 6 True module"  # and works as itself when used


def test_the_pattern_is_reportlabs():
    """The stand-in's pattern is the one reportlab's source compiles."""
    import ast

    import reportlab.platypus.paragraph as paragraph

    from campaignkit.cli import start

    tree = ast.parse(Path(paragraph.__file__).read_text(encoding="utf-8"))
    found = [node.value.args[0].value for node in tree.body if isinstance(node, ast.Assign)
             and getattr(node.targets[0], "id", None) == "uri_pat"]
    assert found == [start.URI_PATTERN]
