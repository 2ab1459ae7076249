"""``course import-gift`` and ``course export-gift``: Moodle GIFT question banks in and out.

``import-gift FILE --module MODULE`` adds the questions of a GIFT file to the module's quiz.toml
(creating it when there is none, never rewriting what is there); ``export-gift DIR`` writes a module's
questions (or, for a course folder, every module's) as GIFT. The work is in ``course.authoring.gift``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_author import EXIT_OK, EXIT_PROBLEMS, add_course_option, error, shown
from course.cli_context import CommandError, check_output_file
from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.authoring.gift.importer import Plan


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``import-gift`` and ``export-gift`` to the ``course`` sub-parsers."""
    importer = commands.add_parser(
        "import-gift",
        help="turn a Moodle GIFT question bank into quiz questions of a module",
        description="Read a Moodle GIFT file and add its questions to the module's quiz.toml (created if missing; "
        "what is there is kept as it is). --module takes what `course new` takes: a module folder (a path, or its "
        "name in modules/) or a module id. Questions this project cannot hold (essay, description, cloze) are listed, not "
        "dropped silently. Exit 0 when questions were added, 1 when the file has errors (nothing is written), 2 for "
        "usage errors.",
    )
    importer.add_argument("file", type=Path, metavar="FILE", help="the GIFT file (UTF-8 text, as Moodle exports it)")
    importer.add_argument(
        "--module",
        required=True,
        metavar="MODULE",
        help="the module: its folder (a path, or its name in modules/) or its module id",
    )
    add_course_option(importer, "the course the module is in")
    importer.add_argument(
        "--objective", metavar="ID", help="the objective the questions assess (default: the module's first objective)"
    )
    importer.add_argument("--dry-run", action="store_true", help="print the TOML that would be added; write nothing")
    exporter = commands.add_parser(
        "export-gift",
        help="write a module's (or a whole course's) quiz questions as Moodle GIFT",
        description="Write the quiz questions of a module folder, or of every module of a course folder, as GIFT "
        "(to standard output unless --output). Ordering questions have no GIFT form and are listed as not exported.",
    )
    exporter.add_argument("path", type=Path, metavar="DIR", help="a module folder, or a course folder for every module")
    exporter.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the GIFT to FILE (it must not exist)")
    exporter.add_argument("--force", action="store_true", help="with --output: replace FILE if it exists")


def run(args: argparse.Namespace) -> int | None:
    """Run ``import-gift`` or ``export-gift``; the exit code (``None``: not one of these commands)."""
    if args.command == "import-gift":
        return _import(args)
    if args.command == "export-gift":
        return _export(args.path, args.output, args.force)
    return None


def _module_folder(course: Path | None, given: str) -> Path:
    """The module folder ``--module`` names, read as ``course new`` reads it: a path, a folder name in
    modules/ or a module id. A folder given by its path that lies in no course is taken as it is."""
    from course.authoring.course_folder import AuthoringError, find_course, resolve_module
    from course.loading.loader import find_course_root

    try:
        return resolve_module(find_course(course, given), given)
    except AuthoringError:
        if course is None and Path(given).is_dir() and find_course_root(Path(given)) is None:
            return Path(given)
        raise


def _import(args: argparse.Namespace) -> int:
    from course.authoring.course_folder import AuthoringError
    from course.authoring.gift.importer import plan_import, write_plan

    gift, dry_run = args.file, args.dry_run
    if not gift.is_file():
        return error(f"no such file: {gift}")
    try:
        plan = plan_import(gift, _module_folder(args.course, args.module), args.objective)
    except AuthoringError as refused:
        return error(str(refused))
    for finding in plan.findings:
        print(finding.format(), file=sys.stderr)
    if plan.errors:
        return error(f"{len(plan.errors)} error(s) in {shown(gift)}; nothing was imported", EXIT_PROBLEMS)
    if not plan.questions:
        return error(f"no question in {shown(gift)} could be imported (see the warnings above)", EXIT_PROBLEMS)
    if dry_run:
        sys.stdout.write(plan.added)
    else:
        try:
            write_plan(plan)
        except OSError as failure:
            return error(f"cannot write {shown(plan.target)}: {failure.strerror or failure}")
    out = sys.stderr if dry_run else sys.stdout
    for line in _summary(plan, dry_run):
        print(line, file=out)
    return EXIT_OK


