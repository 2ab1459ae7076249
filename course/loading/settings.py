"""The learner's settings file (TOML, in the user config folder): key bindings and defaults.

A wrong setting never stops the course: it is reported in plain words and the default is kept.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

THEMES = ("dark", "light", "high-contrast")
SETTINGS_ENV = "COURSE_SETTINGS"


@dataclass
class Settings:
    """What the settings file asked for (``keys``: binding id -> key or comma-separated keys)."""

    keys: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    plain: bool = False


def settings_path() -> Path:
    """``$COURSE_SETTINGS``, else ``settings.toml`` in the user config folder."""
    if os.environ.get(SETTINGS_ENV):
        return Path(os.environ[SETTINGS_ENV])
    import platformdirs

    return platformdirs.user_config_path("plasticity-course") / "settings.toml"


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in ``path`` (a missing file means defaults) and a message for each problem."""
    path = path or settings_path()
    settings = Settings()
    if not path.exists():
        return settings, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return settings, [f"{path}: cannot read the settings file ({error}); using the defaults"]
    except tomllib.TOMLDecodeError as error:
        return settings, [f"{path}: {error}; using the defaults"]
    problems: list[str] = []
    for key, value in data.items():
        if key == "keys" and isinstance(value, dict):
            for binding_id, keys in value.items():
                if isinstance(keys, str) and keys.strip():
                    settings.keys[str(binding_id)] = keys.strip()
                else:
                    problems.append(f'{path}: [keys] {binding_id} must be a key name such as "x" or "ctrl+x"; default kept')
        elif key == "theme" and value in THEMES:
            settings.theme = value
        elif key == "theme":
            problems.append(f"{path}: theme must be one of {', '.join(THEMES)}, not {value!r}; default kept")
        elif key == "plain" and isinstance(value, bool):
            settings.plain = value
        elif key in ("keys", "plain"):
            problems.append(f"{path}: '{key}' has the wrong type; default kept")
        else:
            problems.append(f"{path}: unknown setting '{key}' (known: keys, theme, plain); ignored")
    return settings, problems
