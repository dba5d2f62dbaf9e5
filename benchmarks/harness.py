"""What every benchmark shares: running a child and measuring it, results, the machine.

A figure is always shown with the baseline measured in the same run and
their ratio, so a slower or busier machine moves both and the ratio stays
meaningful. Child processes are measured one by one with ``os.wait4``,
which gives each child's own peak resident memory (``ru_maxrss``).
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
INFOINT = str(Path(sys.executable).parent / "infoint")
"""The console script installed next to this interpreter (the one a user runs)."""


@dataclass
class Child:
    """One finished child process."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def check(self, what: str) -> Child:
        if self.returncode != 0:
            raise RuntimeError(f"{what} exited {self.returncode}:\n{self.stderr[-3000:]}")
        return self


def run_child(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
) -> Child:
    """Run ``argv`` to the end; its wall time, its own peak memory and its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Child(
            seconds=seconds,
            max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def child_env(**changes: str | None) -> dict[str, str]:
    """This environment without ``INFOINT_*`` variables, with ``changes`` (None removes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
    env["PYTHONIOENCODING"] = "utf-8"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def interleaved(
    commands: Mapping[str, Callable[[], Child]], rounds: int
) -> dict[str, list[Child]]:
    """Run each command ``rounds`` times, taking turns (and turning the order each round),
    so that a machine that gets busier for a while slows every command alike."""
    names = list(commands)
    found: dict[str, list[Child]] = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            found[name].append(commands[name]())
    return found


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- results


@dataclass
class Result:
    """One figure, its baseline from the same run, their ratio and the target."""

    benchmark: str
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""
    """e.g. ``ratio <= 1.3`` or ``< 100 ms``; empty for a figure shown for information."""
    met: bool | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


def show(result: Result) -> None:
    """Print one result the same way for every benchmark."""
    line = f"  {result.name:<44} {_fmt(result.value)} {result.unit}"
    if result.baseline is not None:
        line += f"  | baseline {_fmt(result.baseline)} {result.unit} ({result.baseline_name})"
        line += f"  | ratio {result.ratio:.2f}"
    if result.target:
        verdict = {True: "met", False: "NOT MET", None: "?"}[result.met]
        line += f"  | target {result.target}: {verdict}"
    print(line, flush=True)
    for key, value in result.details.items():
        print(f"      {key}: {value}", flush=True)


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def heading(title: str) -> None:
    print(f"\n== {title}", flush=True)


# ---------------------------------------------------------------- the machine


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "commit": commit or "?",
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def save(path: Path, info: Mapping[str, str], results: Sequence[Result]) -> None:
    """Write the machine and every result as JSON (for docs/performance.md)."""
    data = {
        "machine": dict(info),
        "results": [{**asdict(r), "ratio": r.ratio} for r in results],
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
