"""The issued certificate in the app: where its PDF goes, writing it off the UI thread, and its fields."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from textual.content import Content
from textual.widgets import Static

from course.certificates import statements
from course.certificates.certificate_pdf import default_file_name, write_certificate
from course.certificates.keys import load_signing_key
from course.domain.certificate import CertificatePayload
from progress_store.paths import APP_NAME
from tui.textual_app.safe_text import plain


def certificate_folder() -> Path:
    """The user's documents folder if there is one, else ``<user data folder>/plasticity-course/certificates``."""
    documents = platformdirs.user_documents_path()
    if documents.is_dir():
        return documents
    return platformdirs.user_data_path(APP_NAME) / "certificates"


def certificate_path(payload: CertificatePayload) -> Path:
    """Where the app writes (and later finds) this certificate's PDF."""
    return certificate_folder() / default_file_name(payload)


def write_certificate_file(payload: CertificatePayload) -> Path:
    """Sign and write the PDF unless it is already there (slow: run it in a thread worker); its path."""
    path = certificate_path(payload)
    if path.is_file():
        return path
    key = load_signing_key(create=True)
    assert key is not None  # created on first use
    path.parent.mkdir(parents=True, exist_ok=True)
    write_certificate(payload, path, key)
    return path


def certificate_fields(payload: CertificatePayload) -> list[tuple[str, str]]:
    """(label, value) of everything the certificate states, in the certificate's words."""
    return [
        ("Certificate id", payload.certificate_id),
        ("Learner", payload.learner),
        ("Activity", payload.activity_title),
        ("Completed on", statements.date_text(payload.completed_on)),
        ("Credit claimed", f"{statements.credit_text(payload.credit_claimed)} {payload.credit_type}"),
        ("Engaged time", f"{payload.engaged_minutes} min"),
        ("Post-test score", f"{payload.post_test_score:.0%}"),
        ("Accreditation", payload.accreditation_statement.strip()),
        ("Designation", payload.designation_statement.strip()),
        ("Issued at", payload.issued_at),
    ]


class CertificateView(Static):
    """The certificate's fields and where its file is."""

    DEFAULT_CSS = """
    CertificateView { border: round $success; padding: 0 1; margin-top: 1; height: auto; }
    """

    def show(self, payload: CertificatePayload, file: Path | None, note: str = "") -> None:
        """Draw the fields; ``file`` is the PDF (``None``: not written yet, ``note`` says why)."""
        lines = [Content.styled("Your certificate", "bold")]
        lines += [
            Content.assemble(Content.styled(f"{label}: ", "bold"), plain(value)) for label, value in certificate_fields(payload)
        ]
        where = f"File: {file}" if file is not None else f"File: {note or 'not written yet (s writes it)'}"
        lines.append(Content.styled(where, "bold"))
        self.update(Content("\n").join(lines))
