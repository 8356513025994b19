"""The participants' pages and JSON API, served by the same process as the Voilà dashboards.

Why inside Voilà's server: a phone must not cost a kernel (~170 MB and
seconds of CPU each). A participant gets one light HTML page and a small
script (``templates/meeting``), and talks to four JSON endpoints under
``/join/api``; all of them go through :class:`hlo_design.meeting.participation.Participation`,
which reads cases by id and checks every contribution. No endpoint runs code,
lists files or shows another meeting; the store is reached in a worker thread
so that a busy database never holds up the dashboards' websockets.

Routes (all under the server's base URL):

- ``GET /join`` — the page (``?code=`` prefilled from the QR code, ``?lang=en``);
- ``GET /join/api/meeting?code=`` — case, phase and actors of an open meeting;
- ``POST /join/api/participants`` ``{code, actor, name}`` → ``{token}``;
- ``GET /join/api/forms`` (``Authorization: Bearer <token>``) — the participant's forms;
- ``POST /join/api/contributions`` ``{kind, values}`` → ``{sent}``;
- ``/join/static/…`` — the page's script and style sheet.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from tornado.ioloop import IOLoop
from tornado.web import RequestHandler, StaticFileHandler

from hlo_design.base.config import CASES_DIR, TEMPLATES_DIR
from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.meeting.participation import MAX_BODY_BYTES, Participation, Refusal
from hlo_design.meeting.store import MeetingStore, store_url

__all__ = ["JOIN_PATH", "meeting_handlers"]

JOIN_PATH = "/join"
PAGE_TEXTS = (
    "title", "code", "next", "who", "name", "start", "send", "sent", "choose", "offline", "nothing",
    "wrong_code", "closed", "unknown_participant", "too_many", "too_large",
)  # fmt: skip
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}

Result = TypeVar("Result")
_pages = Environment(loader=FileSystemLoader(TEMPLATES_DIR / "meeting"), autoescape=select_autoescape(default=True))


def meeting_handlers(base_url: str = "/", participation: Participation | None = None) -> list[tuple[Any, ...]]:
    """Tornado routes of the participants' side, on ``participation`` (default: the configured store and cases)."""
    service = participation or Participation(MeetingStore(store_url(CASES_DIR)), CASES_DIR)
    root = base_url.rstrip("/") + JOIN_PATH
    options = {"participation": service}
    return [
        (root, JoinPage, options),
        (root + "/api/meeting", MeetingApi, options),
        (root + "/api/participants", ParticipantsApi, options),
        (root + "/api/forms", FormsApi, options),
        (root + "/api/contributions", ContributionsApi, options),
        (root + "/static/(.*)", StaticFileHandler, {"path": str(TEMPLATES_DIR / "meeting" / "static")}),
    ]


class _Handler(RequestHandler):
    """Shared: the service, the participant's language, JSON in and out, refusals as messages."""

    participation: Participation

    def initialize(self, participation: Participation) -> None:
        self.participation = participation

    def set_default_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    @property
    def language(self) -> str:
        language = self.get_argument("lang", LANGUAGES[0])
        return language if language in LANGUAGES else LANGUAGES[0]

    async def run(self, work: Callable[[], Result]) -> Result:
        """Store work in a worker thread: the server's event loop also carries every dashboard."""
        return await IOLoop.current().run_in_executor(None, work)

    def body(self) -> dict[str, Any]:
        if len(self.request.body) > MAX_BODY_BYTES:
            raise Refusal(413, "too_large")
        try:
            data = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Refusal(400, "invalid", field="body", reason="not JSON") from None
        if not isinstance(data, dict):
            raise Refusal(400, "invalid", field="body", reason="not a JSON object")
        return data

    def token(self) -> str:
        header = self.request.headers.get("Authorization", "")
        return header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""

    def reply(self, data: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def refuse(self, refusal: Refusal) -> None:
        vocabulary = Vocabulary(self.language)
        self.reply({"error": refusal.key, "message": refusal.message(vocabulary)}, refusal.status)

    async def answer(self, work: Callable[[], dict[str, Any]]) -> None:
        try:
            self.reply(await self.run(work))
        except Refusal as refusal:
            self.refuse(refusal)


class JoinPage(_Handler):
    def get(self) -> None:
        vocabulary = Vocabulary(self.language)
        texts = {key: vocabulary(f"join.{key}") for key in PAGE_TEXTS}
        texts["count_template"] = vocabulary("join.count", count="{count}")
        texts["count_one"] = vocabulary("join.count_one")
        page = _pages.get_template("join.html").render(
            language=self.language, texts=texts, code=self.get_argument("code", "")[:12], static=self.request.path
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)


class MeetingApi(_Handler):
    async def get(self) -> None:
        code = self.get_argument("code", "")
        await self.answer(lambda: self.participation.choices(code, self.language))


class ParticipantsApi(_Handler):
    async def post(self) -> None:
        def join() -> dict[str, Any]:
            data = self.body()
            _, token = self.participation.join(
                str(data.get("code", "")), str(data.get("actor", "")), _text(data, "name")
            )
            return {"token": token}

        await self.answer(join)


class FormsApi(_Handler):
    async def get(self) -> None:
        await self.answer(lambda: self.participation.forms(self.token(), self.language))


class ContributionsApi(_Handler):
    async def post(self) -> None:
        def contribute() -> dict[str, Any]:
            data, token = self.body(), self.token()
            sent = data.get("values")
            values: dict[str, Any] = sent if isinstance(sent, dict) else {}
            contribution = self.participation.contribute(token, str(data.get("kind", "")), values)
            participant, _ = self.participation.participant(token)
            return {"seq": contribution.seq, "sent": self.participation.sent(participant)}

        await self.answer(contribute)


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None
