"""jhsingle-native-proxy, the wrapper that puts ``hlo-design serve`` behind a JupyterHub, made to accept its own page's websockets.

Run as ``python -m hlo_design.app.hub_proxy <jhsingle-native-proxy arguments>``; ``deploy/jupyterhub_config.py``
starts each coach's workbook so.

Why: the wrapper (0.8.3, the latest) decides itself whether a websocket comes
from the page it served, by calling Tornado's ``check_origin``. Up to Tornado 6.5
that method accepted an ``Origin`` equal to the ``Host``; since 6.6 it is only
meant for requests already found cross-origin and accepts nothing but the
``trusted_origins`` setting, which the wrapper has no way to set. Every kernel
websocket of every dashboard was then refused (403) and the pages never drew
their widgets. :func:`same_origin` puts back the same-origin rule for the
wrapper's handler only.

And: its login check (Tornado's ``web.authenticated``) returns nothing when it
sends a visitor to the hub's login, which the wrapper then awaits; every first
visit logged an "Uncaught exception" traceback after the redirect had gone out.
:func:`awaitable_after_login` lets such a visit end quietly.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["awaitable_after_login", "main", "same_origin"]

SAME_ORIGIN_FETCH_SITES = ("same-origin", "none")
"""``Sec-Fetch-Site`` values that a browser sends only for a page's own origin (or a typed-in address)."""


def same_origin(handler: Any, origin: str) -> bool:
    """Whether a websocket request comes from a page of the server it asks: the browser says so, or ``Origin`` names the ``Host``.

    The ``Host`` the browser asked, which the hub's proxy passes on unchanged; a page
    of another site (another origin) is refused, as by Tornado's own check.
    """
    headers = handler.request.headers
    if headers.get("Sec-Fetch-Site") in SAME_ORIGIN_FETCH_SITES:
        return True
    return bool(urlsplit(origin).netloc.lower() == headers.get("Host", "").lower())


def awaitable_after_login(
    proxy: Callable[..., Awaitable[Any] | None],
) -> Callable[..., Awaitable[Any]]:
    """``proxy`` behind a login check, made to await only what it returns: nothing when the visitor was redirected."""

    async def proxy_if_logged_in(*arguments: Any) -> Any:
        pending = proxy(*arguments)
        return None if pending is None else await pending

    return proxy_if_logged_in


def main() -> None:
    """Patch the wrapper's proxy handler, then run the wrapper with this command line."""
    from jhsingle_native_proxy import main as wrapper
    from jhsingle_native_proxy.proxyhandlers import ProxyHandler, SuperviseAndProxyHandler

    ProxyHandler.check_origin = same_origin
    SuperviseAndProxyHandler.oauth_proxy = awaitable_after_login(SuperviseAndProxyHandler.oauth_proxy)
    sys.argv[0] = "jhsingle-native-proxy"
    wrapper.run()


if __name__ == "__main__":
    main()
