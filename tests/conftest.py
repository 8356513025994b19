"""Shared fixtures: a private copy of the example cases, a minimal valid case, and store databases."""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets
import psycopg
import pytest
from hypothesis import settings
from psycopg import sql
from sqlalchemy.engine import make_url

from hlo_design.base.config import CASES_DIR
from tests.helpers import MINIMAL_CASE
from tests.postgres_server import DATABASE, INSTALL_HINT, find_pg_bin, running_postgres

# Property tests check behaviour, not speed (benchmarks/ measure speed): on a shared 2-core machine an
# example can take longer than hypothesis' 200 ms default deadline, which would fail a correct run.
settings.register_profile("hlo", deadline=None)
settings.load_profile("hlo")


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    """A writable copy of the example cases."""
    target = tmp_path / "cases"
    shutil.copytree(CASES_DIR, target)
    return target


@pytest.fixture
def minimal_case_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL_CASE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _close_widgets() -> Iterator[None]:
    yield
    ipywidgets.Widget.close_all()


def _postgres_required() -> bool:
    """CI (and whoever sets HLO_REQUIRE_POSTGRES=1) must not pass by skipping the PostgreSQL half of the store tests."""
    return bool(os.environ.get("CI")) or os.environ.get("HLO_REQUIRE_POSTGRES") == "1"


def _make_traversable(path: Path, top: Path) -> None:
    """Let other users pass through ``path`` and its parents up to ``top`` (execute bit only, no listing).

    As root the server runs as ``postgres``, and pytest makes its temporary directories 0o700; pytest
    puts its own root directory back to 0o700 on the next run.
    """
    for directory in (path, *path.parents):
        if not directory.is_relative_to(top):
            break
        directory.chmod(directory.stat().st_mode | stat.S_IXOTH)


@pytest.fixture(scope="session")
def postgresql_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLAlchemy URL of database ``hlo`` on a PostgreSQL server that runs for the whole session."""
    if find_pg_bin() is None:
        if _postgres_required():
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    base = tmp_path_factory.mktemp("postgres")
    if os.geteuid() == 0:
        _make_traversable(base, top=tmp_path_factory.getbasetemp().parent)
    with running_postgres(base) as url:
        yield url


def _database_on_server(url: str, dbname: str) -> tuple[str, str]:
    """The libpq connection string and the SQLAlchemy URL of database ``dbname`` on the server of ``url``."""
    parsed = make_url(url)
    conninfo = f"host={parsed.host} port={parsed.port} user={parsed.username} dbname={dbname}"
    return conninfo, parsed.set(database=dbname).render_as_string(hide_password=False)


@pytest.fixture
def new_postgresql_database(postgresql_url: str) -> Iterator[Callable[[], str]]:
    """Creates empty databases on the session server (URL of each), dropped after the test.

    A database per use is cheap (a copy of template1) and keeps tests independent without cleanup
    code in each of them. ``WITH (FORCE)`` ends connections a test left open.
    """
    admin, _ = _database_on_server(postgresql_url, DATABASE)
    created: list[str] = []

    def create() -> str:
        name = f"t_{uuid.uuid4().hex}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        return _database_on_server(postgresql_url, name)[1]

    yield create
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in created:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLAlchemy URL of an empty meeting store, once on SQLite and once on PostgreSQL.

    The PostgreSQL server is only started when a PostgreSQL case runs, so the SQLite cases need none.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'meetings.sqlite3'}"
    create: Callable[[], str] = request.getfixturevalue("new_postgresql_database")
    return create()
