"""Voilà, started with a guard against replies it would otherwise wait for forever.

Run as ``python -m hlo_design.app.voila_server <voila arguments>``; ``serve.voila_command``
builds that command line.

Why: now and then a dashboard never finished loading. The page stopped at
"executing cell n of m" while the kernel had run the cell and gone idle: the
kernel's reply sat in the Voilà server's ZeroMQ socket, but the server never
woke up to read it. ZeroMQ signals new messages through a file descriptor that
is edge-triggered, and a wake-up consumed elsewhere is not repeated; Voilà then
waits without a timeout. It happened with ipykernel 6 and 7 alike: 4 of 24
dashboard loads of plain Voilà with one busy process alongside, 0 of 24 guarded
(``benchmarks/bench_page_stalls.py``).

The guard makes every wait for a kernel message look again every half second,
so a reply that is already there is read instead of waited for. Each rescue is
logged (``RESCUED_MESSAGE_LOG``), which the browser tests count.

The server also keeps to a kernel budget (``--WorkbookVoila.max_kernels``, from
``hlo-design serve --max-kernels``): a page view beyond it gets the friendly 503 page of
:mod:`hlo_design.app.kernel_budget` instead of a kernel.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from queue import Empty
from typing import Any

from jupyter_client.channels import AsyncZMQSocketChannel
from tornado.web import StaticFileHandler

from hlo_design.app.kernel_budget import RETRY_AFTER_SECONDS, busy_page, kernels_held
from hlo_design.app.meeting_web import meeting_handlers
from hlo_design.base.config import TEMPLATES_DIR
from hlo_design.ui.plotly_view import PLOTLY_JS_FILE, PLOTLY_JS_ROUTE, plotly_js_folder

__all__ = ["GUARD_VARIABLE", "RESCUED_MESSAGE_LOG", "install_guard", "main", "plotly_js_handler"]

LOOK_AGAIN_MS = 500
GUARD_VARIABLE = "HLO_VOILA_GUARD"
"""Set to ``0`` to serve without the guard: the stall benchmark's plain Voilà, the same server otherwise."""
RESCUED_MESSAGE_LOG = "hlo-design: read a kernel message that had arrived without a wake-up"

_log = logging.getLogger("hlo_design.app.voila_server")


async def _get_msg_looking_again(self: AsyncZMQSocketChannel, timeout: float | None = None) -> dict[str, Any]:
    """``AsyncZMQSocketChannel.get_msg``, polling in short slices: each new poll first checks the socket itself.

    A message found only when a slice ran out had been waiting without a wake-up: that is a rescue.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        remaining_ms = LOOK_AGAIN_MS if deadline is None else int((deadline - time.monotonic()) * 1000)
        slice_ms = max(0, min(LOOK_AGAIN_MS, remaining_ms))
        started = time.monotonic()
        if await self.socket.poll(slice_ms):
            if slice_ms == LOOK_AGAIN_MS and time.monotonic() - started >= slice_ms / 1000:
                _log.warning(RESCUED_MESSAGE_LOG)
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            raise Empty


def install_guard() -> None:
    """Replace the kernel client's message wait in this process (idempotent)."""
    AsyncZMQSocketChannel.get_msg = _get_msg_looking_again  # type: ignore[method-assign]


def main() -> int:
    """Install the guard, then hand the command line to Voilà, with the participants' pages added."""
    if os.environ.get(GUARD_VARIABLE, "1") != "0":
        install_guard()
    logging.basicConfig(format="[%(name)s] %(message)s")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(TEMPLATES_DIR / "jupyter"), os.environ.get("JUPYTER_PATH", "")])
    )  # where Voilà finds our page template (serve.TEMPLATE)
    from traitlets import Integer
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler

    class BudgetedVoilaHandler(TornadoVoilaHandler):  # type: ignore[misc]
        """Voilà's page handler, refusing a view that would need a kernel beyond the budget."""

        def initialize(self, budget: _Budget, **kwargs: Any) -> None:
            self.budget = budget
            super().initialize(**kwargs)

        async def get(self, path: str | None = None) -> None:
            if self.budget.full(self.kernel_manager, path):
                self.set_status(503)
                self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(busy_page(self.get_argument("language", ""), self.request.uri or "/"))
                return
            self.budget.rendering += 1
            try:
                await super().get(path)
            finally:
                self.budget.rendering -= 1

    class WorkbookVoila(Voila):  # type: ignore[misc]
        """Voilà plus ``/join`` (participants of a live meeting get light pages, not kernels) and a kernel budget."""

        max_kernels = Integer(0, config=True, help="Most kernels at a time, pool places included; 0: no limit.")

        def init_handlers(self) -> list[Any]:
            handlers = super().init_handlers()
            if self.max_kernels > 0:
                budget = _Budget(self.max_kernels)
                handlers = [
                    _budgeted(handler, TornadoVoilaHandler, BudgetedVoilaHandler, budget) for handler in handlers
                ]
            return [*meeting_handlers(self.server_url), plotly_js_handler(self.server_url), *handlers]

    sys.argv[0] = "voila"
    return int(WorkbookVoila.launch_instance() or 0)


def plotly_js_handler(base_url: str) -> tuple[Any, ...]:
    """The route of plotly.js, which every dashboard figure (``ui.plotly_view``) loads once per page."""
    pattern = base_url.rstrip("/") + "/" + PLOTLY_JS_ROUTE + "(" + re.escape(PLOTLY_JS_FILE) + ")"
    return (pattern, StaticFileHandler, {"path": str(plotly_js_folder())})


class _Budget:
    """The kernel ceiling and the views being rendered now, shared by every page request of one server."""

    def __init__(self, max_kernels: int) -> None:
        self.max_kernels = max_kernels
        self.rendering = 0

    def full(self, kernel_manager: Any, path: str | None) -> bool:
        """Whether a view of ``path`` would need a kernel beyond the ceiling; only notebooks need one."""
        if not (path or "").endswith(".ipynb"):
            return False
        pools = getattr(kernel_manager, "_pools", {})  # Voilà's pre-heated kernels; absent without --pool
        return kernels_held(kernel_manager.list_kernel_ids(), pools, self.rendering) >= self.max_kernels


def _budgeted(handler: tuple[Any, ...], plain: type, budgeted: type, budget: _Budget) -> tuple[Any, ...]:
    """A route of Voilà's with its page handler ``plain`` swapped for ``budgeted``, which keeps to ``budget``."""
    pattern, handler_class, *rest = handler
    if handler_class is not plain:
        return handler
    options = rest[0] if rest else {}
    return (pattern, budgeted, {**options, "budget": budget})


if __name__ == "__main__":
    sys.exit(main())
