"""A throwaway cups-pdf print queue for tests: CUPS's scheduler started when it is not running, the queue
and its cups-pdf settings removed afterwards, and the jobs' IPP attributes and output PDFs read back.

.ci/system-packages installs CUPS, cups-pdf and ipptool. Where they cannot be had (no apt, not root) the
fixture skips with the reason; with CAMPAIGNKIT_REQUIRE_CUPS=1 (as in CI) it fails instead.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
CUPS_PDF_BACKEND = "/usr/lib/cups/backend/cups-pdf"
CUPS_PDF_PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
CUPS_CONFIG = Path("/etc/cups")
# cups-pdf's own call, less -dAutoRotatePages=/PageByPage: the output keeps the orientation CUPS sent.
GS_CALL = ("%s -q -dCompatibilityLevel=%s -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile=\"%s\" "
           "-dAutoRotatePages=/None -dAutoFilterColorImages=false -dColorImageFilter=/FlateEncode "
           "-dPDFSETTINGS=/prepress -c -f %s")
GET_JOB_ATTRIBUTES = """{
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR name requesting-user-name $user
  ATTR keyword requested-attributes all
  STATUS successful-ok
}
"""
C_LOCALE = {**os.environ, "LC_ALL": "C"}


def run(*argv: str, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=C_LOCALE, check=False)


@dataclass
class CupsPdfQueue:
    """A cups-pdf queue whose output lands in `out_dir`, one `<title>-job_<id>.pdf` per job."""

    name: str
    out_dir: Path
    ipptool_test: Path

    def completed_ids(self) -> set[str]:
        listed = run("lpstat", "-W", "completed", "-o", self.name).stdout
        return {line.split()[0] for line in listed.splitlines() if line.strip()}

    def wait_until_completed(self, request_ids: list[str], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not set(request_ids) <= self.completed_ids():
            if time.monotonic() > deadline:
                missing = sorted(set(request_ids) - self.completed_ids())
                raise AssertionError(f"jobs not completed after {timeout:g} s: {missing}\n{self.diagnostics()}")
            time.sleep(0.2)

    def job_attributes(self, request_id: str) -> dict[str, str]:
        """The job's attributes as CUPS keeps them (IPP Get-Job-Attributes through ipptool)."""
        job_id = request_id.rsplit("-", 1)[1]
        result = run("ipptool", "-tv", "-d", f"job_id={job_id}", f"ipp://localhost/printers/{self.name}",
                     str(self.ipptool_test))
        received = result.stdout.partition("RECEIVED:")[2]
        if result.returncode != 0 or not received:
            raise AssertionError(f"ipptool could not read job {request_id}:\n{result.stdout}{result.stderr}")
        return dict(re.findall(r"^\s+([\w-]+) \([^)]*\) = (.*)$", received, flags=re.MULTILINE))

    def output_for(self, request_id: str, timeout: float = 10) -> Path:
        """The PDF cups-pdf wrote for a job (its name ends in -job_<id>.pdf)."""
        job_id = request_id.rsplit("-", 1)[1]
        deadline = time.monotonic() + timeout
        while not (found := sorted(self.out_dir.glob(f"*job_{job_id}.pdf"))):
            if time.monotonic() > deadline:
                raise AssertionError(f"no cups-pdf output for {request_id} in {self.out_dir}\n{self.diagnostics()}")
            time.sleep(0.2)
        return found[0]

    def diagnostics(self) -> str:
        log = Path(f"/var/log/cups/cups-pdf-{self.name}_log")
        tail = log.read_text(errors="replace").splitlines()[-15:] if log.exists() else ["(no cups-pdf log)"]
        return "\n".join([run("lpstat", "-l", "-p", self.name).stdout, *tail])


def _missing_pieces() -> str | None:
    if not hasattr(os, "geteuid"):
        return "CUPS printing tests run on Linux only"
    for tool in ("lp", "lpstat", "lpadmin", "ipptool"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (run .ci/system-packages: cups, cups-client, cups-ipp-utils)"
    for path in (CUPSD, CUPS_PDF_BACKEND, CUPS_PDF_PPD):
        if not Path(path).exists():
            return f"{path} is missing (run .ci/system-packages: cups, printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "adding a CUPS queue and its cups-pdf settings in /etc/cups needs root"
    return None


def _unavailable(reason: str):
    if os.environ.get("CAMPAIGNKIT_REQUIRE_CUPS") == "1":
        pytest.fail(f"CUPS is required here (CAMPAIGNKIT_REQUIRE_CUPS=1) but unavailable: {reason}")
    pytest.skip(f"real CUPS printing not tested: {reason}")


def _scheduler_running() -> bool:
    return "scheduler is running" in run("lpstat", "-r").stdout


def _start_scheduler(log: Path) -> subprocess.Popen | None:
    """Start cupsd in the foreground as our child (containers have no systemd); None if it already runs."""
    if _scheduler_running():
        return None
    with open(log, "w") as output:
        daemon = subprocess.Popen([CUPSD, "-f"], stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while not _scheduler_running():
        if daemon.poll() is not None:
            _unavailable(f"cupsd exited with status {daemon.returncode}: {log.read_text(errors='replace').strip()}")
        if time.monotonic() > deadline:
            daemon.terminate()
            _unavailable("cupsd did not answer within 15 s")
        time.sleep(0.1)
    return daemon


@pytest.fixture(scope="module")
def cups_pdf_queue(tmp_path_factory):
    reason = _missing_pieces()
    if reason:
        _unavailable(reason)
    folder = tmp_path_factory.mktemp("cups-pdf")
    daemon = _start_scheduler(folder / "cupsd.log")
    name = f"campaignkit-test-{os.getpid()}-{secrets.token_hex(3)}"
    queue = CupsPdfQueue(name, folder / "out", folder / "get-job-attributes.test")
    queue.ipptool_test.write_text(GET_JOB_ATTRIBUTES)
    settings = CUPS_CONFIG / f"cups-pdf-{name}.conf"  # cups-pdf reads it for the device URI cups-pdf:/NAME
    try:
        settings.write_text(f"Out {queue.out_dir}\nGSCall {GS_CALL}\n")
        added = run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{name}", "-P", CUPS_PDF_PPD)
        if added.returncode != 0:
            _unavailable(f"lpadmin could not add a queue: {added.stderr.strip()}")
        yield queue
    finally:
        run("cancel", "-a", name)
        run("lpadmin", "-x", name)
        settings.unlink(missing_ok=True)
        if daemon is not None:
            daemon.terminate()
            try:
                daemon.wait(10)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
