"""Reads the Appendix II offence table straight out of the framework text (the test oracle)."""

from __future__ import annotations

from tests.conftest import FIXTURES

FRAMEWORK = FIXTURES / "framework" / "safeguarding-framework.txt"


def appendix_ii_rows() -> list[tuple[str, str, str]]:
    lines = FRAMEWORK.read_text(encoding="utf-8").splitlines()
    start = lines.index("Offence\tSection\tAct") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Notes:"))
    rows: list[tuple[str, str, str]] = []
    for line in lines[start:end]:
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 2 and cells[1].startswith(("Section", "Common Law")):
            rows.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
        elif rows:  # a row the page break split: its offence text continues here
            offence, section, act = rows[-1]
            rows[-1] = (f"{offence} {cells[0]}".strip(), section, act)
    return rows
