"""Run infoint's benchmarks: ``python benchmarks/run.py [--quick] [--only NAME ...]``.

Each benchmark prints its figures next to a baseline measured in the same
run, and their ratio; the summary at the end says which targets are met.
``--quick`` runs small sizes (a smoke check, a minute or two); the full run
takes several minutes. docs/performance.md holds the latest full results.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_agenda_search
import bench_export
import bench_import
import bench_lint
import bench_load
import bench_namesakes
import bench_postgres
import bench_startup
from harness import Result, machine, save

BENCHMARKS = {
    "startup": bench_startup.run,
    "import": bench_import.run,
    "namesakes": bench_namesakes.run,
    "agenda": bench_agenda_search.run,
    "export": bench_export.run,
    "postgres": bench_postgres.run,
    "load": bench_load.run,
    "lint": bench_lint.run,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke check")
    parser.add_argument(
        "--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these benchmarks"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    info = machine()
    print("infoint benchmarks" + (" (quick)" if args.quick else ""))
    for key, value in info.items():
        print(f"  {key}: {value}")
    started = time.perf_counter()
    results: list[Result] = []
    for name in args.only or list(BENCHMARKS):
        results += BENCHMARKS[name](args.quick)
    print(f"\n== Summary ({time.perf_counter() - started:.0f} s)")
    for result in results:
        if not result.target:
            continue
        ratio = f"ratio {result.ratio:.2f}, " if result.ratio is not None else ""
        verdict = "met" if result.met else "NOT MET"
        print(
            f"  {verdict:<8} {result.benchmark}: {result.name}: {ratio}"
            f"{result.value:.3g} {result.unit} (target {result.target})"
        )
    if args.json:
        save(args.json, info, results)
        print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
