"""Drafts written to the case's outbox (owner-only), and the record of each on the case.

A file is written in full and flushed to disk before it is recorded, and recorded with its
SHA-256: the chronology then shows exactly what was produced, and a file altered later no
longer matches its record. A file is never overwritten.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dutydesk.domain.calendar import LONDON
from dutydesk.domain.model import Event
from dutydesk.drafting.draft import Draft, Format
from dutydesk.drafting.kinds import RECIPIENT_WORDS
from dutydesk.errors import BadInput
from dutydesk.paths import user_data_dir

EVENT_KIND = "document_drafted"


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    fmt: Format


def outbox_dir(reference: str) -> Path:
    return user_data_dir() / "outbox" / reference


def file_name(draft: Draft, fmt: Format) -> str:
    stamp = draft.when.astimezone(LONDON).strftime("%Y%m%d-%H%M%S")
    referral = f"-{draft.referral}" if draft.referral else ""
    return f"{draft.case_reference}-{draft.kind.name}{referral}-{stamp}.{fmt}"


def _private_dirs(folder: Path) -> None:
    """The folder and, for the default outbox, the outbox itself: owner-only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in (folder, folder.parent) if folder.parent.name == "outbox" else (folder,):
        os.chmod(path, 0o700)


def write(draft: Draft, fmt: Format, out: Path | None = None) -> Written:
    """Write the draft; `out` is a file or a folder (default: the case's outbox)."""
    data = draft.render(fmt)
    if out is not None and not out.is_dir():
        target = out
        if target.exists():
            raise BadInput(f"{target} already exists; dutydesk never overwrites a document (choose another --out)")
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        folder = out or outbox_dir(draft.case_reference)
        _private_dirs(folder)
        target = folder / file_name(draft, fmt)
        n = 2
        while target.exists():
            target = folder / file_name(draft, fmt).replace(f".{fmt}", f"-{n}.{fmt}")
            n += 1
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Written(target, hashlib.sha256(data).hexdigest(), fmt)


def record(draft: Draft, written: Written, by: str, at: datetime) -> Event:
    """The chronology entry for a drafted document."""
    referral = f" for referral {draft.referral}" if draft.referral else ""
    return Event(
        at=at,
        by=by,
        kind=EVENT_KIND,
        text=(
            f"Drafted: {draft.kind.title}{referral} ({written.fmt}, for "
            f"{RECIPIENT_WORDS[draft.kind.recipient]}) — {written.path.name}, SHA-256 {written.sha256}"
        ),
        extra={
            "document": draft.kind.name,
            "format": written.fmt,
            "file": str(written.path),
            "sha256": written.sha256,
            "referral": draft.referral,
        },
    )
