"""Writing a file the officer named (`--out`) or one in dutydesk's own folders, safely.

A named file must be new (an existing one only with --force; never a folder, never a symlink);
a folder dutydesk did not create keeps its mode; the bytes are written and flushed before the
name is final, so a full disk leaves nothing half-written; every OS error is one plain line.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from dutydesk.errors import BadInput


def check_new_file(out: Path, force: bool = False) -> Path:
    """The path `--out` names, checked before any work is done."""
    if out.is_symlink():
        raise BadInput(f"{out} is a symbolic link; name a new file (dutydesk does not write through links)")
    if out.is_dir():
        raise BadInput(f"{out} is a folder; --out names the new file to write, e.g. {out / 'letter.docx'}")
    if out.exists() and not force:
        raise BadInput(f"{out} already exists; dutydesk does not overwrite a file (choose another name, or --force)")
    if out.exists() and not out.is_file():
        raise BadInput(f"{out} is not an ordinary file; name a new file")
    parent = next((p for p in out.parents if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise BadInput(f"cannot write {out}: {parent} is not a folder")
    return out


def make_private_folder(folder: Path) -> None:
    """Create the missing folders owner-only; a folder that already exists keeps its mode."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise BadInput(f"cannot create the folder {path}: {exc.strerror or exc}") from None


def write_new(target: Path, data: bytes, replace: bool = False) -> None:
    """Write `data` to `target` (owner-only). Without `replace` the file must not exist."""
    make_private_folder(target.parent)
    temp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, target)
        else:
            os.link(temp, target)  # fails if the name was taken meanwhile: nothing is overwritten
            temp.unlink()
    except FileExistsError:
        _remove(temp)
        raise BadInput(f"{target} already exists; dutydesk does not overwrite a file") from None
    except OSError as exc:
        _remove(temp)
        raise BadInput(f"cannot write {target}: {exc.strerror or exc}") from None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # it was never made (its folder is not one)
        path.unlink(missing_ok=True)
