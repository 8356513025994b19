"""The real /join handlers on a real Tornado server (in a thread): pages, headers, the JSON API and its refusals."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from markupsafe import escape
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application

from hlo_design.app.meeting_web import SECURITY_HEADERS, meeting_handlers
from hlo_design.meeting.participation import MAX_BODY_BYTES, Participation
from hlo_design.meeting.store import MeetingStore
from tests.helpers import HOSTILE


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    port: int
    store: MeetingStore

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        """One request, the path sent exactly as given (no normalising of ``..``)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def post(self, path: str, data: Any, token: str | None = None) -> Reply:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", path, json.dumps(data).encode("utf-8"), headers)

    def join(self, code: str, actor: str = "leerlingen") -> str:
        reply = self.post("/join/api/participants", {"code": code, "actor": actor, "name": "Anna"})
        assert reply.status == 200, reply.text
        token: str = reply.json["token"]
        return token


@pytest.fixture
def server(cases_dir: Path, tmp_path: Path) -> Iterator[Server]:
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite3'}")
    participation = Participation(store, cases_dir)
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    port: list[int] = []
    servers: list[HTTPServer] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)
        sockets = bind_sockets(0, "127.0.0.1")
        http_server = HTTPServer(Application(meeting_handlers(participation=participation)))
        http_server.add_sockets(sockets)
        servers.append(http_server)
        port.append(sockets[0].getsockname()[1])
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(30)
    yield Server(port[0], store)

    async def stop() -> None:
        servers[0].stop()
        await servers[0].close_all_connections()

    asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)
    loop.close()
    store.dispose()


def _assert_security_headers(reply: Reply) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers[name] == value
    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Cache-Control"] == "no-store"


def test_the_join_page_is_html_with_security_headers(server: Server) -> None:
    reply = server.request("GET", "/join")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    _assert_security_headers(reply)
    assert '<html lang="nl">' in reply.text
    assert "/join/static/join.js" in reply.text
    assert "Meedoen met de bijeenkomst" in reply.text
    assert "Join the meeting" in server.request("GET", "/join?lang=en").text
    assert '<html lang="nl">' in server.request("GET", "/join?lang=%22%3E%3Cx").text  # unknown language: Dutch


@pytest.mark.parametrize("hostile", ['"><svg onload=alert(1)>', HOSTILE, "</script><script>alert(1)</script>"])
def test_a_hostile_code_in_the_address_is_escaped(server: Server, hostile: str) -> None:
    reply = server.request("GET", "/join?code=" + quote(hostile))
    assert reply.status == 200
    assert str(escape(hostile[:12])) in reply.text  # shown as text, cut to the longest code
    assert "<svg" not in reply.text
    assert "<img" not in reply.text
    assert reply.text.count("<script") == 2  # the page's own: its texts (JSON) and join.js


def test_the_code_from_the_qr_code_is_prefilled(server: Server) -> None:
    code = server.store.open_meeting("zorg", "diagnose").code
    assert f'value="{code}"' in server.request("GET", f"/join?code={code}").text


def test_joining_and_contributing_over_http(server: Server) -> None:
    meeting = server.store.open_meeting("zorg", "diagnose")
    choices = server.request("GET", f"/join/api/meeting?code={meeting.code.lower()}")
    assert choices.status == 200
    assert choices.headers["Content-Type"] == "application/json; charset=utf-8"
    _assert_security_headers(choices)
    assert "leerlingen" in [actor_id for actor_id, _ in choices.json["actors"]]
    token = server.join(meeting.code)
    forms = server.request("GET", "/join/api/forms", headers={"Authorization": f"Bearer {token}"})
    assert forms.status == 200
    assert [form["kind"] for form in forms.json["forms"]] == ["sticker", "scan_cell", "finding"]
    assert forms.json["sent"] == 0
    values = {"text": HOSTILE, "quadrant": "1", "perspectives": ["content"]}
    sent = server.post("/join/api/contributions", {"kind": "finding", "values": values}, token)
    assert sent.status == 200, sent.text
    assert sent.json["sent"] == 1
    stored = server.store.contributions(meeting.id)
    assert [(item.seq, item.payload["text"], item.payload["quadrant"]) for item in stored] == [
        (sent.json["seq"], HOSTILE, 1)
    ]
    participants = server.store.participants(meeting.id)
    assert [(p.actor, p.name) for p in participants] == [("leerlingen", "Anna")]


