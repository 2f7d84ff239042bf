"""A write-ahead journal of one desk's edits to one case, written before the store is.

Why: the store is saved at most half a second after a key, and a save can fail (the disk is full,
the shared store is out of reach). Every edit the desk accepts is appended here first, at once:
once `write()` has returned the bytes are the kernel's, so killing dutydesk (kill -9, a crash)
loses nothing already written, and an fsync at most `SYNC_EVERY` later covers a power cut. The
journal is emptied only once the store holds everything in it; a desk that starts and finds
records replays them through the same merge two desks use, and says so.

Disk full: the file's space is reserved when it is opened (`RESERVE`, allocated, not merely
sized), and records are written into that space — so a disk that fills while an officer types
still takes every key, until the reserve itself is used up, which the desk reports.

Format: records one after another from the start of the file, each a 4-byte length, a 4-byte
CRC-32 and the payload (JSON, or AES-GCM ciphertext when the store is encrypted); a zero length
ends the journal. A record cut short by a crash fails its CRC and ends the journal there.
Owner-only (0600) in an owner-only folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import struct
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dutydesk.errors import DutydeskError

RESERVE = 4 * 1024 * 1024  # bytes set aside for each open case's journal
SYNC_EVERY = 0.1  # seconds: at most this much typing is only in the page cache
HEADER = struct.Struct(">II")
NONCE = 12


class JournalFull(DutydeskError):
    """The journal's reserved space is used up and the disk has no room to grow it."""


class Journal:
    """One case's journal (see the module's docstring)."""

    def __init__(self, path: Path, reference: str, key: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = path
        self._cipher = _cipher(key, reference) if key else None
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        # Held while the desk that writes it is open: a journal nobody holds is a dead desk's.
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            raise
        self.reserved = self._reserve(RESERVE)
        self._offset = sum(HEADER.size + len(p) for p in self._payloads())
        self._synced_at = time.monotonic()
        self._unsynced = False

    # -- reading -------------------------------------------------------------------------
    def _payloads(self) -> Iterator[bytes]:
        offset = 0
        size = os.fstat(self._fd).st_size
        while offset + HEADER.size <= size:
            length, crc = HEADER.unpack(os.pread(self._fd, HEADER.size, offset))
            if length == 0 or offset + HEADER.size + length > size:
                return
            payload = os.pread(self._fd, length, offset + HEADER.size)
            if zlib.crc32(payload) != crc:
                return  # cut short by a crash: what came before it stands
            yield payload
            offset += HEADER.size + length

    def records(self) -> list[dict[str, Any]]:
        out = []
        for payload in self._payloads():
            data = self._cipher.decrypt(payload) if self._cipher else payload
            out.append(json.loads(data.decode("utf-8")))
        return out

    # -- writing -------------------------------------------------------------------------
    def append(self, record: dict[str, Any]) -> None:
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        payload = self._cipher.encrypt(data) if self._cipher else data
        # The record, then a zero length after it: the journal ends there until the next record.
        frame = HEADER.pack(len(payload), zlib.crc32(payload)) + payload + HEADER.pack(0, 0)
        end = self._offset + len(frame)
        if end > self.reserved and self._reserve(max(end, self.reserved * 2)) < end:
            raise JournalFull(
                f"the journal {self.path} is full and the disk has no room: what is typed now is only on screen"
            )
        written = os.pwrite(self._fd, frame, self._offset)
        if written != len(frame):
            raise JournalFull(f"the journal {self.path} could not be written")
        self._offset += len(frame) - HEADER.size
        self._unsynced = True
        if time.monotonic() - self._synced_at >= SYNC_EVERY:
            self.sync()

    def sync(self) -> None:
        """fsync what was written (a power cut loses at most SYNC_EVERY of typing)."""
        if self._unsynced:
            with contextlib.suppress(OSError):
                os.fsync(self._fd)
            self._unsynced = False
        self._synced_at = time.monotonic()

    def clear(self) -> None:
        """The store holds everything: the journal is empty again (its space stays reserved)."""
        if self._offset == 0:
            return
        os.pwrite(self._fd, HEADER.pack(0, 0), 0)
        with contextlib.suppress(OSError):
            os.fsync(self._fd)
        self._offset = 0
        self._unsynced = False

    def close(self, remove: bool) -> None:
        """Closed with the case; removed (its reserve given back) when it holds nothing."""
        self.sync()
        os.close(self._fd)
        if remove:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    @property
    def empty(self) -> bool:
        return self._offset == 0

    def _reserve(self, size: int) -> int:
        """Allocate the file's space up to `size` (blocks, not a sparse length); returns the
        space the journal can use."""
        current = os.fstat(self._fd).st_size
        if current >= size:
            return current
        try:
            os.posix_fallocate(self._fd, 0, size)
        except OSError:
            return os.fstat(self._fd).st_size
        return size


def _stem(reference: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", reference)


def new_journal(folder: Path, reference: str, key: str | None = None) -> Journal:
    """This desk's journal for the case: one file per desk, so two desks (or two windows) on one
    case never write into each other's."""
    return Journal(folder / f"{_stem(reference)}.{uuid.uuid4().hex[:12]}.journal", reference, key)


def orphans(folder: Path, reference: str, key: str | None = None) -> Iterator[Journal]:
    """Journals of this case left by a desk that is no longer running (killed, crashed, the
    laptop's battery): each is yielded locked, for its records to be replayed, then removed."""
    for path in sorted(folder.glob(f"{_stem(reference)}.*.journal")):
        try:
            journal = Journal(path, reference, key)
        except OSError:
            continue  # held: a desk that is still running
        yield journal


class _Cipher:
    """AES-GCM with a key derived from the store's key: an encrypted store's journal is too."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415  (an optional extra: encrypted stores)

        self._aead = AESGCM(key)

    def encrypt(self, data: bytes) -> bytes:
        nonce = os.urandom(NONCE)
        return nonce + self._aead.encrypt(nonce, data, None)

    def decrypt(self, payload: bytes) -> bytes:
        return self._aead.decrypt(payload[:NONCE], payload[NONCE:], None)


def _cipher(key: str, reference: str) -> _Cipher:
    try:
        import cryptography  # noqa: F401, PLC0415  (an optional extra: encrypted stores)
    except ImportError:
        raise DutydeskError(
            "an encrypted store's journal is encrypted too, and needs the cryptography package: "
            "pip install 'dutydesk[encryption]'"
        ) from None
    derived = hashlib.scrypt(
        key.encode("utf-8"), salt=b"dutydesk-journal:" + reference.encode(), n=2**14, r=8, p=1, dklen=32
    )
    return _Cipher(derived)
