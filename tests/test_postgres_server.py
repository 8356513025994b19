"""The store fixtures give real, empty databases: SQLite, and PostgreSQL on a server started for the session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@contextmanager
def _engine(url: str) -> Iterator[sa.Engine]:
    """An engine that is disposed afterwards, so no pooled connection outlives the test's database."""
    engine = sa.create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _server_version(connection: sa.Connection) -> str:
    """The server's own description of itself; SQLite has no version(), so it gets one in the same form."""
    if connection.dialect.name == "sqlite":
        return f"SQLite {connection.execute(sa.text('SELECT sqlite_version()')).scalar_one()}"
    return str(connection.execute(sa.text("SELECT version()")).scalar_one())


def _table_names(url: str) -> set[str]:
    with _engine(url) as engine:
        return set(sa.inspect(engine).get_table_names())


def test_store_url_is_a_working_database_of_its_kind(store_url: str, request: pytest.FixtureRequest) -> None:
    """Asked for PostgreSQL, the store really gets PostgreSQL (not a SQLite stand-in), and can write and read."""
    expected = BACKEND_NAMES[request.node.callspec.params["store_url"]]
    with _engine(store_url) as engine, engine.begin() as connection:
        assert _server_version(connection).startswith(expected)
        connection.execute(sa.text("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"))
        connection.execute(sa.text("INSERT INTO meeting (id, title) VALUES (1, 'Kick-off')"))
        assert connection.execute(sa.text("SELECT title FROM meeting WHERE id = 1")).scalar_one() == "Kick-off"


def test_each_postgresql_store_gets_its_own_empty_database(new_postgresql_database: Callable[[], str]) -> None:
    """What one test creates never shows up in another test's database."""
    first, second = new_postgresql_database(), new_postgresql_database()
    assert first != second
    with _engine(first) as engine, engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE meeting (id INTEGER PRIMARY KEY)"))
    assert _table_names(first) == {"meeting"}
    assert _table_names(second) == set()
