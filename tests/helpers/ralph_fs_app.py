"""ralph's LRS app with the two fixes its 5.1.0 ``fs`` backend needs; run by uvicorn inside ralph's own venv.

Checked against ralph-malph 5.1.0 (see docs/xapi.md):
- ``FSLRSBackend.write`` uses the data backends' default operation, ``INDEX``, which refuses to write
  to a file that exists: every POST after the first fails (HTTP 500). Here it appends.
- ``GET /xAPI/statements?verb=...`` (and ``activity=``) hands the backend a pydantic ``IRI`` object,
  which the fs filters compare with the statement's string: no statement ever matches. Here the
  filters get the IRI's text.

Never imported by the test suite itself (ralph is not installed in the project's environment).
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

_write = FSLRSBackend.write
_verb_filter = FSLRSBackend._add_filter_by_verb
_activity_filter = FSLRSBackend._add_filter_by_activity


def _append(self, data, target=None, chunk_size=None, ignore_errors=False, operation_type=None):
    return _write(self, data, target, chunk_size, ignore_errors, operation_type or BaseOperationType.APPEND)


def _by_verb(filters, verb_id):
    return _verb_filter(filters, None if verb_id is None else str(verb_id))


def _by_activity(filters, object_id, related):
    return _activity_filter(filters, None if object_id is None else str(object_id), related)


FSLRSBackend.write = _append
FSLRSBackend._add_filter_by_verb = staticmethod(_by_verb)
FSLRSBackend._add_filter_by_activity = staticmethod(_by_activity)

from ralph.api import app  # noqa: E402  - after the patches, which the app's backend then uses

__all__ = ["app"]
