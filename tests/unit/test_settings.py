"""The settings file: keys, theme, plain; every problem reported, defaults kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.loading.settings import Settings, load_settings, settings_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == (Settings(), [])


def test_keys_theme_and_plain(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'theme = "high-contrast"\nplain = true\n[keys]\n"lesson.done" = "x"\n"quiz.next" = "ctrl+n,pagedown"\n'
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert settings == Settings(keys={"lesson.done": "x", "quiz.next": "ctrl+n,pagedown"}, theme="high-contrast", plain=True)


def test_every_problem_is_reported_and_defaults_kept(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "purple"\nplain = "yes"\ncolour = 1\n[keys]\n"lesson.done" = ""\n"lesson.next" = "m"\n')
    settings, problems = load_settings(path)
    assert settings == Settings(keys={"lesson.next": "m"})
    assert len(problems) == 4
    assert any("theme must be one of dark, light, high-contrast, not 'purple'; default kept" in p for p in problems)
    assert any("unknown setting 'colour'" in p for p in problems)
    assert any("[keys] lesson.done must be a key name" in p for p in problems)
    assert any("'plain' has the wrong type" in p for p in problems)


def test_a_broken_file_is_one_message_and_all_defaults(tmp_path: Path) -> None:
    settings, problems = load_settings(write(tmp_path, "theme = \n"))
    assert settings == Settings()
    assert len(problems) == 1 and "using the defaults" in problems[0] and "line 1" in problems[0]


def test_settings_path_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_SETTINGS", str(tmp_path / "mine.toml"))
    assert settings_path() == tmp_path / "mine.toml"
    monkeypatch.delenv("COURSE_SETTINGS")
    assert settings_path() == tmp_path / "config" / "plasticity-course" / "settings.toml"
