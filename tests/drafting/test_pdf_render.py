"""A drafted .docx opens in LibreOffice and prints as a letter (skipped where LibreOffice is absent;
the closing note of issue 6 describes the page image)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.drafting.draft import draft
from tests.drafting.helpers import NOW, flat, sample

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice / poppler not installed")
def test_the_referral_letter_renders_to_pdf_with_its_words(tmp_path: Path) -> None:
    assert SOFFICE is not None
    letter = tmp_path / "letter.docx"
    letter.write_bytes(draft(sample("04"), "referral_letter", load_policy(), "J. Officer", NOW).render("docx"))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(letter),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "letter.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = flat(text)
    assert "CHILD WELFARE (PROTECTION) REFERRAL: SECTION 47 CHILDREN ACT 1989" in words
    assert "Dear Sir or Madam," in words and "Yours faithfully," in words
    assert "Referral information (CAF format)" in words
