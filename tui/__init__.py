"""The front ends: the Textual app (``tui.textual_app``) and plain mode (``tui.plain``), independent of each other."""
