"""JupyterHub on one machine: every coach gets a workbook of their own (``jupyterhub -f deploy/jupyterhub_config.py``).

Each coach's "single-user server" is not a Jupyter server but ``hlo-design serve``
(standalone Voilà: the coach sees dashboards and can run no code of their own),
wrapped by jhsingle-native-proxy. That wrapper listens where the hub expects the
coach's server, checks the hub's login (OAuth) on every request, strips the
hub's ``/user/<name>`` prefix and forwards to Voilà; ``--base-url`` tells Voilà
that prefix so the addresses in its pages (static files, kernel websockets)
carry it. jupyter-server-proxy would need a whole Jupyter server per coach,
which can run code: that is what standalone Voilà avoids.

Everything that differs between machines comes from environment variables, so
that the test (``tests/browser/test_jupyterhub.py``) runs this very file on free ports and
temporary folders. Settings given on jupyterhub's command line win over this file.

================================  ==========================================================  ==========================
variable                          what                                                        default
================================  ==========================================================  ==========================
``HLO_HUB_URL``                   where people open the hub                                   ``http://:8000``
``HLO_HUB_API_URL``               the hub's own API, for the proxy and the coaches' servers   ``http://127.0.0.1:8081``
``HLO_HUB_PROXY_API_URL``         configurable-http-proxy's API                               ``http://127.0.0.1:8001``
``HLO_HUB_PROXY``                 the configurable-http-proxy program                         ``.cache/node`` (make
                                                                                              hub-proxy), else PATH
``HLO_HUB_STATE``                 the hub's database, cookie secret and proxy pid file        ``/srv/hlo-design/hub``
``HLO_HUB_WORKSPACES``            one workspace per coach: ``<this>/<name>``                  ``/srv/hlo-design/coaches``
``HLO_HUB_COACHES``               the coaches who may log in (comma-separated names)          nobody
``HLO_HUB_ADMINS``                hub administrators (comma-separated names)                  nobody
``HLO_HUB_AUTHENTICATOR``         how people log in (a JupyterHub authenticator)              ``pam``
``HLO_HUB_SPAWNER``               how coaches' servers start                                  ``localprocess``
``HLO_HUB_POOL``                  pre-heated kernels per notebook per coach                   ``1``
``HLO_HUB_CULL_AFTER_SECONDS``    stop a coach's server after this long without traffic       ``3600``
``HLO_DESIGN_STORE``              the meeting store all coaches share (PostgreSQL URL)        SQLite in each workspace
================================  ==========================================================  ==========================
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path
from typing import Any

from hlo_design.app.serve import LANDING_PAGE
from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.base.workspace import WORKSPACE_ENV, init_workspace
from hlo_design.meeting.store import STORE_ENV

c: Any = get_config()  # type: ignore[name-defined]  # noqa: F821 - JupyterHub defines it for its config file

REPOSITORY = Path(__file__).resolve().parent.parent
PROXY_FROM_MAKE = REPOSITORY / ".cache" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
STATE = Path(os.environ.get("HLO_HUB_STATE", "/srv/hlo-design/hub"))
WORKSPACES = Path(os.environ.get("HLO_HUB_WORKSPACES", "/srv/hlo-design/coaches"))
READY_SECONDS = 300
"""How long the wrapper waits for Voilà to start answering. When that runs out, jhsingle-native-proxy 0.8.3
waits for the process to end instead of failing, and the coach's first page never comes; its default of
10 s ran out whenever the machine was busy."""
READY_CHECK_PATH = "/voila/static/voila.js"
"""What the wrapper asks to see whether Voilà is up: a static file, answered at once. A check counts only if it is
answered within 1 s, which Voilà's default (the notebook list at ``/``) missed on a busy machine."""
SPAWNER = os.environ.get("HLO_HUB_SPAWNER", "localprocess")


