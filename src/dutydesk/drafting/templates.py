"""Letter templates: Jinja2 text files in data/templates a policy lead can edit.

A template is plain text. A line starting `# ` is a heading, `! ` a paragraph in bold (¶2.112
asks for bold), `- ` a bullet, `> ` a letterhead line (set to the right), `@ ` a line of an
address or signature block (no space after it); other lines are paragraphs. Values the case supplies are data:
whatever they contain (a line starting '#', markup, control characters, new lines) they
cannot become a heading or anything else, because the line marks are turned into private
characters before rendering and stripped out of every value.

The environment is sandboxed (a template cannot reach Python) and strict: a template that
names something the documents do not provide fails at load time when the name is a top-level
one, and at drafting time, naming template, line and the missing thing, otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, meta
from jinja2.environment import Environment
from jinja2.sandbox import SandboxedEnvironment

from dutydesk.config.paths import data_dir
from dutydesk.errors import PolicyError
from dutydesk.infra.safe_text import CONTROL

BlockKind = Literal["heading", "bold", "bullet", "para", "blank", "letterhead", "line"]
MARK = "\ue000"
_MARKS = {"# ": "H", "! ": "B", "- ": "L", "> ": "R", "@ ": "T"}
_KINDS: dict[str, BlockKind] = {"H": "heading", "B": "bold", "L": "bullet", "R": "letterhead", "T": "line"}
_PRIVATE = re.compile("[\ue000-\ue0ff]")
LINE_BREAK = "\u2028"  # a new line inside one paragraph (a call record, a note)
SUFFIX = ".txt.j2"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""


class DraftTemplateError(PolicyError):
    """A template that cannot be used, named with its file and line."""

    def __init__(self, name: str, where: str, problem: str) -> None:
        super().__init__(f"template {name}{SUFFIX}", where, problem)


class MarkingLoader(FileSystemLoader):
    """Reads templates with their line marks turned into private characters."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        lines = []
        for line in source.splitlines():
            for mark, code in _MARKS.items():
                if line.startswith(mark):
                    line = MARK + code + line[len(mark) :]
                    break
            lines.append(line)
        return "\n".join(lines) + "\n", filename, uptodate


def as_value(value: object) -> str:
    """How a value reads in a letter: never blank without saying so, never able to mark a line."""
    if value is None or value == "":
        return "not known"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    text = _PRIVATE.sub("", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", LINE_BREAK)
    return CONTROL.sub("", text)


def templates_dir() -> Path:
    return data_dir() / "templates"


@cache
def environment(folder: Path | None = None) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=MarkingLoader(str(folder or templates_dir()), encoding="utf-8"),
        undefined=StrictUndefined,
        finalize=as_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["and_list"] = and_list
    return env


def and_list(items: list[object]) -> str:
    """'Zofia Nowak and Jan Nowak'; 'A, B and C': how a letter names several people."""
    words = [str(i) for i in items]
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else "not known"


def check_template(name: str, known: frozenset[str], folder: Path | None = None) -> None:
    """Load-time check: the file exists, parses, and names only what the documents provide."""
    env = environment(folder)
    try:
        source, filename, _ = env.loader.get_source(env, name + SUFFIX)  # type: ignore[union-attr]
        parsed = env.parse(source, name + SUFFIX, filename)
    except TemplateSyntaxError as exc:
        raise DraftTemplateError(name, f"line {exc.lineno}", exc.message or "cannot be read") from exc
    except TemplateError as exc:
        raise DraftTemplateError(name, "file", str(exc)) from exc
    unknown = meta.find_undeclared_variables(parsed) - known
    if unknown:
        raise DraftTemplateError(
            name,
            ", ".join(sorted(unknown)),
            f"not something a document provides (known: {', '.join(sorted(known))})",
        )


def render(name: str, context: dict[str, object], folder: Path | None = None) -> list[Block]:
    env = environment(folder)
    try:
        text = env.get_template(name + SUFFIX).render(context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise DraftTemplateError(name, f"line {line}" if line else "drafting", str(exc)) from exc
    return to_blocks(text)


def to_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    # A line mark can only start a line; one found mid-line (a template that joined two lines)
    # starts a new one rather than showing as a stray character.
    text = re.sub(f"(?<!^)(?<!\n){MARK}", "\n" + MARK, text)
    for line in text.splitlines():
        if not line.strip():
            if blocks and blocks[-1].kind != "blank":
                blocks.append(Block("blank"))
            continue
        if line.startswith(MARK) and len(line) > 1 and line[1] in _KINDS:
            blocks.append(Block(_KINDS[line[1]], line[2:].strip()))
        else:
            blocks.append(Block("para", line.strip()))
    while blocks and blocks[-1].kind == "blank":
        blocks.pop()
    return blocks
