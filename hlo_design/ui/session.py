"""What every phase notebook does first: read its parameters, open the case, fail kindly.

The same notebook runs three ways. Under papermill the parameters cell gives
``case`` and ``language``, and a bad case must *fail the run* so the batch
reports it. Under Voilà the query string (``?case=zorg&language=en``)
overrides them, and a bad case must show a clear message to a stakeholder —
never a traceback (Voilà hides tracebacks, leaving only a useless error).
Live in JupyterLab it behaves like papermill.

A dashboard served with pre-heated kernels (``hlo-design serve --pool N``)
runs each notebook ahead of any viewer, up to the first call that needs the
request: :func:`in_dashboard`, :func:`query_parameters` or :func:`open_case`
then wait until a viewer takes the kernel and Voilà has put that view's query
string into the environment.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from urllib.parse import parse_qs

from IPython.display import HTML, display
from markupsafe import Markup

from hlo_design.base.config import REPORTS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.casefile.loading import find_case_file, load_case, resolve_case_id
from hlo_design.model.case import Case
from hlo_design.model.perspectives import design_options
from hlo_design.model.roles import task_catalogue
from hlo_design.render.figures.warm_up import warm_up
from hlo_design.ui.save_bar import PageSave
from hlo_design.ui.shared_models import sharing_models

__all__ = ["CaseSession", "in_dashboard", "open_case", "preload", "query_parameters", "wait_for_viewer", "with_session"]

DASHBOARD_PARAMETERS = ("case", "language", "sector", "region", "phase")
"""The only query-string parameters a dashboard accepts (sector and region: the overview; phase: the meeting page); anything else is ignored."""
PREHEAT_VARIABLE = "VOILA_PREHEAT"
"""Voilà sets it to ``True`` in the environment of a kernel it starts for its pool."""


def in_dashboard(environ: Mapping[str, str] = os.environ) -> bool:
    """True inside a Voilà kernel (Voilà sets SERVER_SOFTWARE to ``voila/<version>``)."""
    wait_for_viewer()
    return environ.get("SERVER_SOFTWARE", "").startswith("voila")


def query_parameters(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The dashboard parameters from Voilà's query string (last value wins)."""
    wait_for_viewer()
    parsed = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {key: values[-1] for key, values in parsed.items() if key in DASHBOARD_PARAMETERS}


@functools.cache
def wait_for_viewer() -> None:
    """In a pre-heated Voilà kernel, block until a page view takes it; elsewhere return at once.

    Voilà then sets the view's request variables (``QUERY_STRING``,
    ``SERVER_SOFTWARE``...) in ``os.environ``. Once is enough per kernel,
    hence the cache. Voilà is imported only in a pre-heated kernel, where the
    time is spent before anyone waits: ``voila.utils`` loads the Voilà server
    package (seconds), which papermill runs and plain Voilà kernels never need.
    """
    if os.environ.get(PREHEAT_VARIABLE) != "True":
        return
    preload()
    from voila.utils import wait_for_request

    wait_for_request()


def preload() -> None:
    """Load now what every page loads on first use whatever its case, so a pre-heated kernel does it before the view.

    Each is read once per process: the message catalogue, the catalogues a
    case's rules are checked against, plotly's renderers, which a page's
    first figure imports (with nbformat and jsonschema: 0.3 s of CPU), and
    what plotly loads for each kind of figure the first time one is built
    (:mod:`hlo_design.render.figures.warm_up`).
    """
    vocabulary = Vocabulary()
    vocabulary.has("")  # reads the message catalogue
    design_options()
    task_catalogue()
    import plotly.io

    plotly.io.renderers.default  # noqa: B018 - the attribute imports the renderers
    warm_up(vocabulary)


@dataclass(frozen=True)
class CaseSession:
    """The opened case, its file, and the vocabulary everything in the notebook speaks."""

    case: Case
    path: Path
    vocabulary: Vocabulary
    output_dir: Path
    interactive: bool = True
    """False in batch runs: sections show figures and tables instead of editors (nobody edits a batch)."""
    page: PageSave | None = field(default=None, compare=False)
    """The page's one save button, collecting every editor's changes (absent where nobody edits)."""


Params = ParamSpec("Params")
Result = TypeVar("Result")


def with_session(
    section: Callable[Concatenate[CaseSession, Params], Result],
) -> Callable[Concatenate[CaseSession | None, Params], Result | None]:
    """Let a notebook section take the session :func:`open_case` returned, and show nothing when it is ``None``.

    In a dashboard a case that cannot be opened leaves ``session = None``
    after the error box; every later cell must then stay quiet rather than
    raise. The section itself is written for an open session, and mypy still
    checks the arguments of every call. Widgets of a section share their
    layout and style models where they look alike (:mod:`hlo_design.ui.shared_models`).
    """

    @functools.wraps(section)
    def guarded(session: CaseSession | None, /, *args: Params.args, **kwargs: Params.kwargs) -> Result | None:
        if session is None:
            return None
        with sharing_models():
            return section(session, *args, **kwargs)

    return guarded


def open_case(
    case: str, language: str = "nl", output_dir: str | None = None, *, interactive: bool = True
) -> CaseSession | None:
    """Open the case for a phase notebook, honouring the dashboard's query string.

    A dashboard takes case *ids* only, resolved inside the cases folder (a
    URL must not reach other files); papermill and JupyterLab may also give a
    path. Returns ``None`` after showing the error in a dashboard; raises the
    :class:`WorkbookError` elsewhere, so papermill marks the run as failed.
    ``interactive=False`` (the batch) swaps the editors for static figures:
    hundreds of widget messages per cell are wasted work in a batch and can
    overflow the kernel's message queue on a busy machine. Reports go to
    ``output_dir``, by default the workspace's reports folder (a path relative
    to the notebook would land inside an installed package).
    """
    dashboard = in_dashboard()
    interactive = interactive or dashboard
    if dashboard:
        overrides = query_parameters()
        case = overrides.get("case", case)
        language = overrides.get("language", language)
    try:
        if language not in LANGUAGES:
            raise WorkbookError(f"language {language!r} is not supported; use one of {', '.join(LANGUAGES)}")
        path = resolve_case_id(case) if dashboard else find_case_file(case)
        loaded = load_case(path, vocabulary=Vocabulary(language))
    except WorkbookError as error:
        if not dashboard:
            raise
        show_error(str(error), Vocabulary(language if language in LANGUAGES else "nl"))
        return None
    vocabulary = Vocabulary(language, loaded.region)
    page = PageSave(vocabulary) if interactive else None
    return CaseSession(loaded, path, vocabulary, Path(output_dir or REPORTS_DIR), interactive, page)


def show_error(message: str, vocabulary: Vocabulary) -> None:
    """A readable error box for stakeholders; the message is escaped."""
    box = Markup(
        '<div class="hlo-error-box" role="alert" style="border:2px solid #b3261e;padding:1em;'
        'font-size:1.2em;background:#fff5f5"><b>{}</b><br>{}<br><a href="index.ipynb">{}</a></div>'
    )
    display(HTML(box.format(vocabulary("notebook.error_title"), message, vocabulary("notebook.back_to_start"))))
