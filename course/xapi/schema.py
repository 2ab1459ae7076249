"""A JSON Schema (draft 2020-12) of an xAPI 1.0.3 statement, written from the spec's Data part
(https://github.com/adlnet/xAPI-Spec/blob/1.0.3/xAPI-Data.md); section numbers beside each rule.

It covers the statement forms this program writes and reads back: an Agent actor identified by one
inverse functional identifier, a verb, an Activity object (or an Agent, or a StatementRef), result,
context, timestamp, and the properties an LRS adds (stored, authority, version). Rules JSON Schema
cannot say (raw within [min, max], Data 2.4.5.1.1) are checked by :func:`extra_problems`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"  # Data 4.5
_IRI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"  # an absolute IRI (RFC 3987): a scheme, a colon, no spaces (Data 4.1)
_ISO_TIME = (  # ISO 8601 date and time with a zone (Data 2.4.7, 4.5)
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"
)
_DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"  # Data 4.6
_LANGUAGE_MAP = {  # Data 4.2: RFC 5646 tags to strings
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"},
    "additionalProperties": {"type": "string"},
}
_EXTENSIONS = {"type": "object", "propertyNames": {"pattern": _IRI}}  # Data 2.4.6.5: keys are IRIs

_AGENT = {  # Data 2.4.2.1 (Agent) and 2.4.2.3 (exactly one inverse functional identifier)
    "type": "object",
    "properties": {
        "objectType": {"const": "Agent"},
        "name": {"type": "string"},
        "mbox": {"type": "string", "pattern": r"^mailto:[^@\s]+@[^@\s]+$"},
        "mbox_sha1sum": {"type": "string", "pattern": r"^[0-9a-f]{40}$"},
        "openid": {"type": "string", "pattern": _IRI},
        "account": {  # Data 2.4.2.4
            "type": "object",
            "properties": {
                "homePage": {"type": "string", "pattern": r"^https?://\S+$"},
                "name": {"type": "string", "minLength": 1},
            },
            "required": ["homePage", "name"],
            "additionalProperties": False,
        },
    },
    "oneOf": [{"required": [ifi]} for ifi in ("mbox", "mbox_sha1sum", "openid", "account")],
    "additionalProperties": False,
}
_ACTIVITY = {  # Data 2.4.4.1
    "type": "object",
    "properties": {
        "objectType": {"const": "Activity"},
        "id": {"type": "string", "pattern": _IRI},
        "definition": {
            "type": "object",
            "properties": {
                "name": _LANGUAGE_MAP,
                "description": _LANGUAGE_MAP,
                "type": {"type": "string", "pattern": _IRI},
                "moreInfo": {"type": "string", "pattern": r"^https?://\S+$"},
                "extensions": _EXTENSIONS,
                "interactionType": {"type": "string"},
            },
        },
    },
    "required": ["id"],
    "additionalProperties": False,
}
_STATEMENT_REF = {  # Data 2.4.4.3
    "type": "object",
    "properties": {"objectType": {"const": "StatementRef"}, "id": {"type": "string", "pattern": _UUID}},
    "required": ["objectType", "id"],
    "additionalProperties": False,
}
_SCORE = {  # Data 2.4.5.1.1
    "type": "object",
    "properties": {
        "scaled": {"type": "number", "minimum": -1, "maximum": 1},
        "raw": {"type": "number"},
        "min": {"type": "number"},
        "max": {"type": "number"},
    },
    "additionalProperties": False,
}
_RESULT = {  # Data 2.4.5
    "type": "object",
    "properties": {
        "score": _SCORE,
        "success": {"type": "boolean"},
        "completion": {"type": "boolean"},
        "response": {"type": "string"},
        "duration": {"type": "string", "pattern": _DURATION},
        "extensions": _EXTENSIONS,
    },
    "additionalProperties": False,
}
_CONTEXT_ACTIVITIES = {  # Data 2.4.6.2: each a list of activities (an LRS also accepts one, 1.0.3 asks for lists)
    "type": "object",
    "properties": {key: {"type": "array", "items": _ACTIVITY} for key in ("parent", "grouping", "category", "other")},
    "additionalProperties": False,
}
_CONTEXT = {  # Data 2.4.6
    "type": "object",
    "properties": {
        "registration": {"type": "string", "pattern": _UUID},
        "instructor": _AGENT,
        "contextActivities": _CONTEXT_ACTIVITIES,
        "revision": {"type": "string"},
        "platform": {"type": "string"},
        "language": {"type": "string"},
        "statement": _STATEMENT_REF,
        "extensions": _EXTENSIONS,
    },
    "additionalProperties": False,
}

STATEMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://plasticity-course.invalid/xapi/statement-1.0.3.schema.json",
    "title": "xAPI 1.0.3 statement",
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": _UUID},  # Data 2.4.1
        "actor": _AGENT,  # Data 2.4.2
        "verb": {  # Data 2.4.3
            "type": "object",
            "properties": {"id": {"type": "string", "pattern": _IRI}, "display": _LANGUAGE_MAP},
            "required": ["id"],
            "additionalProperties": False,
        },
        "object": {"oneOf": [_ACTIVITY, {**_AGENT, "required": ["objectType"]}, _STATEMENT_REF]},  # Data 2.4.4
        "result": _RESULT,
        "context": _CONTEXT,
        "timestamp": {"type": "string", "pattern": _ISO_TIME},  # Data 2.4.7
        "stored": {"type": "string", "pattern": _ISO_TIME},  # Data 2.4.8, set by the LRS
        "authority": {"type": "object"},  # Data 2.4.9, set by the LRS
        "version": {"type": "string", "pattern": r"^1\.0(\.\d+)?$"},  # Data 2.4.10
        "attachments": {"type": "array"},  # Data 2.4.11
    },
    "required": ["actor", "verb", "object"],  # Data 2.4: the only required properties
    "additionalProperties": False,
}


def extra_problems(statement: Mapping[str, Any]) -> list[str]:
    """Rules of the spec that the schema cannot state: score's min <= raw <= max (Data 2.4.5.1.1)."""
    score = (statement.get("result") or {}).get("score") or {}
    problems = []
    low, raw, high = score.get("min"), score.get("raw"), score.get("max")
    if low is not None and high is not None and low > high:
        problems.append(f"score min {low} is above max {high}")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        problems.append(f"score raw {raw} is outside [min, max]")
    return problems
