"""The idle lock's passphrase as config.toml keeps it: a scrypt hash, never the passphrase.

Set by `dutydesk lock-passphrase`, checked by the lock screen."""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_passphrase(passphrase: str, salt: bytes | None = None) -> str:
    """'scrypt:<salt hex>:<hash hex>' — what config.toml keeps; never the passphrase."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode(), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt:{salt.hex()}:{digest.hex()}"


def passphrase_matches(passphrase: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split(":")
        if kind != "scrypt":
            return False
        again = hash_passphrase(passphrase, bytes.fromhex(salt)).split(":")[2]
    except ValueError:
        return False
    return hmac.compare_digest(again, digest)
