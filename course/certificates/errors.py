"""Errors of the certificates package; each message is one line meant for the person at the terminal."""

from __future__ import annotations


class CertificateError(Exception):
    """A certificate, transcript or key could not be made, read or written; ``str()`` says why, in one line."""


class NotACertificate(CertificateError):
    """The file is not a certificate this program wrote (not a PDF, or a PDF with no signed payload in it)."""


class KeyProblem(CertificateError):
    """A signing or public key is missing, unreadable, of the wrong kind or too widely readable."""