def _summary(plan: Plan, dry_run: bool) -> list[str]:
    count = len(plan.questions)
    verb = "would import" if dry_run else "imported"
    where = "a new quiz" if plan.creates else "added after what was there"
    lines = [f"{verb} {count} question(s) from {shown(plan.gift)} into {shown(plan.target)} ({where})"]
    own = count - plan.tagged
    how = "given with --objective" if plan.objective_given else "the module's first objective; choose another with --objective ID"
    lines.append(f"objective: '{plan.objective}' for {own} question(s) ({how})")
    if plan.tagged:
        lines.append(f"objective: {plan.tagged} question(s) keep the objective named by their // [tag:ID] comment")
    if plan.categories:
        lines.append(
            f"categories: {len(plan.categories)} $CATEGORY line(s) kept as TOML comments ('# GIFT $CATEGORY: ...') "
            "above the questions that follow them"
        )
    skipped = [f for f in plan.findings if f.code in ("G201", "G202", "G203", "G204")]
    changed = [f for f in plan.findings if f.severity == "warning" and f not in skipped and f.code != "G213"]
    unexplained = [f for f in plan.findings if f.code == "G213"]
    if skipped:
        lines.append(f"not imported: {len(skipped)} question(s), listed above (G201-G204)")
    if changed:
        lines.append(f"changed on import: {len(changed)} warning(s) above say what (G210-G215)")
    if unexplained:
        lines.append(f"no explanation: {len(unexplained)} question(s) had no #### general feedback (G213); write one")
    lines.append(f"check it: course validate {shown(plan.course_root or plan.target.parent)}")
    return lines


def _export(target: Path, output: Path | None, force: bool) -> int:
    from course.authoring.course_folder import module_id
    from course.authoring.gift.export import export_quizzes
    from course.loading.findings import CourseError
    from course.loading.loader import find_course_root, load_course

    if not target.is_dir():
        return error(f"no such folder: {target}")
    root = find_course_root(target)
    if root is None:
        return error(f"{target} is not inside a course folder (no course.toml found)")
    is_course = target.resolve() == root
    if not is_course and not (target / "module.toml").is_file():
        return error(f"{target} is neither a course folder nor a module folder (no module.toml)")
    if output is not None and output.exists() and not force:
        return error(f"{output} exists; choose another name, or replace it with --force")
    if output is not None:
        try:
            check_output_file(output)  # before the work: a mistake is one line, not the export's notes and then an error
        except CommandError as refused:
            return error(str(refused))
    try:
        course = load_course(root)
    except CourseError as broken:
        for finding in broken.findings:
            print(finding.format(), file=sys.stderr)
        return error("the course has errors; fix them first (see `course validate`)", EXIT_PROBLEMS)
    modules = course.modules if is_course else [m for m in course.modules if m.id == module_id(target)]
    sections = [(f"{course.info.id}/{m.id}", list(m.quiz.questions)) for m in modules if m.quiz is not None]
    heading = f"Exported from course '{course.info.id}' ({course.info.title}) by course export-gift."
    exported = export_quizzes(sections, heading)
    for qid, why in exported.skipped:
        print(f"course: not exported: question '{qid}': {why}", file=sys.stderr)
    for qid, what in exported.changed:
        print(f"course: note: question '{qid}' is exported without {what}", file=sys.stderr)
    if not exported.written:
        return error(f"no question to export in {shown(target)}", EXIT_PROBLEMS)
    summary = f"exported {len(exported.written)} question(s) from {len(sections)} quiz(zes)"
    if output is None:
        sys.stdout.write(exported.text)
        print(summary, file=sys.stderr)
        return EXIT_OK
    try:
        output.write_text(exported.text, encoding="utf-8")
    except OSError as failure:
        return error(f"cannot write {output}: {failure.strerror or failure}")
    print(f"{summary} to {shown(output)}")
    return EXIT_OK
