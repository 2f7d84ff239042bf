"""PDF through LibreOffice, headless: the Word letter laid out exactly as Word would print it,
with its fonts embedded. LibreOffice is optional; without it the officer is told which package
to install, and the Word and text versions still work."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dutydesk.errors import BadInput

PACKAGE_HINT = (
    "PDF needs LibreOffice and it is not installed: install the package libreoffice-writer-nogui "
    "(Debian, Ubuntu) or libreoffice (elsewhere), or draft as docx or txt"
)
TIMEOUT_S = 180


def soffice() -> str | None:
    return os.environ.get("DUTYDESK_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    program = soffice()
    if program is None:
        raise BadInput(PACKAGE_HINT)
    with tempfile.TemporaryDirectory(prefix="dutydesk-pdf-") as work:
        folder = Path(work)
        source = folder / "letter.docx"
        source.write_bytes(docx)
        # Its own profile: a LibreOffice the officer has open does not take the job (or lock it).
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BadInput(f"LibreOffice could not make the PDF: {exc}") from None
        result = folder / "letter.pdf"
        if done.returncode != 0 or not result.exists():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise BadInput(f"LibreOffice could not make the PDF: {said[-1] if said else 'no output'}")
        return result.read_bytes()
