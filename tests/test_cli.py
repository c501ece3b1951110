"""One CliRunner test per command, plus the error boundary (one line, exit 1, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

import campaignkit
from campaignkit.cli import main
from campaignkit.schema import schema_json

from conftest import MINIMAL


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and campaignkit.__version__ in result.output


def test_list():
    result = run("list")
    assert result.exit_code == 0
    assert "kazakhstan-2022\tSolidarity with the people of Kazakhstan" in result.output


def test_show_json_carries_everything():
    result = run("show", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    campaign = campaignkit.load()
    dumped = json.dumps(data, ensure_ascii=False)
    for statement in campaign.statements:
        for item in (*statement.demands, *statement.calls):
            assert json.dumps(item.text.original, ensure_ascii=False) in dumped
        for name in statement.signatories:
            assert json.dumps(name.original, ensure_ascii=False) in dumped
    for supporter in campaign.events[0].supporters:
        assert json.dumps(supporter.original, ensure_ascii=False) in dumped
    assert len(data["timeline"]) == len(campaign.timeline)
    assert [s["url"]["url"] for s in data["sources"]] == [s.url.text for s in campaign.sources]


def test_show_text_in_kazakh():
    result = run("show", "--lang", "kk")
    assert result.exit_code == 0 and "Қазақстан халқымен ынтымақ" in result.output


def test_validate_ok_and_bad(write_campaign):
    good = write_campaign(MINIMAL, "good.toml")
    result = run("validate", str(good))
    assert result.exit_code == 0 and "OK (2 demands, 1 statement, 0 events, 1 source)" in result.output
    bad = write_campaign(MINIMAL.replace('"Second demand."', "42"), "bad.toml")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "statements[0].demands[1]" in result.output and "Traceback" not in result.output


def test_init_writes_a_template_that_validates(tmp_path):
    target = tmp_path / "new.toml"
    result = run("init", str(target))
    assert result.exit_code == 0 and target.exists()
    assert target.read_text(encoding="utf-8").startswith("#:schema ./campaign.schema.json\n")
    assert (tmp_path / "campaign.schema.json").read_bytes() == schema_json()
    assert run("validate", str(target)).exit_code == 0
    again = run("init", str(target))
    assert again.exit_code == 1 and "already exists" in again.output


def test_usage_error_exits_2():
    assert run("show", "--lang", "xx").exit_code == 2


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "campaignkit", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and campaignkit.__version__ in result.stdout


def test_warnings_are_one_line_on_stderr(write_campaign):
    path = write_campaign(MINIMAL.replace("https://", "http://"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert "Warning: " in result.stderr and "not https" in result.stderr
