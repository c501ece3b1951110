"""The shared layout kit: a change of theme shows on every material, and the stages stay apart."""

from __future__ import annotations

import ast
import io

import pytest
from PIL import Image

import campaignkit
from campaignkit import Theme, load
from campaignkit.layout.paper import MM

from conftest import ROOT, char_geometry, render_pages

CAMPAIGN = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
BLUE = (0x1A, 0x7F, 0x3C)  # a green, far from the example's own blue
THEMED = Theme(accent="#1A7F3C", margin_mm=24)
MATERIALS = {
    "leaflet": lambda theme: campaignkit.make_leaflet(CAMPAIGN, theme=theme),
    "placard": lambda theme: campaignkit.make_placard(CAMPAIGN, size="A4", theme=theme),
    "factsheet": lambda theme: campaignkit.make_factsheet(CAMPAIGN, theme=theme),
    "signup": lambda theme: campaignkit.make_signup(CAMPAIGN, theme=theme),
}


def share_of(image: Image.Image, colour: tuple[int, int, int]) -> float:
    small = image.convert("RGB").reduce(4)
    pixels = list(small.get_flattened_data())
    near = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, colour, strict=True)) < 24)
    return near / len(pixels)


@pytest.mark.parametrize("material", sorted(MATERIALS))
def test_a_changed_theme_shows_in_colour_and_margin(material):
    plain, themed = (MATERIALS[material](theme) for theme in (Theme(), THEMED))
    assert share_of(render_pages(themed, 50)[0], BLUE) > 0.002, "the theme's accent colour is used"
    assert share_of(render_pages(plain, 50)[0], BLUE) == 0
    lefts = [min(left for _, left, *_ in chars) for _, _, chars in char_geometry(themed) if chars]
    plain_lefts = [min(left for _, left, *_ in chars) for _, _, chars in char_geometry(plain) if chars]
    assert min(lefts) >= 24 * MM - 0.5, "no text in the theme's margin"
    assert min(plain_lefts) < 24 * MM - 0.5, "the default margin is narrower, so the change is visible"


def test_a_changed_theme_colours_the_social_cards():
    for card in campaignkit.make_social(CAMPAIGN, theme=THEMED):
        assert share_of(Image.open(io.BytesIO(card.data)), BLUE) > 0.5, card.name


LOWER_STAGES = {  # a module of each stage may import only from these stages
    "model": {"model", "tags"},
    "loader": {"loader", "model", "tags", "errors", "slugs", "_version", "cache"},
    "localise": {"localise", "model", "tags", "errors"},
    "layout": {"layout", "localise", "model", "errors", "cache", "options", "marks"},
    "materials": {"materials", "layout", "localise", "model", "errors", "options", "slugs"},
}


def imported_stages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = path.relative_to(ROOT / "campaignkit").with_suffix("").parts
            base = list(parts[: len(parts) - node.level])
            target = (base + (node.module.split(".") if node.module else []))
            if target:
                found.add(target[0])
    return found


@pytest.mark.parametrize("stage", sorted(LOWER_STAGES))
def test_stages_import_only_lower_stages(stage):
    folder = ROOT / "campaignkit" / stage
    paths = sorted(folder.rglob("*.py")) if folder.is_dir() else [ROOT / "campaignkit" / f"{stage}.py"]
    for path in paths:
        assert imported_stages(path) <= LOWER_STAGES[stage], path


def test_only_the_write_package_writes_files():
    writers = ("write_bytes", "write_text", "os.replace", "os.rename", "shutil.copy", "os.link", "mkstemp",
               'open(path, "w', "O_CREAT", ".mkdir(")
    for path in sorted((ROOT / "campaignkit").rglob("*.py")):
        if path.parent.name == "write":
            continue
        source = path.read_text(encoding="utf-8")
        for writer in writers:
            assert writer not in source, f"{path.name} writes files itself ({writer})"


def test_no_module_below_localisation_takes_a_language_code():
    for stage in ("layout", "materials"):
        for path in sorted((ROOT / "campaignkit" / stage).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
                    assert not {"lang", "language"} & set(names), f"{path.name}: {node.name}({', '.join(names)})"
