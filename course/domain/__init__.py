"""The course domain: the Course, its modules, glossary and references, and safe text. Pure."""
