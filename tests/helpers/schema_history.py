"""The store's schema history as the tests expect it: every migration, in order.

Written out once, here, so adding a migration is a deliberate change to one list (and
tests/unit/test_store.py checks the store's own list against it), not an edit to every schema test.
"""

from __future__ import annotations

EXPECTED_MIGRATIONS = [
    "m001_initial",
    "m002_review",
    "m003_notes",
    "m004_attempt_versions",
    "m005_scroll_anchor",
    "m006_ce",
    "m007_xapi_queue",
    "m008_dashboard_indexes",
    "m009_xapi_sent_per_lrs",
]
