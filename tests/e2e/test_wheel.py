"""Issue 34: the wheel, installed in a fresh venv as an officer's machine would have it (not the
editable checkout), runs the demo, drafts a letter in every format and writes the review page —
so the package data (policy tables, templates, samples) really ships inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.e2e.test_readme import check_shell_examples_ran, run_in_fresh_home, shell_examples_in_order

ROOT = Path(__file__).resolve().parents[2]
OFFICE = [
    "office",
    "--name",
    "Cafcass, Birmingham office",
    "--address",
    "Level 5, 10 Colmore Row, Birmingham, B3 2QD",
    "--phone",
    "0300 456 4000",
    "--email",
    "duty.birmingham@cafcass.gov.uk.cjsm.net",
    "--role",
    "Family Court Adviser",
]


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (cmd, done.stdout[-1000:], done.stderr[-2000:])
    return done


def test_the_installed_wheel_runs_the_demo_drafts_every_format_and_writes_the_review(tmp_path: Path) -> None:
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)], tmp_path)
    (wheel,) = (tmp_path / "dist").glob("dutydesk-*.whl")
    venv.create(tmp_path / "v", with_pip=True)
    py = tmp_path / "v" / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheel)], tmp_path)
    where = _run([str(py), "-c", "import dutydesk, sys; print(dutydesk.__file__)"], tmp_path).stdout
    assert str(tmp_path / "v") in where, "the installed copy, not the checkout"
    home = tmp_path / "home"
    env = {
        "PATH": f"{tmp_path / 'v' / 'bin'}:/usr/bin:/bin",
        "HOME": str(home),
        "DUTYDESK_CONFIG_DIR": str(home / "cfg"),
        "DUTYDESK_DATA_DIR": str(home / "data"),
        "DUTYDESK_STATE_DIR": str(home / "state"),
        "DUTYDESK_CACHE_DIR": str(home / "cache"),
        "LANG": "C.UTF-8",
    }
    dutydesk = str(tmp_path / "v" / "bin" / "dutydesk")
    listed = _run([dutydesk, "demo", "--no-ui"], tmp_path, env).stdout
    assert "DD-2025-000104" in listed
    demo = home / "data" / "demo.sqlite3"
    _run([dutydesk, *OFFICE], tmp_path, env)
    formats = ["txt", "docx"] + (["pdf"] if shutil.which("soffice") else [])
    for fmt in formats:
        out = tmp_path / f"letter.{fmt}"
        drafted = ["--format", fmt, "--out", str(out)]
        _run(
            [dutydesk, "--db", str(demo), "draft", "DD-2025-000104", "referral_letter", "--referral", "r1", *drafted],
            tmp_path,
            env,
        )
        assert out.stat().st_size > 1000, fmt
    _run([dutydesk, "--db", str(demo), "review", "--html", str(tmp_path / "review.html")], tmp_path, env)
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "<svg" in page and "DD-2025-000104" in page
    # The installed-tool way (what `pipx install .` or `uv tool install .` make: a venv of its own
    # and `dutydesk` on PATH): README's shell examples, verbatim, in a fresh home.
    work = tmp_path / "tool" / "checkout"
    work.parent.mkdir()
    done = run_in_fresh_home(work.parent, shell_examples_in_order(work), cwd=work, bin_dir=str(py.parent))
    check_shell_examples_ran(done, work.parent, work)
    if "pdf" not in formats:
        pytest.skip("LibreOffice is not installed: txt and docx drafted, pdf not tried")
