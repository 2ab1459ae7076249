"""``course certificate issue|verify|public-key`` and ``course transcript``: the clinician track's records.

The engine (``study.ce``) decides whether a certificate may be issued and what it states; this module
composes it with ``course.certificates``, which signs the payload, writes the PDF and verifies one.
Nothing heavy is imported until one of these commands runs.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_context import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, CommandError, check_output_folder, learner_records
from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.engine import Study

TRANSCRIPT_FORMATS = ("pdf", "csv", "json")


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``certificate`` (``issue``, ``verify``, ``public-key``) and ``transcript`` to the ``course`` sub-parsers."""
    certificate = commands.add_parser(
        "certificate",
        help="issue or verify a CE certificate, or print this installation's public key",
        description="Issue the signed CE certificate (PDF) once every requirement is met, check one, or print the public key that checks them.",
    )
    actions = certificate.add_subparsers(dest="certificate_command", title="commands", metavar="COMMAND", required=True)
    issue = actions.add_parser(
        "issue",
        help="write the learner's certificate PDF, or list what is still missing",
        description="Issue the learner's certificate and write it as a signed PDF (default: certificate-<id>.pdf here). "
        "Exit 0 when written, 1 when a requirement is not met (each is listed), 2 for usage errors.",
    )
    issue.add_argument("--output", "-o", metavar="FILE", type=Path, help="where to write the PDF (default: certificate-<id>.pdf)")
    issue.add_argument("--force", action="store_true", help="replace FILE if it exists")
    options(issue, ("course", "db", "learner"))
    verify = actions.add_parser(
        "verify",
        help="check a certificate PDF's signature, embedded copies and text",
        description="Check that FILE is a certificate signed by the key and not altered since. "
        "Exit 0 when valid, 1 when altered or not a certificate, 2 for usage errors.",
    )
    verify.add_argument("file", metavar="FILE", type=Path, help="the certificate PDF")
    verify.add_argument(
        "--key", metavar="PUBLIC_KEY_PEM_FILE", type=Path, help="the issuer's public key (default: this installation's key)"
    )
    actions.add_parser(
        "public-key",
        help="print this installation's public key (PEM), for an institution to publish",
        description="Print the public half of this installation's signing key (made on first use; "
        "the private key stays in the key folder, readable by you only, and is never printed).",
    )
    transcript = commands.add_parser(
        "transcript",
        help="a learner's transcript: completed modules, scores, engaged time, credit, certificate ids",
        description="Write the learner's transcript as PDF (default file transcript-<course>-<learner>.pdf), "
        "or CSV or JSON (default: standard output). -o - writes any format to standard output.",
    )
    transcript.add_argument("--format", choices=TRANSCRIPT_FORMATS, required=True, help="pdf, csv or json")
    transcript.add_argument("--output", "-o", metavar="FILE", help="where to write it ('-' for standard output)")
    transcript.add_argument("--force", action="store_true", help="replace FILE if it exists")
    options(transcript, ("course", "db", "learner"))


def run(args: argparse.Namespace) -> int | None:
    """Run a certificate or transcript command; the exit code (``None``: not one of these commands)."""
    from course.certificates.errors import CertificateError

    if args.command not in ("certificate", "transcript"):
        return None
    try:
        if args.command == "transcript":
            return _transcript(args)
        if args.certificate_command == "verify":
            return _verify(args.file, args.key)
        if args.certificate_command == "public-key":
            return _public_key()
        return _issue(args)
    except CertificateError as error:
        raise CommandError(str(error), EXIT_USAGE) from None


def _public_key() -> int:
    from course.certificates.keys import fingerprint, load_signing_key, public_pem

    key = load_signing_key(create=True)
    assert key is not None  # made on first use
    print(public_pem(key.public_key), end="")
    print(f"course: key {fingerprint(key.public_key)} (the private key is {key.path}, never printed)", file=sys.stderr)
    return EXIT_OK


