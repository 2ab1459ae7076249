"""Sign-in accounts for ``course serve``: one small JSON file a learner, passwords hashed with scrypt.

The accounts live in a folder beside the progress database (``progress.db`` -> ``progress.accounts/``),
0700, each file 0600 and named by the SHA-256 of the learner's name. A file is written complete under a
temporary name and then hard-linked into place, so two visitors claiming one new name at once cannot both
win, and a half-written account is never read. Passwords: scrypt (n=2**14, r=8, p=1), a random 16-byte salt
per learner, compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PASSWORD_MIN = 8
FAILED_DELAY_S = 1.0
SCRYPT = {"n": 2**14, "r": 8, "p": 1}

Outcome = Literal["ok", "new", "wrong", "taken"]


def name_key(name: str) -> str:
    """The file-safe key of a learner's name (hex SHA-256)."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


@dataclass(frozen=True)
class Accounts:
    """The accounts folder of one class; ``delay_s`` is how long a failed sign-in waits before answering."""

    folder: Path
    delay_s: float = FAILED_DELAY_S

    @classmethod
    def beside(cls, db: Path) -> Accounts:
        """The accounts of the class whose progress database is ``db``."""
        return cls(db.with_name(db.stem + ".accounts"))

    def _file(self, name: str) -> Path:
        return self.folder / f"{name_key(name)}.json"

    def exists(self, name: str) -> bool:
        """Whether ``name`` has a password set."""
        return self._file(name).is_file()

    def check(self, name: str, password: str) -> Outcome:
        """ "ok" for the right password, "new" when the name has no account yet, "wrong" otherwise (after a delay)."""
        try:
            record = json.loads(self._file(name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return "new"
        except (OSError, ValueError):
            record = None
        if isinstance(record, dict) and record.get("name") == name:
            try:
                salt = base64.b64decode(record["salt"])
                stored = base64.b64decode(record["hash"])
                given = _hash(password, salt, int(record["n"]), int(record["r"]), int(record["p"]))
            except (KeyError, TypeError, ValueError):
                given, stored = b"", b"x"
            if hmac.compare_digest(given, stored):
                return "ok"
        time.sleep(self.delay_s)
        return "wrong"

    def create(self, name: str, password: str) -> Outcome:
        """Set the password of a new name: "ok", or "taken" when someone set one first."""
        salt = secrets.token_bytes(16)
        record = {
            "name": name,
            "salt": base64.b64encode(salt).decode("ascii"),
            "hash": base64.b64encode(_hash(password, salt, **SCRYPT)).decode("ascii"),
            **SCRYPT,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        final = self._file(name)
        temporary = final.with_name(f".{final.stem}.{secrets.token_hex(8)}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temporary, final)  # fails if the name was claimed meanwhile: first one wins
        except FileExistsError:
            return "taken"
        finally:
            temporary.unlink(missing_ok=True)
        return "ok"
