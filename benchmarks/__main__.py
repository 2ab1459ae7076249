"""``python -m benchmarks``: run every benchmark and print its table.

python -m benchmarks            # search, then opening lessons
python -m benchmarks search ... # one of them, with its own options
python -m benchmarks lesson ...
"""

from __future__ import annotations

import sys

from benchmarks import lesson_bench, search_bench

BENCHMARKS = {"search": search_bench.main, "lesson": lesson_bench.main}


def run(argv: list[str]) -> int:
    if argv and argv[0] in BENCHMARKS:
        return BENCHMARKS[argv[0]](argv[1:])
    status = search_bench.main(argv)
    print()
    return status or lesson_bench.main([])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
