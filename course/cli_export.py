"""``course export``: everything recorded for one learner in one course, as JSON, CSV tables or xAPI
statements (JSON Lines).

Export only reads: the progress database must exist (it is never created), the learner must have
records, and the output is checked before any work, so a mistake costs one line and exit 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_context import EXIT_OK, CommandError, check_output_file, check_output_folder, learner_records

if TYPE_CHECKING:
    from course.xapi.statements import Projection

BASE_ENV = "COURSE_XAPI_BASE"


def cmd_export(
    course_path: Path | None, db_path: Path | None, learner: str | None, output: Path | None, fmt: str = "json"
) -> int:
    """``course export``: one learner's records (with no --learner: the only learner, else "default")."""
    from progress_store.export import export_learner

    _check_output(fmt, output)
    with learner_records(course_path, db_path, learner) as (_, progress):
        data = export_learner(progress)
        if fmt == "xapi":
            from course.xapi.statements import project, to_json_lines
            from progress_store import xapi_queue

            text = to_json_lines(project(xapi_queue.events(progress), projection(None)))
    if fmt == "csv":
        assert output is not None
        _write_csv(output, data)
    elif fmt == "xapi":
        _write(output, text)
    else:
        _write(output, json.dumps(data, indent=2, ensure_ascii=False) + "\n")  # 0600: it holds the learner's notes
    return EXIT_OK


def projection(base: str | None) -> Projection:
    """The xAPI projection for IRIs under ``base`` (else ``$COURSE_XAPI_BASE``, else a placeholder)."""
    from course.xapi.statements import DEFAULT_BASE_IRI, Projection

    try:
        return Projection(base or os.environ.get(BASE_ENV) or DEFAULT_BASE_IRI)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _check_output(fmt: str, output: Path | None) -> None:
    """Refuse an output that cannot be written, before the course is loaded or the store opened."""
    if fmt == "csv":
        if output is None:
            raise CommandError("--format csv writes several files: name a folder or a .zip file with --output")
        if output.suffix.lower() == ".zip":
            check_output_file(output)
        else:
            _check_new_folder(output)
    elif output is not None:
        check_output_file(output)


def _check_new_folder(folder: Path) -> None:
    """``folder`` is a writable folder, or can be made in one (its parent must exist)."""
    if folder.exists():
        if not folder.is_dir():
            raise CommandError(f"cannot write into {folder}: it is not a folder")
        check_output_folder(folder)
    else:
        check_output_folder(folder.parent, folder)


def _write(output: Path | None, text: str) -> None:
    """``text`` to standard output, or to ``output`` readable by you only (0600)."""
    from progress_store import StoreError
    from progress_store.export import write_private_text

    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_private_text(output, text)
    except StoreError as error:
        raise CommandError(str(error)) from None


def _write_csv(output: Path, data: dict[str, Any]) -> None:
    """One CSV file a table into the folder ``output``, or into the zip file ``output`` if it ends in ``.zip``."""
    import zipfile

    from course.xapi.records_csv import csv_files

    files = csv_files(data)
    if output.suffix.lower() == ".zip":
        try:
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in files.items():
                    archive.writestr(name, text)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from None
        return
    try:
        output.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create {output}: {error.strerror}") from None
    for name, text in files.items():
        _write(output / name, text)
