"""The Textual app. Receives a loaded Course and a progress store; never reads TOML or SQLite itself."""
