"""Question types, grading and review scheduling. Pure Python: never imports Textual."""
