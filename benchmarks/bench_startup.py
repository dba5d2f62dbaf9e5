"""Start-up: ``infoint --help`` and ``infoint agenda`` (empty workspace) against
``python -c "import click"``; the median of many runs, taken in turns.

As on a user's machine after the first command: the ``.pyc`` files written (even
when ``PYTHONDONTWRITEBYTECODE`` is set here) and the plugin manager's cache of
entry points filled. ``infoint agenda`` with that cache emptied before every run
is shown for comparison.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from harness import (
    INFOINT,
    PYTHON,
    Child,
    Result,
    child_env,
    heading,
    interleaved,
    median,
    run_child,
    show,
)

BENCHMARK = "startup"
TARGET = 1.3


def run(quick: bool) -> list[Result]:
    heading("Start-up: infoint --help and infoint agenda vs python -c 'import click'")
    rounds = 10 if quick else 40
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as folder:
        cache = Path(folder) / "cache"
        env = child_env(
            INFOINT_DB="sqlite:///" + str(Path(folder) / "empty.db"),
            INFOINT_OWNER="bench",
            XDG_DATA_HOME=str(Path(folder) / "data"),
            XDG_CACHE_HOME=str(cache),
            PYTHONDONTWRITEBYTECODE=None,  # the warm-up writes the .pyc files, as pip does
        )
        commands = {
            "click": [PYTHON, "-c", "import click"],
            "click+pluggy+attrs": [PYTHON, "-c", "import click, pluggy, attrs"],
            "infoint --help": [INFOINT, "--help"],
            "infoint agenda": [INFOINT, "agenda"],
        }
        for name, argv in commands.items():  # warm up: .pyc files, the database, the cache
            run_child(argv, env=env).check(name)
        children = {
            name: functools.partial(run_child, argv, env=env) for name, argv in commands.items()
        }
        children["infoint agenda, cold cache"] = functools.partial(
            _without_cache, cache, commands["infoint agenda"], env
        )
        runs = interleaved(children, rounds)
        ms = {name: median([c.seconds for c in found]) * 1000 for name, found in runs.items()}
        base = ms["click"]
        print(f"  {rounds} runs each, in turns; python -c 'import click': {base:.1f} ms")
        results = []
        for name, target in (("infoint --help", TARGET), ("infoint agenda", TARGET)):
            results.append(
                Result(
                    BENCHMARK,
                    name,
                    ms[name],
                    "ms",
                    "python -c 'import click'",
                    base,
                    f"ratio <= {target}",
                    ms[name] / base <= target,
                    {
                        "min": f"{min(c.seconds for c in runs[name]) * 1000:.1f} ms",
                        "peak memory": f"{max(c.max_rss_mb for c in runs[name]):.0f} MB",
                    },
                )
            )
        results.append(
            Result(
                BENCHMARK,
                "infoint agenda, entry points not cached",
                ms["infoint agenda, cold cache"],
                "ms",
                "python -c 'import click'",
                base,
                details={"why": "the first command after installing or removing a package"},
            )
        )
        results.append(
            Result(
                BENCHMARK,
                "python -c 'import click, pluggy, attrs'",
                ms["click+pluggy+attrs"],
                "ms",
                "python -c 'import click'",
                base,
                details={"why": "STYLE.md's yardstick for --help (shown for comparison)"},
            )
        )
        for result in results:
            show(result)
        run_child(commands["infoint agenda"], env=env).check("infoint agenda")  # fill the cache
        for name in ("infoint --help", "infoint agenda"):
            _show_imports(name, commands[name], env)
    return results


def _without_cache(cache: Path, argv: list[str], env: dict[str, str]) -> Child:
    """Run ``argv`` with the entry-point cache emptied first (not timed)."""
    shutil.rmtree(cache, ignore_errors=True)
    return run_child(argv, env=env)


# Runs the console script (argv[1]) with every import timed, like ``-X importtime`` but
# also counting the modules loaded with importlib.import_module (the built-in plugins,
# the installed ones, the command's own module), which -X importtime leaves out. Each
# module's own time (without the imports it makes) is printed on the last line.
_TRACED = r"""
import atexit, importlib._bootstrap as boot, json, runpy, sys, time
found, stack, real = [], [], boot._find_and_load
def timed(name, import_):
    stack.append(0.0)
    start = time.perf_counter()
    try:
        return real(name, import_)
    finally:
        spent = time.perf_counter() - start
        inner = stack.pop()
        if stack:
            stack[-1] += spent
        found.append((name, spent - inner))
boot._find_and_load = timed
atexit.register(lambda: print("IMPORTS " + json.dumps(found), file=sys.stderr))
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def _show_imports(name: str, argv: list[str], env: dict[str, str]) -> None:
    """Where the time beyond click goes: own time of the imports, by package."""
    found = run_child([PYTHON, "-c", _TRACED, *argv], env=env).check(name)
    rows = json.loads(found.stderr.splitlines()[-1].removeprefix("IMPORTS "))
    own: dict[str, float] = defaultdict(float)
    for module, seconds in rows:
        group = module if module.startswith("infoint") else module.split(".")[0]
        own[group] += seconds * 1000
    total = sum(own.values())
    top = sorted(own.items(), key=lambda kv: -kv[1])[:12]
    listing = ", ".join(f"{k} {v:.1f}" for k, v in top)
    print(f"    {name}: {len(rows)} modules imported, {total:.0f} ms of imports;")
    print(f"      heaviest (own ms): {listing}")
