"""A fault test with the real server: kill -9 the Voilà process mid-meeting, start it again, and nothing is lost.

The server is ``python -m hlo_design.app.voila_server`` as ``serve`` starts it (without pre-heated
kernels: only the /join side is used), on a copy of the cases and a SQLite store in a temporary folder.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hlo_design.app.serve import voila_command
from hlo_design.casefile.loading import load_case
from hlo_design.meeting import accepting
from hlo_design.meeting.store import STORE_ENV, MeetingStore, State

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_LIMIT_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _call(port: int, method: str, path: str, data: Any = None, token: str | None = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = None if data is None else json.dumps(data).encode("utf-8")
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw)


@contextmanager
def _server(port: int, cases: Path, store_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "HLO_DESIGN_CASES": str(cases), STORE_ENV: store_url, "PYTHONPATH": str(PROJECT)}
    with log.open("ab") as output:
        process = subprocess.Popen(
            voila_command(port, pool=0), env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_answering(port, process, log)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _wait_until_answering(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/join", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server did not answer /join:\n{log.read_text()[-3000:]}")


def test_a_killed_server_loses_nothing_and_takes_contributions_again(cases_dir: Path, tmp_path: Path) -> None:
    store_url = f"sqlite:///{tmp_path / 'meetings.sqlite3'}"
    store = MeetingStore(store_url)
    meeting = store.open_meeting("zorg", "diagnose")
    case_file = cases_dir / "zorg.yaml"
    port, log = _free_port(), tmp_path / "server.log"

    with _server(port, cases_dir, store_url, log) as first:
        status, joined = _call(
            port, "POST", "/join/api/participants", {"code": meeting.code.lower(), "actor": "leerlingen"}
        )
        assert status == 200, joined
        token = joined["token"]
        seqs = []
        for n in range(5):
            status, sent = _call(port, "POST", "/join/api/contributions",
                                 {"kind": "finding", "values": {"text": f"Bevinding {n}", "quadrant": "2"}}, token)  # fmt: skip
            assert status == 200, sent
            seqs.append(sent["seq"])
        accepting.accept(store, case_file, meeting, seqs[:3], "coach")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    with _server(port, cases_dir, store_url, log):
        status, choices = _call(port, "GET", f"/join/api/meeting?code={meeting.code}")
        assert status == 200, choices  # the meeting is still open
        status, forms = _call(port, "GET", "/join/api/forms", token=token)
        assert status == 200, forms  # the same token still works
        assert forms["sent"] == 5
        status, sent = _call(
            port, "POST", "/join/api/contributions", {"kind": "finding", "values": {"text": "Na de herstart"}}, token
        )
        assert status == 200, sent
        assert sent["sent"] == 6

    again = MeetingStore(store_url)
    items = again.contributions(meeting.id)
    assert [item.payload["text"] for item in items] == [*(f"Bevinding {n}" for n in range(5)), "Na de herstart"]
    assert again.states(meeting.id) == dict.fromkeys(seqs[:3], State.ACCEPTED)
    accepting.accept(again, case_file, meeting, [items[-1].seq], "coach")
    ids = {finding.id for finding in load_case(case_file).findings}
    accepted = [item for item in items if item.seq in {*seqs[:3], items[-1].seq}]
    assert {f"m-{item.uid[:12]}" for item in accepted} <= ids
    assert not {f"m-{item.uid[:12]}" for item in items if item not in accepted} & ids
    again.dispose()
    store.dispose()
