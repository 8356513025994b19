"""Serving the workbook to a meeting or to stakeholders with standalone Voilà.

Standalone Voilà, not Voilà inside a Jupyter server: viewers can then only
send widget messages, never run code of their own. Sources are stripped and
tracebacks hidden (our notebooks show their own clear messages), and idle
kernels are culled because every page view starts a kernel. Voilà runs through
:mod:`hlo_design.app.voila_server`, which guards it against waiting forever for a
kernel reply that has already arrived.

Closing or reloading a tab should shut its kernel down at once: Voilà's page
sends a beacon to ``/voila/api/shutdown/<kernel id>`` on unload. Standalone
Voilà never sets the ``_xsrf`` cookie that beacon must carry, so every beacon
was refused (403) and each page view kept a kernel (~170 MB) until culled.
The XSRF check is therefore switched off. Standalone Voilà as started here has
no login, so what that check guarded are the kernel endpoints (shutdown,
delete), and those need the page's unguessable kernel id.

Pre-heated kernels: with ``pool`` > 0 Voilà keeps that many kernels per
notebook that have already imported the library and stopped in
:func:`hlo_design.ui.session.open_case` (or ``in_dashboard``), waiting for a
viewer's request; a page view takes one, the kernel reads that view's query
string, and Voilà starts a replacement ``POOL_REFILL_DELAY_SECONDS`` later, so
that the refill does not compete with the browser drawing the page just
taken. Pool kernels are never culled; kernels in use still are, and still
shut down when their tab closes. The default of one kernel per notebook (six
notebooks, ~160 MB each at rest) suits a 2-core laptop; when the pool of a notebook
is empty, the next view starts a kernel as plain Voilà does.

Voilà refuses pre-heating together with progressive rendering (cells streamed
to the page while they run). We choose pre-heating: progressive rendering
shows the first cells sooner but the page is not drawn any sooner, while a
warm kernel removes the kernel start and the imports (most of a page's
server time) from every view. ``pool=0`` serves without a pool, as before.

The address ``hlo-design serve`` prints must be the one Voilà listens on: the
coach reads it out to the room and the join page's QR code is built from it.
Voilà itself would quietly move to the next port when the one asked for is
taken (``port_retries``), after we had printed the old one. So Voilà is told
never to move (``--Voila.port_retries=0``) and :func:`choose_port` settles the port
before anything is printed.

Behind a JupyterHub (``deploy/``), each coach's Voilà sits behind a proxy
that answers at the hub's ``/user/<name>/`` and strips that prefix before
forwarding (jhsingle-native-proxy). Voilà then serves its routes at ``/``
(``server_url``) but must write the prefix into every address it puts in a
page (``base_url``: static files, kernel websockets), or the browser would
ask the hub for paths it does not know.
"""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.errors import WorkbookError

__all__ = [
    "DEFAULT_POOL",
    "DEFAULT_PORT",
    "LANDING_PAGE",
    "check_budget",
    "choose_port",
    "port_is_free",
    "voila_command",
]

LANDING_PAGE = "voila/render/index.ipynb"
CULL_INTERVAL_SECONDS = 60
CULL_IDLE_AFTER_SECONDS = 900
TEMPLATE = "hlo"
"""Voilà's lab template plus the unsaved-changes guard (``templates/jupyter/voila/templates/hlo``);
:mod:`hlo_design.app.voila_server` puts ``templates/jupyter`` on ``JUPYTER_PATH`` so Voilà finds it."""
DEFAULT_POOL = 1
"""Pre-heated kernels per notebook (``hlo-design serve --pool N``)."""
POOL_REFILL_DELAY_SECONDS = 5
DEFAULT_PORT = 8866
"""Voilà's own default, so addresses people wrote down before still work."""
PORT_TRIES = 20
"""Ports tried from :data:`DEFAULT_PORT` on when no port was asked for (a second workbook on one laptop)."""


def voila_command(
    port: int,
    *,
    host: str = "127.0.0.1",
    notebooks: Path = NOTEBOOKS_DIR,
    pool: int = DEFAULT_POOL,
    base_url: str = "/",
    max_kernels: int = 0,
) -> list[str]:
    """The command line that starts Voilà on the notebooks folder, with ``pool`` pre-heated kernels per notebook.

    ``base_url`` is the path the browser sees in front of Voilà's routes (a hub's ``/user/<name>/``);
    Voilà itself serves at ``/`` because the proxy in front strips that path. ``max_kernels`` > 0 is the
    kernel budget (:mod:`hlo_design.app.kernel_budget`); 0 leaves kernels unbounded.
    """
    return [
        sys.executable,
        "-m",
        "hlo_design.app.voila_server",
        str(notebooks),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",  # never another port than the one printed: see choose_port
        f"--Voila.ip={host}",
        f"--Voila.base_url={_with_slashes(base_url)}",
        "--Voila.server_url=/",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        f"--template={TEMPLATE}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_AFTER_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        "--Voila.tornado_settings=disable_check_xsrf=True",
        *_pool_arguments(pool),
        *([f"--WorkbookVoila.max_kernels={max_kernels}"] if max_kernels > 0 else []),
    ]


def _with_slashes(path: str) -> str:
    """``path`` with one slash at each end, as Voilà joins it to its own paths."""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def check_budget(max_kernels: int, pool: int, notebooks: Path = NOTEBOOKS_DIR) -> None:
    """Refuse a budget the pre-heated pools fill on their own: every pool place counts against it."""
    places = pool * len(list(notebooks.glob("*.ipynb")))
    if max_kernels <= places:
        raise WorkbookError(
            f"--max-kernels {max_kernels} leaves no kernel for a page view: the pools keep {places} "
            f"(--pool {pool} per notebook); raise --max-kernels above {places} or lower --pool"
        )


def _pool_arguments(pool: int) -> list[str]:
    if pool <= 0:
        return []
    return [
        "--preheat_kernel=True",
        f"--pool_size={pool}",
        f"--VoilaKernelManager.fill_delay={POOL_REFILL_DELAY_SECONDS}",
    ]


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now, tested as Tornado binds (``SO_REUSEADDR``, every address).

    ``SO_REUSEADDR`` as Tornado sets it: a port whose last connections are
    still closing counts as free (Voilà will get it), one with a listener not.
    """
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return True  # an unknown host is Voilà's error to report, with its own words
    for family, kind, protocol, _name, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return False
                if error.errno != errno.EADDRNOTAVAIL:  # e.g. ::1 on a machine without IPv6: Tornado skips it too
                    raise
    return True


def choose_port(host: str, asked: int | None) -> int:
    """The port to serve on, settled before it is printed.

    A port someone asked for (``--port``, ``make run PORT=…``) is used or the
    command fails naming it: they may have told the room that address. With
    no port asked for, the first free one from :data:`DEFAULT_PORT` on.
    """
    if asked is not None:
        if not port_is_free(host, asked):
            raise WorkbookError(
                f"port {asked} on {host} is already in use (another workbook or program listens there); "
                f"choose another with --port, e.g. --port {asked + 1} (make run PORT={asked + 1})"
            )
        return asked
    for port in range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES):
        if port_is_free(host, port):
            return port
    raise WorkbookError(
        f"ports {DEFAULT_PORT}-{DEFAULT_PORT + PORT_TRIES - 1} on {host} are all in use; choose one with --port"
    )
