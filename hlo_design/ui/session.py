"""What every phase notebook does first: read its parameters, open the case, fail kindly.

The same notebook runs three ways. Under papermill the parameters cell gives
``case`` and ``language``, and a bad case must *fail the run* so the batch
reports it. Under Voilà the query string (``?case=zorg&language=en``)
overrides them, and a bad case must show a clear message to a stakeholder —
never a traceback (Voilà hides tracebacks, leaving only a useless error).
Live in JupyterLab it behaves like papermill.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from urllib.parse import parse_qs

from IPython.display import HTML, display
from markupsafe import Markup

from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.casefile.loading import find_case_file, load_case, resolve_case_id
from hlo_design.model.case import Case

__all__ = ["CaseSession", "in_dashboard", "open_case", "query_parameters", "with_session"]

DASHBOARD_PARAMETERS = ("case", "language")
"""The only query-string parameters a dashboard accepts; anything else is ignored."""


def in_dashboard(environ: Mapping[str, str] = os.environ) -> bool:
    """True inside a Voilà kernel (Voilà sets SERVER_SOFTWARE to ``voila/<version>``)."""
    return environ.get("SERVER_SOFTWARE", "").startswith("voila")


def query_parameters(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The dashboard parameters from Voilà's query string (last value wins)."""
    parsed = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {key: values[-1] for key, values in parsed.items() if key in DASHBOARD_PARAMETERS}


@dataclass(frozen=True)
class CaseSession:
    """The opened case, its file, and the vocabulary everything in the notebook speaks."""

    case: Case
    path: Path
    vocabulary: Vocabulary
    output_dir: Path
    interactive: bool = True
    """False in batch runs: sections show figures and tables instead of editors (nobody edits a batch)."""


Params = ParamSpec("Params")
Result = TypeVar("Result")


def with_session(
    section: Callable[Concatenate[CaseSession, Params], Result],
) -> Callable[Concatenate[CaseSession | None, Params], Result | None]:
    """Let a notebook section take the session :func:`open_case` returned, and show nothing when it is ``None``.

    In a dashboard a case that cannot be opened leaves ``session = None``
    after the error box; every later cell must then stay quiet rather than
    raise. The section itself is written for an open session, and mypy still
    checks the arguments of every call.
    """

    @functools.wraps(section)
    def guarded(session: CaseSession | None, /, *args: Params.args, **kwargs: Params.kwargs) -> Result | None:
        if session is None:
            return None
        return section(session, *args, **kwargs)

    return guarded


def open_case(
    case: str, language: str = "nl", output_dir: str = "reports", *, interactive: bool = True
) -> CaseSession | None:
    """Open the case for a phase notebook, honouring the dashboard's query string.

    A dashboard takes case *ids* only, resolved inside the cases folder (a
    URL must not reach other files); papermill and JupyterLab may also give a
    path. Returns ``None`` after showing the error in a dashboard; raises the
    :class:`WorkbookError` elsewhere, so papermill marks the run as failed.
    ``interactive=False`` (the batch) swaps the editors for static figures:
    hundreds of widget messages per cell are wasted work in a batch and can
    overflow the kernel's message queue on a busy machine.
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
    return CaseSession(loaded, path, Vocabulary(language, loaded.region), Path(output_dir), interactive)


def show_error(message: str, vocabulary: Vocabulary) -> None:
    """A readable error box for stakeholders; the message is escaped."""
    box = Markup(
        '<div class="hlo-error-box" role="alert" style="border:2px solid #b3261e;padding:1em;'
        'font-size:1.2em;background:#fff5f5"><b>{}</b><br>{}<br><a href="index.ipynb">{}</a></div>'
    )
    display(HTML(box.format(vocabulary("notebook.error_title"), message, vocabulary("notebook.back_to_start"))))
