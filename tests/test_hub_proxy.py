"""The websocket origin rule put back into jhsingle-native-proxy (``hlo_design.app.hub_proxy``)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from tornado.httputil import HTTPHeaders

from hlo_design.app.hub_proxy import awaitable_after_login, same_origin


def _request(**headers: str) -> SimpleNamespace:
    return SimpleNamespace(request=SimpleNamespace(headers=HTTPHeaders(headers)))


@pytest.mark.parametrize(
    ("headers", "origin", "accepted"),
    [
        ({"Host": "hub.school.nl"}, "https://hub.school.nl", True),
        ({"Host": "127.0.0.1:8000"}, "http://127.0.0.1:8000", True),
        ({"Host": "HUB.school.nl"}, "https://hub.School.nl", True),  # host names ignore case
        ({"Host": "hub.school.nl"}, "https://evil.example", False),  # another site's page
        ({"Host": "127.0.0.1:8000"}, "http://127.0.0.1:9000", False),  # another port is another origin
        ({"Host": "hub.school.nl", "Sec-Fetch-Site": "same-origin"}, "https://hub.school.nl", True),
        ({"Host": "hub.school.nl", "Sec-Fetch-Site": "cross-site"}, "https://evil.example", False),
    ],
)
def test_only_the_servers_own_pages_open_websockets(headers: dict[str, str], origin: str, accepted: bool) -> None:
    assert same_origin(_request(**headers), origin) is accepted


def test_a_visitor_sent_to_the_login_ends_the_request_quietly() -> None:
    def redirected(*_arguments: Any) -> None:
        return None  # what web.authenticated returns after redirecting to the hub's login

    async def proxied(*_arguments: Any) -> str:
        return "proxied"

    assert asyncio.run(awaitable_after_login(redirected)("handler", 8888, "/")) is None
    assert asyncio.run(awaitable_after_login(proxied)("handler", 8888, "/")) == "proxied"
