"""xAPI 1.0.3: the learner's event log projected to statements (pure: events in, statements out).

:mod:`course.xapi.statements` builds the statements, :mod:`course.xapi.schema` is the JSON Schema of
an xAPI 1.0.3 statement they are checked against, and :mod:`course.xapi.lrs` sends them to a
Learning Record Store with the standard library's ``urllib``. See docs/xapi.md.
"""
