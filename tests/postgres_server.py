"""A real, throw-away PostgreSQL server for the store tests (Debian's package; no mocks, no docker).

The meeting store runs on SQLite by default and on PostgreSQL when given a URL, so its tests run
against both. A mock would not catch what differs between the two (types, locking, DDL in
transactions), hence a real server: one cluster in a temporary directory, listening on 127.0.0.1
only, with trust authentication and no syncing to disk (initdb --no-sync, fsync=off) because its
data is thrown away.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")
REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres", "createdb")
# PostgreSQL refuses to run as root; Debian's package creates this system user to run it as.
SERVICE_USER = "postgres"
DATABASE = "hlo"
INSTALL_HINT = (
    "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: "
    "install Debian's package with `apt-get install postgresql` (or `make postgres`)"
)
LOG_TAIL_LINES = 40


class PostgresError(RuntimeError):
    """A PostgreSQL tool failed; the message carries the end of the log so the cause is visible."""


def find_pg_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with the server tools, or None if none is installed.

    Debian keeps the server binaries off PATH, one directory per major version; the newest wins.
    ``createdb`` (from the matching client package, which the server package pulls in) is required
    too, because the cluster's first database is created with it.
    """
    candidates = [
        bin_dir
        for bin_dir in DEBIAN_PG_ROOT.glob("*/bin")
        if all((bin_dir / name).is_file() for name in REQUIRED_BINARIES)
    ]
    return max(candidates, key=_version_key, default=None)


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """Numeric order of the version directory, so 10 sorts after 9."""
    return tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name))


def _as_root() -> bool:
    return os.geteuid() == 0


def database_user() -> str:
    """The superuser of the cluster: the OS user that runs the server (``postgres`` when we are root)."""
    return SERVICE_USER if _as_root() else getpass.getuser()


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (the kernel picks it; the race until the server binds is tiny)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _owned_by_server(path: Path) -> None:
    """Hand a directory or file to the user that runs the server; only needed (and allowed) as root."""
    if _as_root():
        shutil.chown(path, user=SERVICE_USER, group=SERVICE_USER)


def _log_tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return "\n".join(lines[-LOG_TAIL_LINES:])


def _run(command: Sequence[str], log: Path, cwd: Path) -> None:
    """Run a PostgreSQL tool as the server's user, appending its output to the log.

    The working directory is the cluster's base: as root the tools run as ``postgres``, which may not
    be allowed into the caller's directory. PG* variables of the caller are dropped so that the tools
    talk to this cluster and no other.
    """
    full = ["runuser", "-u", SERVICE_USER, "--", *command] if _as_root() else list(command)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    with log.open("ab") as out:
        out.write(f"$ {' '.join(full)}\n".encode())
        out.flush()
        result = subprocess.run(full, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env, check=False)
    if result.returncode != 0:
        raise PostgresError(f"{' '.join(full)} exited with {result.returncode}; end of {log}:\n{_log_tail(log)}")


@contextlib.contextmanager
def running_postgres(base: Path) -> Iterator[str]:
    """Initialise a cluster in ``base/data``, start it, create database ``hlo`` and yield its SQLAlchemy URL.

    ``base`` must be traversable by the server's user (as root: ``postgres``). The server is stopped
    on exit, also when the body raised; its log and the tools' output are in ``base/postgres.log``.
    """
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise PostgresError(INSTALL_HINT)
    data, sockets, log = base / "data", base / "socket", base / "postgres.log"
    for directory in (data, sockets):
        directory.mkdir(mode=0o700)
        _owned_by_server(directory)
    log.touch()
    _owned_by_server(log)  # pg_ctl -l: the server itself appends to it
    user, port = database_user(), _free_port()

    _run(
        [str(bin_dir / "initdb"), "-D", str(data), "--auth=trust", "-U", user, "-E", "UTF8", "--locale=C", "--no-sync"],
        log,
        base,
    )
    server_options = f"-k {sockets} -p {port} -h 127.0.0.1 -c fsync=off"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", server_options, "-w", "start"], log, base)
    try:
        _run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", user, DATABASE], log, base)
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/{DATABASE}"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], log, base)
