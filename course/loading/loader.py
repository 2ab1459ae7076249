"""Load a course folder into models, collecting every problem with its file, line and column."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from course.domain.models import Course, CourseFile, GlossaryFile, Module, ModuleFile, ReferencesFile
from course.loading.findings import CourseError, Finding
from course.loading.lint import lint
from course.loading.loaded import Loaded
from course.loading.toml_errors import validation_findings
from course.loading.toml_file import read_toml
from lessons.model import Lesson
from quizzes.quiz import Quiz

M = TypeVar("M", bound=BaseModel)
SPECIAL_FILES = {"module.toml", "quiz.toml"}


def bundled_course_path() -> Path:
    """The folder of the flagship course shipped inside this package."""
    return Path(__file__).resolve().parent.parent / "content" / "plasticity"


def find_course_root(path: Path) -> Path | None:
    """The course folder holding ``path`` (a folder with course.toml), searching upwards."""
    path = path.resolve()
    for candidate in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (candidate / "course.toml").is_file():
            return candidate
    return None


def read_course(root: Path) -> Loaded:
    """Read and validate every file of the course at ``root``; cross-file lints run separately."""
    root = root.resolve()
    loaded = Loaded(root)
    if not (root / "course.toml").is_file():
        loaded.findings.append(
            Finding(root / "course.toml", 1, 1, "error", "E003", "missing course.toml: every course folder needs one")
        )
        return loaded
    course_file = _validated(loaded, root / "course.toml", CourseFile)
    glossary = _validated(loaded, root / "glossary.toml", GlossaryFile) if (root / "glossary.toml").exists() else GlossaryFile()
    references = (
        _validated(loaded, root / "references.toml", ReferencesFile) if (root / "references.toml").exists() else ReferencesFile()
    )
    modules = [m for m in (_read_module(loaded, folder) for folder in _module_folders(loaded)) if m is not None]
    if course_file is not None and glossary is not None and references is not None and not loaded.errors:
        loaded.course = Course(
            path=root, info=course_file.course, modules=modules, glossary=glossary.term, references=references.reference
        )
    return loaded


def load_course(root: Path) -> Course:
    """The course at ``root``, fully checked; raises :class:`CourseError` listing every error."""
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
        if _outside(loaded.root, folder):
            loaded.findings.append(Finding(folder, 1, 1, "error", "E002", "links outside the course folder; it is skipped"))
            continue
        folders.append(folder)
    return folders


def _read_module(loaded: Loaded, folder: Path) -> Module | None:
    if not (folder / "module.toml").is_file():
        loaded.findings.append(
            Finding(folder / "module.toml", 1, 1, "error", "E003", f"missing module.toml in module folder '{folder.name}'")
        )
        return None
    meta = _validated(loaded, folder / "module.toml", ModuleFile)
    lessons = []
    for path in sorted(p for p in folder.glob("*.toml") if p.name not in SPECIAL_FILES):
        if _outside(loaded.root, path):
            loaded.findings.append(Finding(path, 1, 1, "error", "E002", "links outside the course folder; it is skipped"))
            continue
        lesson = _validated(loaded, path, Lesson)
        if lesson is not None:
            lessons.append(lesson)
    quiz = _validated(loaded, folder / "quiz.toml", Quiz) if (folder / "quiz.toml").is_file() else None
    if meta is None:
        return None
    return Module(**meta.model_dump(by_alias=True), lessons=lessons, quiz=quiz)


def _validated(loaded: Loaded, path: Path, model: type[M]) -> M | None:
    """Parse ``path`` and validate it as ``model``, recording the file and any findings."""
    parsed = read_toml(path)
    loaded.files[path] = parsed
    loaded.findings.extend(parsed.findings)
    if parsed.data is None:
        return None
    try:
        instance = model.model_validate(parsed.data, strict=True)
    except ValidationError as error:
        loaded.findings.extend(validation_findings(path, error, parsed.data, parsed.positions, model))
        return None
    loaded.models[path] = instance
    return instance


def _outside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return True
    return False


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
    """Check one file that is not inside any course folder, against the model its name implies."""
    loaded = Loaded(path.parent.resolve())
    _validated(loaded, path.resolve(), model_for(path))
    return loaded
