"""Opening a database whose schema is current never imports sqlite-utils (issue #16: ~40 ms of a start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from progress_store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_opening_a_current_database_leaves_sqlite_utils_unimported(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path).close()  # created and migrated: sqlite-utils used here, in this process
    script = (
        "import sys\nfrom progress_store import Store\n"
        f"store = Store.open({str(path)!r})\nstore.learner('ann', 'c1')\nstore.close()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'sqlite_utils'))"
    )
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
