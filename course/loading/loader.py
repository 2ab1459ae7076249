"""Load a course folder into models, collecting every problem with its file, line and column."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from course.domain.models import Course, CourseFile, GlossaryFile, Module, ModuleFile, ReferencesFile
from course.loading.declared import DECLARES, Declared
from course.loading.findings import CourseError, Finding
from course.loading.loaded import Loaded
from course.loading.markdown_lesson import is_lesson, read_markdown_lesson
from course.loading.safe_read import outside
from course.loading.toml_file import TomlFile, read_toml
from lessons.model import Lesson
from quizzes.quiz import Quiz

M = TypeVar("M", bound=BaseModel)
SPECIAL_FILES = {"module.toml", "quiz.toml"}


def bundled_course_path() -> Path:
    """The folder of the flagship course shipped inside this package."""
    return Path(__file__).resolve().parent.parent / "content" / "plasticity"


def find_course_root(path: Path) -> Path | None:
    """The course folder holding ``path`` (a folder with course.toml), searching upwards."""
    path = resolved_folder(path)
    for candidate in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (candidate / "course.toml").is_file():
            return candidate
    return None


def resolved_folder(path: Path) -> Path:
    """``path`` with its folder resolved but not its last part, unless that is a folder: a file that is
    a link is judged where it stands (its course, its folder), never where it leads."""
    absolute = Path(os.path.abspath(path))
    return absolute.resolve() if absolute.is_dir() else absolute.parent.resolve() / absolute.name


def read_course(root: Path) -> Loaded:
    """Read and validate every file of the course at ``root``; cross-file lints run separately."""
    root = root.resolve()
    loaded = Loaded(root)
    if not os.path.lexists(root / "course.toml"):
        loaded.findings.append(
            Finding(root / "course.toml", 1, 1, "error", "E003", "missing course.toml: every course folder needs one")
        )
        return loaded
    course_file = _validated(loaded, root / "course.toml", CourseFile)
    glossary = _validated(loaded, root / "glossary.toml", GlossaryFile) if _present(root / "glossary.toml") else GlossaryFile()
    references = (
        _validated(loaded, root / "references.toml", ReferencesFile) if _present(root / "references.toml") else ReferencesFile()
    )
    modules = [m for m in (_read_module(loaded, folder) for folder in _module_folders(loaded)) if m is not None]
    if course_file is not None and glossary is not None and references is not None and not loaded.errors:
        loaded.course = Course(
            path=root,
            info=course_file.course,
            modules=modules,
            glossary=glossary.term,
            references=references.reference,
            ce=course_file.ce,
        )
    return loaded


def load_course(root: Path) -> Course:
    """The course at ``root``, fully checked; raises :class:`CourseError` listing every error."""
    from course.loading.lint import lint  # the cross-file checks, imported only when a course is checked

    loaded = read_course(root)
    loaded.findings.extend(lint(loaded, item_writing=False))
    if loaded.errors or loaded.course is None:
        raise CourseError(sorted(loaded.findings))
    return loaded.course


def _module_folders(loaded: Loaded) -> list[Path]:
    modules_dir = loaded.root / "modules"
    if not modules_dir.is_dir():
        loaded.findings.append(
            Finding(modules_dir, 1, 1, "error", "E003", "missing modules/ folder: a course needs at least one module")
        )
        return []
    folders = []
    for folder in sorted(p for p in modules_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if outside(loaded.root, folder):
            loaded.findings.append(Finding(folder, 1, 1, "error", "E002", "links outside the course folder; it is skipped"))
            continue
        folders.append(folder)
    return folders


def _read_module(loaded: Loaded, folder: Path) -> Module | None:
    if not _present(folder / "module.toml"):
        loaded.findings.append(
            Finding(folder / "module.toml", 1, 1, "error", "E003", f"missing module.toml in module folder '{folder.name}'")
        )
        return None
    meta = _validated(loaded, folder / "module.toml", ModuleFile)
    lessons = []
    for path in sorted(p for p in folder.iterdir() if _is_lesson_file(p, loaded.root)):
        lesson = _validated(loaded, path, Lesson)  # one that links outside is refused unread (E002)
        if lesson is not None:
            lessons.append(lesson)
    quiz = _validated(loaded, folder / "quiz.toml", Quiz) if _present(folder / "quiz.toml") else None
    if meta is None:
        return None
    return Module(**meta.model_dump(by_alias=True), lessons=lessons, quiz=quiz)


def _present(path: Path) -> bool:
    """Whether there is anything at ``path`` (a dangling link or a FIFO too: reading it says what is wrong)."""
    return os.path.lexists(path)


def _is_lesson_file(path: Path, root: Path) -> bool:
    """A lesson: any ``*.toml`` but module.toml and quiz.toml, or a Markdown lesson (``01-topic.md``).

    Anything so named but a folder counts (a FIFO, a device, a dangling link): reading it reports it.
    """
    if path.name.startswith(".") or path.is_dir():
        return False
    if path.suffix == ".toml":
        return path.name not in SPECIAL_FILES
    return path.suffix == ".md" and is_lesson(path, root)


def read_file(path: Path, root: Path | None = None) -> TomlFile:
    """Read one course file (of the course at ``root``): TOML, or a Markdown lesson with front matter."""
    return read_markdown_lesson(path, root) if path.suffix == ".md" else read_toml(path, root)


def _validated(loaded: Loaded, path: Path, model: type[M]) -> M | None:
    """Parse ``path`` and validate it as ``model``, recording the file and any findings.

    A file with syntax errors is validated on what could be recovered of it, so its other problems
    show in the same run; only a file that parsed and validated whole becomes a model.
    """
    parsed = read_file(path, loaded.root)
    loaded.files[path] = parsed
    loaded.kinds[path] = model
    loaded.findings.extend(parsed.findings)
    content = parsed.content
    if content is None:
        return None
    try:
        instance = model.model_validate(content, strict=True)
    except ValidationError as error:
        from course.loading.toml_errors import validation_findings  # only a file with problems needs it

        found = validation_findings(
            path, error, content, parsed.positions, model, dropped=parsed.dropped_keys, dropped_lines=parsed.dropped_lines
        )
        loaded.findings.extend(found)
        return None
    if parsed.data is None or parsed.findings:
        return None
    loaded.models[path] = instance
    return instance


def model_for(path: Path) -> type[BaseModel]:
    """The model a lone course file is checked against, from its name."""
    models: dict[str, type[BaseModel]] = {
        "course.toml": CourseFile,
        "glossary.toml": GlossaryFile,
        "references.toml": ReferencesFile,
        "module.toml": ModuleFile,
        "quiz.toml": Quiz,
    }
    return models.get(path.name, Lesson)


def read_single_file(path: Path) -> Loaded:
    """Check one file that is not inside any course folder, against the model its name implies
    (a lesson's links too, as far as they can be judged without the course's other files)."""
    path = resolved_folder(path)
    loaded = Loaded(path.parent)
    model = model_for(path)
    _validated(loaded, path, model)
    content = loaded.files[path].content
    if model is Lesson and content is not None:
        from course.loading.lint_links import lesson_link_findings

        nothing_known = Declared(unknowable={kind for kinds in DECLARES.values() for kind, _ in kinds})
        loaded.findings.extend(lesson_link_findings(path, loaded.files[path], content, nothing_known))
    return loaded
