"""The plain front end (``course --plain``): lines out, lines in, for screen readers and limited terminals."""
