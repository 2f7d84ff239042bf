"""The words a drafted file holds, whatever its format: what a reader (or a leak) would find."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dutydesk.drafting.docx_writer import docx_all_text
from dutydesk.drafting.pdf import soffice


def needs_pdf_tools() -> None:
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice / poppler-utils not installed: PDF output not checked here")


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def document_text(data: bytes, fmt: str) -> str:
    if fmt == "docx":
        return docx_all_text(data)
    if fmt == "pdf":
        return pdf_text(data)
    return data.decode("utf-8")
