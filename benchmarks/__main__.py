"""``python -m benchmarks``: run every benchmark and print its table."""

from __future__ import annotations

import sys

from benchmarks.search_bench import main

if __name__ == "__main__":
    sys.exit(main())
