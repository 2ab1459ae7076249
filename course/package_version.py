"""The installed package's version, looked up once a process (the metadata lookup costs ~10 ms)."""

from __future__ import annotations

from functools import lru_cache

PACKAGE = "plasticity-course"


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version of plasticity-course ("unknown" when it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - a source tree never installed
        return "unknown"
