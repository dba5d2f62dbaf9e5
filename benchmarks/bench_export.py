"""Export: 1,000 and 10,000 interviews to JSON Lines, Markdown and iCalendar (or JSON
where JSON Lines is not installed): interviews per second and peak memory; the
baseline of the 10,000 is the 1,000 (an export that scales linearly keeps the
ratio of its time per interview near 1)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from data import Shape, build_workspace
from harness import HERE, PYTHON, Result, child_env, heading, median, run_child, show

BENCHMARK = "export"
WANTED = (("jsonl", "json"), ("markdown",), ("ics",))
"""Each export measured: the first of these formats that is installed."""
TARGET_SCALING = 1.5
"""Time per interview at 10,000 over time per interview at 1,000: near-linear."""


def run(quick: bool) -> list[Result]:
    sizes = (200, 1_000) if quick else (1_000, 10_000)
    heading(f"Export: {sizes[0]:,} and {sizes[1]:,} interviews")
    installed = json.loads(
        run_child([PYTHON, str(HERE / "worker.py"), "formats"], env=child_env())
        .check("worker formats")
        .stdout
    )
    formats = []
    for choices in WANTED:
        found = next((f for f in choices if f in installed), None)
        if found is None:
            print(f"  skipped {' or '.join(choices)}: not installed (installed: {installed})")
        else:
            formats.append(found)
    repeat = 1 if quick else 3
    results = []
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        figures: dict[tuple[str, int], tuple[float, float, int]] = {}
        for size in sizes:
            db = Path(tmp) / f"export{size}.db"
            shape = Shape(
                contacts=size // 2, interviews=size, targets=20, open_interviews=size // 10
            )
            build_workspace(db, shape)
            for format in formats:
                out = Path(tmp) / f"out{size}.{format}"
                runs = [
                    run_child(
                        [PYTHON, str(HERE / "worker.py"), "export", str(db), format, str(out)],
                        env=child_env(),
                    ).check(f"worker export {format}")
                    for _ in range(repeat)
                ]
                seconds = median([json.loads(r.stdout)["seconds"] for r in runs])
                size_bytes = json.loads(runs[0].stdout)["bytes"]
                figures[format, size] = (seconds, max(r.max_rss_mb for r in runs), size_bytes)
        small, big = sizes
        for format in formats:
            (s_small, m_small, b_small), (s_big, m_big, b_big) = (
                figures[format, small],
                figures[format, big],
            )
            per_small, per_big = s_small / small * 1e6, s_big / big * 1e6
            results.append(
                Result(
                    BENCHMARK,
                    f"export {format}: {big:,} interviews, time per interview",
                    per_big,
                    "us",
                    f"the same at {small:,}",
                    per_small,
                    f"ratio <= {TARGET_SCALING}",
                    per_big / per_small <= TARGET_SCALING,
                    {
                        "interviews per second": f"{big / s_big:,.0f} at {big:,},"
                        f" {small / s_small:,.0f} at {small:,}",
                        "whole export": f"{s_big:.2f} s ({b_big / 1e6:.1f} MB) at {big:,},"
                        f" {s_small:.2f} s ({b_small / 1e6:.2f} MB) at {small:,}",
                    },
                )
            )
            results.append(
                Result(
                    BENCHMARK,
                    f"export {format}: {big:,} interviews, peak memory",
                    m_big,
                    "MB",
                    f"the same at {small:,}",
                    m_small,
                )
            )
    for result in results:
        show(result)
    return results
