"""The installation's Ed25519 key pair: created on first use, the private key kept 0600 and never printed.

The private key lives in ``$COURSE_KEY_DIR`` or else ``<user data folder>/plasticity-course/keys`` as a
PKCS#8 PEM file. Its public half is what an institution publishes (``course certificate public-key``)
so that anyone can check a certificate this installation signed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from course.certificates.errors import KeyProblem
from course.certificates.files import place_new
from progress_store.paths import APP_NAME, make_private_dirs

KEY_DIR_ENV = "COURSE_KEY_DIR"
PRIVATE_KEY_NAME = "certificate-signing-key.pem"
PRIVATE_MODE = 0o600
MAX_KEY_FILE = 64 * 1024


def key_folder() -> Path:
    """Where this installation's key pair lives: ``$COURSE_KEY_DIR``, else the user data folder's ``keys``."""
    value = os.environ.get(KEY_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else platformdirs.user_data_path(APP_NAME) / "keys"


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """``sha256:<hex>`` of the raw 32-byte public key: a short name for a key, to compare by eye."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def public_pem(public_key: Ed25519PublicKey) -> str:
    """The public key as a SubjectPublicKeyInfo PEM block (what an institution publishes)."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def signature_matches(public_key: Ed25519PublicKey, signature_b64: str, data: bytes) -> bool:
    """Whether ``signature_b64`` (base64 of 64 bytes) is ``public_key``'s Ed25519 signature over ``data``."""
    try:
        signature = base64.b64decode(signature_b64.strip(), validate=True)
        public_key.verify(signature, data)
    except (ValueError, InvalidSignature):
        return False
    return True


@dataclass(frozen=True)
class SigningKey:
    """This installation's private key and the file it came from."""

    path: Path
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def sign(self, data: bytes) -> str:
        """The Ed25519 signature over ``data``, base64 (88 characters)."""
        return base64.b64encode(self.private_key.sign(data)).decode("ascii")


def private_key_path(folder: Path | None = None) -> Path:
    """The private key file in ``folder`` (default :func:`key_folder`)."""
    return (folder or key_folder()) / PRIVATE_KEY_NAME


def load_signing_key(folder: Path | None = None, *, create: bool = True) -> SigningKey | None:
    """The installation's key; made on first use when ``create`` (else ``None`` when there is none yet).

    Raises :class:`KeyProblem` when the file cannot be read or written, is not an Ed25519 private key,
    or can be read by others than its owner.
    """
    path = private_key_path(folder)
    if not path.exists() and create:
        _create(path)
    if not path.exists():
        return None
    return SigningKey(path, _read_private(path))


def _create(path: Path) -> None:
    """Write a new key to ``path`` atomically, 0600; a key another process wrote meanwhile is kept."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        make_private_dirs(path.parent)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), PRIVATE_MODE)
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # a key made meanwhile by another process wins
            place_new(partial, path, pem)  # never replaces an existing key
    except OSError as error:
        raise KeyProblem(f"cannot create the signing key {path}: {error.strerror}") from error
    finally:
        partial.unlink(missing_ok=True)


def _read_private(path: Path) -> Ed25519PrivateKey:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyProblem(f"the signing key {path} can be read by others (mode {mode:04o}); run: chmod 600 {path}")
        data = _read_small(path)
        key = serialization.load_pem_private_key(data, password=None)
    except OSError as error:
        raise KeyProblem(f"cannot read the signing key {path}: {error.strerror}") from error
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise KeyProblem(f"{path} is not an unencrypted PEM private key") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{path} holds a private key that is not Ed25519")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in the PEM file at ``path`` (:class:`KeyProblem` with the reason otherwise)."""
    try:
        data = _read_small(path)
    except OSError as error:
        raise KeyProblem(f"cannot read the public key {path}: {error.strerror}") from error
    if b"PRIVATE KEY" in data:
        raise KeyProblem(f"{path} holds a private key; give the public key (`course certificate public-key` prints it)")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise KeyProblem(f"{path} is not a PEM public key") from error
    if not isinstance(key, Ed25519PublicKey):
        raise KeyProblem(f"{path} holds a public key that is not Ed25519")
    return key


def _read_small(path: Path) -> bytes:
    with path.open("rb") as file:
        data = file.read(MAX_KEY_FILE + 1)
    if len(data) > MAX_KEY_FILE:
        raise KeyProblem(f"{path} is too large to be a key file")
    return data
