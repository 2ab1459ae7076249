"""What the commands that talk to a Learning Record Store share: its options and the credentials.

``course push`` and ``course stats --lrs`` take the same ``--lrs``, ``--user``/``--password`` or
``--token``, ``--credentials FILE`` (TOML, readable by its owner only) and ``--base-iri``; the
environment (``COURSE_LRS_USER``, ``COURSE_LRS_PASSWORD``, ``COURSE_LRS_TOKEN``) fills what they
leave out. No credential is ever printed.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from course.cli_context import CommandError
from course.cli_export import BASE_ENV

if TYPE_CHECKING:
    from course.lrs_client import Credentials, LrsClient


def add_lrs_options(parser: argparse.ArgumentParser, lrs_help: str) -> None:
    """Add ``--lrs`` (with ``lrs_help``), the credential options and ``--base-iri`` to ``parser``."""
    parser.add_argument("--lrs", metavar="URL", help=lrs_help)
    parser.add_argument("--user", help="HTTP Basic user (or $COURSE_LRS_USER)")
    parser.add_argument("--password", help="HTTP Basic password (or $COURSE_LRS_PASSWORD; prefer a credentials file)")
    parser.add_argument("--token", help="bearer token (or $COURSE_LRS_TOKEN)")
    parser.add_argument("--credentials", metavar="FILE", type=Path, help="a TOML file readable by you alone")
    parser.add_argument(
        "--base-iri", metavar="IRI", help=f"base of actor and activity IRIs (default: ${BASE_ENV} or a placeholder)"
    )


def check_credential_options(args: argparse.Namespace) -> None:
    """Refuse conflicting credentials before any work."""
    if args.token is not None and (args.user is not None or args.password is not None):
        raise CommandError("give --user/--password or --token, not both")


def lrs_address(lrs: str) -> str:
    """The statements address of ``--lrs`` (what the store records as the LRS a statement went to)."""
    from course.lrs_client import statements_url

    try:
        return statements_url(lrs)
    except ValueError as error:
        raise CommandError(str(error)) from None


def lrs_client(args: argparse.Namespace) -> LrsClient:
    """The client for ``--lrs`` with the credentials the options, the file or the environment give."""
    from course.lrs_client import LrsClient

    try:
        return LrsClient(args.lrs, _credentials(args))
    except ValueError as error:
        raise CommandError(str(error)) from None


def _credentials(args: argparse.Namespace) -> Credentials:
    """Flags first, then the credentials file, then the environment."""
    from course.lrs_client import Credentials

    found: dict[str, str | None] = {
        "user": os.environ.get("COURSE_LRS_USER"),
        "password": os.environ.get("COURSE_LRS_PASSWORD"),
        "token": os.environ.get("COURSE_LRS_TOKEN"),
    }
    if args.credentials is not None:
        found.update(_credentials_file(args.credentials))
    for key in ("user", "password", "token"):
        if getattr(args, key) is not None:
            found[key] = getattr(args, key)
    if found["token"] and found["user"] and (args.token or args.user):
        found.update({"user": None, "password": None} if args.token else {"token": None})
    return Credentials(user=found["user"], password=found["password"], token=found["token"])


def _credentials_file(path: Path) -> dict[str, str]:
    """``user``/``password``/``token`` from a TOML file that only its owner can read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise CommandError(f"{path} is readable by others (mode {stat.S_IMODE(mode):o}); chmod 600 it")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError:
        raise CommandError(f"{path} is not a TOML file of user/password or token") from None
    unknown = sorted(set(data) - {"user", "password", "token"})
    if unknown or not all(isinstance(v, str) for v in data.values()):
        raise CommandError(f"{path}: only the string keys user, password and token are allowed")
    return {str(k): str(v) for k, v in data.items()}
