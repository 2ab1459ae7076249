"""Course model, loader, lints and the ``course`` command line."""