def test_wrong_code_and_unknown_actor_are_refused_with_messages(server: Server) -> None:
    meeting = server.store.open_meeting("zorg", "diagnose")
    wrong = server.request("GET", "/join/api/meeting?code=ZZZZZZ")
    assert (wrong.status, wrong.json["error"]) == (404, "wrong_code")
    assert "code hoort niet bij een open bijeenkomst" in wrong.json["message"]
    _assert_security_headers(wrong)
    actor = server.post("/join/api/participants", {"code": meeting.code, "actor": "niemand"})
    assert (actor.status, actor.json["error"]) == (422, "invalid")
    english = server.request("GET", "/join/api/meeting?code=ZZZZZZ&lang=en")
    assert "does not belong to an open meeting" in english.json["message"]


def test_a_body_over_the_limit_is_refused_with_413(server: Server) -> None:
    meeting = server.store.open_meeting("zorg", "diagnose")
    token = server.join(meeting.code)
    huge = {"kind": "finding", "values": {"text": "x" * 100_000}}
    assert len(json.dumps(huge)) > MAX_BODY_BYTES
    for path, data in [("/join/api/contributions", huge), ("/join/api/participants", {**huge, "code": meeting.code})]:
        reply = server.post(path, data, token)
        assert (reply.status, reply.json["error"]) == (413, "too_large")
        assert "te lang" in reply.json["message"]
    assert server.store.count(meeting.id) == 0


@pytest.mark.parametrize("body", [b"not json", b"{", b"\xff\xfe", b"[1, 2]", b'"text"', b"null"])
def test_a_body_that_is_not_a_json_object_is_refused_with_400(server: Server, body: bytes) -> None:
    meeting = server.store.open_meeting("zorg", "diagnose")
    token = server.join(meeting.code)
    for path in ("/join/api/contributions", "/join/api/participants"):
        reply = server.request("POST", path, body, {"Authorization": f"Bearer {token}"})
        assert (reply.status, reply.json["error"]) == (400, "invalid")
        assert reply.json["message"]
    assert server.store.count(meeting.id) == 0


def test_a_contribution_to_a_closed_meeting_is_refused_with_410(server: Server) -> None:
    meeting = server.store.open_meeting("zorg", "diagnose")
    token = server.join(meeting.code)
    server.store.close_meeting(meeting.id)
    reply = server.post("/join/api/contributions", {"kind": "finding", "values": {"text": "te laat"}}, token)
    assert (reply.status, reply.json["error"]) == (410, "closed")
    assert "gesloten" in reply.json["message"]
    assert server.request("GET", "/join/api/forms", headers={"Authorization": f"Bearer {token}"}).status == 410
    stale = server.post("/join/api/participants", {"code": meeting.code, "actor": "leerlingen"})
    assert (stale.status, stale.json["error"]) == (404, "wrong_code")
    assert server.store.count(meeting.id) == 0


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer onzin", "Basic dXNlcjpwdw==", "token"])
def test_a_missing_or_bad_token_is_refused_with_401(server: Server, authorization: str | None) -> None:
    server.store.open_meeting("zorg", "diagnose")
    headers = {} if authorization is None else {"Authorization": authorization}
    reply = server.request("GET", "/join/api/forms", headers=headers)
    assert (reply.status, reply.json["error"]) == (401, "unknown_participant")
    body = json.dumps({"kind": "finding", "values": {"text": "x"}}).encode()
    assert server.request("POST", "/join/api/contributions", body, headers).status == 401


def test_the_page_script_is_served(server: Server) -> None:
    reply = server.request("GET", "/join/static/join.js")
    assert reply.status == 200
    assert "javascript" in reply.headers["Content-Type"]
    assert len(reply.body) > 100
    assert server.request("GET", "/join/static/join.css").status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/join/static/../../pyproject.toml",
        "/join/static/..%2f..%2f..%2fpyproject.toml",
        "/join/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/join/static//etc/passwd",
        "/join/static/../join.html",
        "/join/static/",
    ],
)
def test_files_outside_the_static_folder_are_not_served(server: Server, path: str) -> None:
    reply = server.request("GET", path)
    assert reply.status in (403, 404)
    assert b"[project]" not in reply.body
    assert b"root:" not in reply.body
