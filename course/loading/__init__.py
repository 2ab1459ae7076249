"""Reading courses and settings from disk: TOML to models, located findings, lints, course facts."""
