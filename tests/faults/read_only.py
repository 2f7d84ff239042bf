"""Make a store file read-only, for root too: root ignores permission bits, so as root the file
is made immutable (chattr +i); where neither works the test that needs it is skipped."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file read-only as root here: {made.stderr.strip()}")
    try:
        with pytest.raises(PermissionError):  # proof it took: not even root may write now
            path.open("r+b").close()
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
