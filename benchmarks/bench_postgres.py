"""PostgreSQL: the bulk import into the infoint-sql store, against psycopg
``executemany`` in one transaction; on a throwaway server started here (as the
infoint-sql tests do), or skipped with a message when there are no binaries."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from data import linkedin_csv
from harness import (
    HERE,
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

BENCHMARK = "postgres"
TARGET_RATIO = 2.0


def run(quick: bool) -> list[Result]:
    rows = 2_000 if quick else 100_000
    heading(f"PostgreSQL: {rows:,} LinkedIn connections into the infoint-sql store")
    if not _has_plugin():
        print(
            "  skipped: the infoint-sql plugin is not installed"
            " (pip install -e plugins/infoint-sql)"
        )
        return []
    bin_dir = _pg_bin()
    if bin_dir is None:
        print(
            "  skipped: PostgreSQL server binaries (initdb, pg_ctl) not found;"
            " apt-get install postgresql, or set INFOINT_PG_BIN to their folder"
        )
        return []
    rounds = 1
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp, _server(bin_dir) as port:
        source = linkedin_csv(Path(tmp) / "Connections.csv", rows)
        count = 0

        def database() -> str:
            nonlocal count
            count += 1
            name = f"bench{count}"
            _admin(port, f"CREATE DATABASE {name}")
            return name

        def infoint() -> Child:
            name = database()
            url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/{name}"
            env = child_env(INFOINT_DB=url, INFOINT_OWNER="bench")
            done = run_child([INFOINT, "import", "linkedin", str(source)], env=env)
            done.check("infoint import (PostgreSQL)")
            _expect(port, name, rows)
            return done

        def plain() -> Child:
            name = database()
            conninfo = f"host=127.0.0.1 port={port} user=postgres dbname={name}"
            script = str(HERE / "plain_postgres_import.py")
            done = run_child([PYTHON, script, conninfo, str(source)], env=child_env())
            done.check("plain import (PostgreSQL)")
            _expect(port, name, rows)
            return done

        runs = interleaved({"infoint": infoint, "plain": plain}, rounds)
    seconds = {name: median([c.seconds for c in found]) for name, found in runs.items()}
    memory = {name: max(c.max_rss_mb for c in found) for name, found in runs.items()}
    results = [
        Result(
            BENCHMARK,
            f"infoint import linkedin into PostgreSQL ({rows:,} rows)",
            seconds["infoint"],
            "s",
            "csv + psycopg executemany, same tables and indexes",
            seconds["plain"],
            f"ratio <= {TARGET_RATIO}",
            seconds["infoint"] / seconds["plain"] <= TARGET_RATIO,
            {
                "rows per second": f"{rows / seconds['infoint']:,.0f}"
                f" (plain script: {rows / seconds['plain']:,.0f})",
                "peak memory": f"{memory['infoint']:.0f} MB"
                f" (plain script: {memory['plain']:.0f} MB)",
                "server": "throwaway, fsync=off as in the infoint-sql tests",
            },
        )
    ]
    for result in results:
        show(result)
    return results


def _has_plugin() -> bool:
    done = run_child([PYTHON, "-c", "import infoint_sql"], env=child_env())
    return done.returncode == 0


def _pg_bin() -> Path | None:
    given = os.environ.get("INFOINT_PG_BIN")
    if given:
        return Path(given)
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=version)
    return found[-1].parent if found else None


@contextmanager
def _server(bin_dir: Path) -> Iterator[int]:
    """A throwaway server on a free loopback port (as ``postgres`` when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="infoint-pg-"))
    as_user: dict[str, Any] = {}
    if os.geteuid() == 0:
        import pwd

        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
        as_user = {"user": postgres.pw_uid, "group": postgres.pw_gid, "extra_groups": []}
    data = folder / "data"

    def pg(*args: str | Path) -> None:
        subprocess.run(
            [str(a) for a in args],
            cwd=folder,
            capture_output=True,
            check=True,
            timeout=120,
            **as_user,
        )

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    try:
        pg(
            bin_dir / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg(
            bin_dir / "pg_ctl",
            "-D",
            data,
            "-l",
            folder / "server.log",
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        yield port
    finally:
        if (data / "postmaster.pid").exists():
            pg(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _admin(port: int, sql: str) -> None:
    import psycopg

    conninfo = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.encode())


def _expect(port: int, name: str, rows: int) -> None:
    import psycopg

    conninfo = f"host=127.0.0.1 port={port} user=postgres dbname={name}"
    with psycopg.connect(conninfo) as connection:
        row = connection.execute(b"SELECT count(*) FROM records WHERE kind = 'contact'").fetchone()
    if row is None or row[0] != rows:
        raise RuntimeError(f"database {name}: {row} contacts, expected {rows}")