def _names(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


def _proxy_command() -> str:
    """configurable-http-proxy: as the operator says, else as ``make hub-proxy`` installed it, else from PATH."""
    if os.environ.get("HLO_HUB_PROXY"):
        return os.environ["HLO_HUB_PROXY"]
    if PROXY_FROM_MAKE.exists():
        return str(PROXY_FROM_MAKE)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


# --- the hub and its proxy ------------------------------------------------------------------------------------------
STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.bind_url = os.environ.get("HLO_HUB_URL", "http://:8000")
c.JupyterHub.hub_bind_url = os.environ.get("HLO_HUB_API_URL", "http://127.0.0.1:8081")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [_proxy_command()]
c.ConfigurableHTTPProxy.api_url = os.environ.get("HLO_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# After logging in a coach goes straight to the workbook's start page: /hub/spawn starts their server if it
# is not running, then follows `next`; user-redirect puts in their own /user/<name>/.
c.JupyterHub.default_url = f"/hub/spawn?next=/hub/user-redirect/{LANDING_PAGE}"

# --- who may log in ---------------------------------------------------------------------------------------------------
c.JupyterHub.authenticator_class = os.environ.get("HLO_HUB_AUTHENTICATOR", "pam")
c.Authenticator.allowed_users = _names("HLO_HUB_COACHES")
c.Authenticator.admin_users = _names("HLO_HUB_ADMINS")

# --- each coach's workbook ---------------------------------------------------------------------------------------------
# `localprocess` runs each coach's server as the system user of that name (the hub runs as root);
# `simple` runs them all as the hub's own user, for a trial or the test.
c.JupyterHub.spawner_class = SPAWNER
c.Spawner.cmd = [
    sys.executable, "-m", "hlo_design.app.hub_proxy",  # jhsingle-native-proxy, see that module
    "--destport=0",  # a free port for Voilà, put in for {port}
    f"--ready-timeout={READY_SECONDS}",
    f"--ready-check-path={READY_CHECK_PATH}",
    "--ip=127.0.0.1",  # only the hub's proxy on this machine talks to it
    # The hub learns of a coach's activity from its proxy's traffic, which is what the idle culler judges by.
    # The wrapper's own reports are off: by default they say "active" every 5 minutes, traffic or not,
    # which would keep every workbook from the culler.
    "--last-activity-interval=0",
    # the workbook itself; {--} is how the wrapper passes an option through, {base_url} is /user/<name>
    sys.executable, "{-}m", "hlo_design.app.cli", "serve", "{--}no-browser", "{--}port={port}",
    "{--}base-url={base_url}/", f"{{--}}pool={int(os.environ.get('HLO_HUB_POOL', '1'))}",
]  # fmt: skip
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def _prepare_workspace(spawner: Any) -> None:
    """The coach's own workspace, made on their first start with the example cases to try things on.

    Later starts leave it as the coach left it (an example they deleted stays deleted). With
    ``localprocess`` the server runs as the coach, so the workspace is theirs.
    """
    workspace = WORKSPACES / spawner.user.name
    if not workspace.exists():
        init_workspace(workspace, EXAMPLE_CASES_DIR)
        if SPAWNER == "localprocess" and os.geteuid() == 0:
            coach = pwd.getpwnam(spawner.user.name)
            for path in [workspace, *workspace.rglob("*")]:
                os.chown(path, coach.pw_uid, coach.pw_gid)
    spawner.environment[WORKSPACE_ENV] = str(workspace)
    if os.environ.get(STORE_ENV):  # one store for all coaches; without it each workspace keeps its own SQLite file
        spawner.environment[STORE_ENV] = os.environ[STORE_ENV]


c.Spawner.pre_spawn_hook = _prepare_workspace
c.SimpleLocalProcessSpawner.home_dir_template = str(WORKSPACES / "{username}")

# --- stopping idle workbooks -------------------------------------------------------------------------------------------
CULL_AFTER_SECONDS = int(os.environ.get("HLO_HUB_CULL_AFTER_SECONDS", "3600"))
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable, "-m", "jupyterhub_idle_culler",
            f"--timeout={CULL_AFTER_SECONDS}", f"--cull-every={max(60, CULL_AFTER_SECONDS // 6)}",
        ],
    }
]  # fmt: skip
