"""The PostgreSQL store agrees with a plain-Python model under random operations.

The state machine is the one the core's fault tests run on the memory and SQLite
stores (``tests/faults/fault_machine.py`` of the repository): add, update with the
current or a stale version, get, find with random Query fields, ids_with_prefix,
search, several operations in one session, and a session that fails and must roll
back, for several owners, each result compared with the model's. PostgreSQL has none
of the bugs the machine knows of, so it runs with no input held back, and passes the
check of each.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from infoint_sql.store import PostgresStore

FAULTS = Path(__file__).resolve().parents[3] / "tests" / "faults"
if str(FAULTS) not in sys.path:
    sys.path.insert(0, str(FAULTS))
pytest.register_assert_rewrite("fault_machine")

from fault_machine import BUG_CHECKS, run_store_machine  # noqa: E402


def test_postgres_store_agrees_with_the_model_after_every_step(pg_store: PostgresStore) -> None:
    # One schema for the whole run: every example has owners of its own.
    run_store_machine(lambda: pg_store, close_store=False)


@pytest.mark.parametrize("bug", sorted(BUG_CHECKS))
def test_postgres_store_passes_the_check_of_each_bug_the_machine_knows(
    pg_store: PostgresStore, bug: str
) -> None:
    BUG_CHECKS[bug](pg_store)
