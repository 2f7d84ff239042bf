"""Drafts written to the case's outbox (owner-only), and the record of each on the case.

A file is written in full and flushed to disk before it is recorded, and recorded with its
SHA-256: the chronology then shows exactly what was produced, and a file altered later no
longer matches its record. A file is never overwritten (but with --force on a file the officer named).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dutydesk.config.paths import user_data_dir
from dutydesk.domain.case.model import Event
from dutydesk.domain.time.calendar import LONDON
from dutydesk.drafting.draft import Draft, Format
from dutydesk.drafting.kinds import RECIPIENT_WORDS
from dutydesk.errors import BadInput
from dutydesk.infra.log import LOGGER
from dutydesk.infra.safe_output import check_new_file, make_private_folder, write_new

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


def write(draft: Draft, fmt: Format, out: Path | None = None, force: bool = False) -> Written:
    """Write the draft to `out` (a new file) or, by default, the case's outbox folder."""
    if out is not None:
        target = check_new_file(out, force)
    else:
        root = (user_data_dir() / "outbox").resolve()
        folder = outbox_dir(draft.case_reference)
        # The reference's grammar has no "/" or ".."; this holds even for one that slipped in.
        if not folder.resolve().is_relative_to(root) or folder.resolve() == root:
            raise BadInput(f"{draft.case_reference!r} cannot name a folder in the outbox")
        make_private_folder(folder)
        target = folder / file_name(draft, fmt)
        n = 2
        while target.exists():
            target = folder / file_name(draft, fmt).replace(f".{fmt}", f"-{n}.{fmt}")
            n += 1
    data = draft.render(fmt)
    write_new(target, data, replace=force and out is not None)
    LOGGER.info("drafted %s for %s as %s (%s)", draft.kind.name, draft.case_reference, fmt, draft.author)
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
