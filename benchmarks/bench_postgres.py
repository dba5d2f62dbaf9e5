"""PostgreSQL: the bulk import into the infoint-sql store, against psycopg
``executemany`` in one transaction; on a throwaway server started here (the
infoint-sql tests' own, :mod:`infoint_sql.throwaway`), or skipped with a message
when there are no binaries."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
    from infoint_sql.throwaway import NoServer, ThrowawayServer

    try:
        server = ThrowawayServer()
    except NoServer as err:
        print(
            f"  skipped: {err}; apt-get install postgresql, or set INFOINT_PG_BIN to the"
            " folder of initdb and pg_ctl"
        )
        return []
    rounds = 1
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp, server:
        source = linkedin_csv(Path(tmp) / "Connections.csv", rows)
        count = 0

        def database() -> str:
            nonlocal count
            count += 1
            name = f"bench{count}"
            _admin(server.conninfo("postgres"), f"CREATE DATABASE {name}")
            return name

        def infoint() -> Child:
            name = database()
            env = child_env(INFOINT_DB=server.url(name), INFOINT_OWNER="bench")
            done = run_child([INFOINT, "import", "linkedin", str(source)], env=env)
            done.check("infoint import (PostgreSQL)")
            _expect(server.conninfo(name), rows)
            return done

        def plain() -> Child:
            name = database()
            script = str(HERE / "plain_postgres_import.py")
            argv = [PYTHON, script, server.conninfo(name), str(source)]
            done = run_child(argv, env=child_env())
            done.check("plain import (PostgreSQL)")
            _expect(server.conninfo(name), rows)
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


def _admin(conninfo: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.encode())


def _expect(conninfo: str, rows: int) -> None:
    import psycopg

    with psycopg.connect(conninfo) as connection:
        row = connection.execute(b"SELECT count(*) FROM records WHERE kind = 'contact'").fetchone()
    if row is None or row[0] != rows:
        raise RuntimeError(f"{conninfo}: {row} contacts, expected {rows}")
