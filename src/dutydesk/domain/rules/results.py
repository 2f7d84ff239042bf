"""What the rules conclude: each result carries a plain-English reason and its paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Reason:
    text: str
    ref: str

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "ref": self.ref}


@dataclass(frozen=True)
class Outstanding:
    """One open obligation on the case: what, why, by when, under which paragraph."""

    what: str
    ref: str
    due: date | None = None
    why: str | None = None
    status: str | None = None  # a deadline's status, where it is one
    priority: int = 50  # among undated items: lower first (escalation 0, checks 40, letters 60)
    step: str = "screening"  # the workspace step where it is done
    details: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "due": self.due.isoformat() if self.due else None,
            "ref": self.ref,
            "why": self.why,
            "status": self.status,
            "step": self.step,
            "details": list(self.details),
        }
