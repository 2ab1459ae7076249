"""The Textual front end. Receives a loaded Course and the study engine; never reads TOML or SQLite itself."""
