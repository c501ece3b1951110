"""The installed package: public surface, bundled fonts and their licence, examples that run."""

from __future__ import annotations

import runpy
import subprocess
import sys

import campaignkit
from campaignkit import fonts

from conftest import ROOT


def test_public_names():
    for name in campaignkit.__all__:
        assert getattr(campaignkit, name) is not None, name


def test_bundled_fonts_and_licence_are_found():
    folder = fonts.font_dir()
    for file in (*fonts.FILES.values(), "OFL.txt"):
        assert (folder / file).is_file(), file
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text(encoding="utf-8")


def test_fonts_cover_russian_kazakh_and_the_tenge():
    sample = "АаЁёЯя ӘәҒғҚқҢңӨөҰұҮүҺһІі ÄäĞğÑñÖöŪūÜüŞşİı ₸ «»—№"
    for face in fonts.FILES:
        assert fonts.missing_glyphs(sample, face) == (), face
    assert fonts.missing_glyphs("Бостандық ✊", fonts.BODY) == ("✊",)


def test_api_example_runs(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["use_api.py"])
    runpy.run_path(str(ROOT / "examples" / "use_api.py"), run_name="__main__")
    printed = capsys.readouterr().out
    for statement in campaignkit.load().statements:
        for demand in statement.demands:
            assert demand.text.original in printed


HEAVY = ("reportlab", "PIL", "qrcode", "pypdfium2", "zxingcpp", "xml.sax", "importlib.metadata", "urllib.request")


def modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_campaignkit_pulls_in_nothing_heavy():
    loaded = modules_after("import campaignkit")
    assert not {m for m in loaded if m.startswith(HEAVY + ("click",))}


def test_help_pulls_in_no_layout_imaging_or_metadata_modules():
    code = "from campaignkit.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = modules_after(code)
    assert "click" in loaded
    assert not {m for m in loaded if m.startswith(HEAVY)}