def _verify(path: Path, key_file: Path | None) -> int:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from course.certificates.errors import NotACertificate
    from course.certificates.keys import load_public_key, load_signing_key, private_key_path
    from course.certificates.verify import verify_file

    public_key: Ed25519PublicKey
    if key_file is not None:
        public_key = load_public_key(key_file)
    else:
        own = load_signing_key(create=False)
        if own is None:
            raise CommandError(
                f"this installation has no signing key yet ({private_key_path()}): give the issuer's public key with --key FILE"
            )
        public_key = own.public_key
    if not path.is_file():
        raise CommandError(f"no such file: {path}")
    try:
        verification = verify_file(path, public_key)
    except NotACertificate as error:
        print(f"course: error: {path} is not a certificate: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if verification.valid:
        print(verification.summary())
        return EXIT_OK
    print(f"invalid: {path}")
    for problem in verification.problems:
        print(f"  {problem}")
    return EXIT_PROBLEMS


def _issue(args: argparse.Namespace) -> int:
    from course.certificates.certificate_pdf import check_drawable, default_file_name, write_certificate
    from course.certificates.errors import CertificateError
    from course.certificates.keys import load_signing_key
    from course.engine.ce_results import NoActivity

    if args.output is not None:
        _check_new_file(args.output, args.force)
    else:
        check_output_folder(Path.cwd())  # where certificate-<id>.pdf goes
    with _study(args) as study:
        key = load_signing_key(create=True)  # before issuing: a key problem must not leave a certificate unwritten
        assert key is not None
        try:
            issued = study.ce.issue(study.learner.clock(), check=check_drawable)  # nothing stored that cannot be drawn
        except NoActivity as error:
            raise CommandError(str(error), EXIT_PROBLEMS) from None
        except CertificateError as error:
            raise CommandError(f"no certificate was issued: {error}", EXIT_PROBLEMS) from None
        learner = study.records.learner
    if isinstance(issued, list):
        print(f"no certificate yet for {learner}: {len(issued)} requirement(s) not met")
        for requirement in issued:
            print(f"  [ ] {requirement.label}: {requirement.detail}")
        return EXIT_PROBLEMS
    target = args.output or Path(default_file_name(issued))
    try:
        write_certificate(issued, target, key, force=args.force)
    except FileExistsError:
        raise CommandError(f"{target} exists: give --force to replace it, or -o another file") from None
    print(f"issued certificate {issued.certificate_id} to {learner}: {target}")
    return EXIT_OK


def _transcript(args: argparse.Namespace) -> int:
    from course.certificates import transcript as formats
    from course.certificates.files import safe_name, write_new_file

    if args.output not in (None, "-"):
        _check_new_file(Path(args.output), args.force)
    elif args.output is None and args.format == "pdf":
        check_output_folder(Path.cwd())  # where transcript-<course>-<learner>.pdf goes
    with _study(args) as study:
        record = study.ce.transcript(study.learner.clock())
    if args.format == "pdf":
        data = formats.transcript_pdf(record)
    else:
        data = (formats.transcript_json(record) if args.format == "json" else formats.transcript_csv(record)).encode("utf-8")
    if args.output == "-" or (args.output is None and args.format != "pdf"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    name = f"transcript-{safe_name(record.course_id, 'course')}-{safe_name(record.learner, 'learner')}.pdf"
    target = Path(args.output) if args.output else Path(name)
    _check_new_file(target, args.force)
    try:
        write_new_file(target, data, force=args.force)
    except FileExistsError:
        raise CommandError(f"{target} exists: give --force to replace it, or -o another file") from None
    print(f"wrote the transcript of {record.learner} to {target}")
    return EXIT_OK


def _check_new_file(path: Path, force: bool) -> None:
    """Refuse an output the certificate files cannot take: one that exists (unless ``force``; never a
    folder or a device), or a folder that is missing or not writable (the file is written beside it first)."""
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise CommandError(f"cannot write {path}: it is not a regular file")
        if not force:
            raise CommandError(f"{path} exists: give --force to replace it, or -o another file")
    check_output_folder(path.parent, path)


@contextlib.contextmanager
def _study(args: argparse.Namespace) -> Iterator[Study]:
    """The learner the global options name taking the course they name, the store closed afterwards."""
    from course.engine import Study

    with learner_records(args.course, args.db, args.learner) as (course, progress):
        yield Study(course, progress)
