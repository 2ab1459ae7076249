"""``python -m course`` does the same as the ``course`` command."""

from course.cli import main

raise SystemExit(main())
