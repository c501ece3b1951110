"""The installed package: public surface, bundled fonts and their licence, examples that run."""

from __future__ import annotations

import runpy
import subprocess
import sys

import campaignkit
from campaignkit.layout import fonts

from conftest import ROOT

PUBLIC = [
    "DEFAULT_CAMPAIGN", "URL", "BatchResult", "Campaign", "CampaignDataError", "CampaignFileError", "CampaignWarning",
    "CampaignkitError", "Copy", "Event", "Fact", "FitError", "GlyphError", "ImageError", "Item", "LocalEvent", "Name",
    "OutputError", "Pack", "Paper", "Petition", "PlannedSlogan", "PrintError", "PrintJob", "Rendered", "Report",
    "Signatory", "Slogan", "Source", "Speaker", "Statement", "Text", "Theme", "TimelineEntry", "Translation", "UnsafeURLError",
    "__version__", "builtin_campaigns", "campaign_schema", "export_campaign", "import_signatories", "load", "loads",
    "localise", "make_batch", "make_factsheet", "make_leaflet", "make_pack", "make_placard", "make_signatories", "make_signup",
    "make_social", "plan_placards", "plan_print", "preview_pdf", "print_files", "verify_pdf",
]


def test_public_names_are_pinned_documented_and_importable():
    assert campaignkit.__all__ == PUBLIC, "a change to the public API: update PUBLIC and the README's API section"
    for name in campaignkit.__all__:
        value = getattr(campaignkit, name)
        assert value is not None, name
        if callable(value) and name != "Paper":
            assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_the_readme_documents_every_public_function():
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in PUBLIC:
        if name[0].islower() and not name.startswith("__") and name != "DEFAULT_CAMPAIGN":
            assert name in docs, name


def test_the_package_is_typed_and_passes_ruff_and_mypy():
    assert (ROOT / "campaignkit" / "py.typed").is_file()
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "campaignkit", "tests", "bench"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


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


def test_a_public_function_stays_itself_once_its_subpackage_is_imported():
    from types import FunctionType

    import campaignkit.localise.catalogue  # noqa: F401  (importing a subpackage sets it on its parent)

    assert isinstance(campaignkit.localise, FunctionType) and campaignkit.localise.__name__ == "localise"
