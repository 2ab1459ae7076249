"""The installation's Ed25519 key pair: made on first use in the key folder, private key 0600 PKCS#8 PEM,
reused afterwards, refused when others can read it; public keys read from PEM files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from course.certificates.errors import KeyProblem
from course.certificates.keys import (
    KEY_DIR_ENV,
    PRIVATE_KEY_NAME,
    fingerprint,
    key_folder,
    load_public_key,
    load_signing_key,
    public_pem,
    signature_matches,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_key_is_made_on_first_use_private_to_its_owner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_DIR_ENV, str(tmp_path / "deep" / "keys"))
    old = os.umask(0)  # the modes must not depend on the umask
    try:
        key = load_signing_key()
    finally:
        os.umask(old)
    assert key is not None
    assert key.path == tmp_path / "deep" / "keys" / PRIVATE_KEY_NAME
    assert mode(key.path) == 0o600
    assert mode(key.path.parent) == 0o700
    text = key.path.read_text()
    assert text.startswith("-----BEGIN PRIVATE KEY-----")  # PKCS#8, unencrypted
    assert sorted(p.name for p in key.path.parent.iterdir()) == [PRIVATE_KEY_NAME]  # no partial file left


def test_the_same_key_is_used_afterwards(tmp_path: Path) -> None:
    first = load_signing_key(tmp_path)
    second = load_signing_key(tmp_path)
    assert first is not None and second is not None
    assert fingerprint(first.public_key) == fingerprint(second.public_key)


def test_without_create_a_missing_key_is_none_and_nothing_is_made(tmp_path: Path) -> None:
    assert load_signing_key(tmp_path / "keys", create=False) is None
    assert not (tmp_path / "keys").exists()


def test_the_default_folder_is_in_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert key_folder() == tmp_path / "data" / "plasticity-course" / "keys"


def test_a_key_others_can_read_is_refused(tmp_path: Path) -> None:
    key = load_signing_key(tmp_path)
    assert key is not None
    key.path.chmod(0o644)
    with pytest.raises(KeyProblem, match=r"can be read by others .*; run: chmod 600 "):
        load_signing_key(tmp_path)


def test_a_file_that_is_no_ed25519_private_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / PRIVATE_KEY_NAME
    path.write_text("not a key\n")
    path.chmod(0o600)
    with pytest.raises(KeyProblem, match="not an unencrypted PEM private key"):
        load_signing_key(tmp_path)
    other = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(
        other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    with pytest.raises(KeyProblem, match="not Ed25519"):
        load_signing_key(tmp_path)


def test_a_signature_checks_with_the_public_key_only_over_the_same_bytes(tmp_path: Path) -> None:
    key = load_signing_key(tmp_path)
    assert key is not None
    signature = key.sign(b"payload")
    assert len(signature) == 88
    assert signature_matches(key.public_key, signature, b"payload")
    assert not signature_matches(key.public_key, signature, b"payloaD")
    assert not signature_matches(key.public_key, "not base64!", b"payload")


def test_the_public_pem_reads_back_as_the_same_key(tmp_path: Path) -> None:
    key = load_signing_key(tmp_path / "keys")
    assert key is not None
    pem = tmp_path / "public.pem"
    pem.write_text(public_pem(key.public_key))
    assert pem.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in pem.read_text()
    assert fingerprint(load_public_key(pem)) == fingerprint(key.public_key)


def test_a_private_key_given_as_the_public_key_is_refused(tmp_path: Path) -> None:
    key = load_signing_key(tmp_path)
    assert key is not None
    with pytest.raises(KeyProblem, match="holds a private key"):
        load_public_key(key.path)


@pytest.mark.parametrize("content", [b"", b"hello", b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"])
def test_a_file_that_is_no_public_key_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "key.pem"
    path.write_bytes(content)
    with pytest.raises(KeyProblem, match="not a PEM public key"):
        load_public_key(path)


def test_an_other_kind_of_public_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ec.pem"
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    path.write_bytes(public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    with pytest.raises(KeyProblem, match="not Ed25519"):
        load_public_key(path)


def test_a_missing_public_key_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KeyProblem, match="cannot read the public key"):
        load_public_key(tmp_path / "absent.pem")
