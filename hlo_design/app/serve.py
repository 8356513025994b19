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
"""

from __future__ import annotations

import sys
from pathlib import Path

from hlo_design.base.config import NOTEBOOKS_DIR

__all__ = ["LANDING_PAGE", "voila_command"]

LANDING_PAGE = "voila/render/index.ipynb"
CULL_INTERVAL_SECONDS = 60
CULL_IDLE_AFTER_SECONDS = 900


def voila_command(port: int, *, host: str = "127.0.0.1", notebooks: Path = NOTEBOOKS_DIR) -> list[str]:
    """The command line that starts Voilà on the notebooks folder."""
    return [
        sys.executable,
        "-m",
        "hlo_design.app.voila_server",
        str(notebooks),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_AFTER_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        "--Voila.tornado_settings=disable_check_xsrf=True",
    ]
