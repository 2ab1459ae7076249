"""Benchmarks, run with ``python -m benchmarks``. Not tests: they print timings and assert nothing.

Pure Python: importing this package never imports Textual.
"""
