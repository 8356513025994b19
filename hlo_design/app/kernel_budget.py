"""A ceiling on the kernels one workbook server runs: a page view beyond it gets a friendly "come back".

Voilà starts a kernel for every page view and has no upper bound (voila-dashboards/voila#617):
a room of thirty that opens the link at once starts thirty kernels of ~250 MB each, and a
laptop runs out of memory and falls over for everyone. ``hlo-design serve --max-kernels N``
therefore refuses a page view that would need a kernel beyond ``N`` with HTTP 503, a
``Retry-After`` and a short page in the viewer's language (``?language=en``; Dutch by
default) that says to try again in a minute; the kernels already running keep working.

What counts: every kernel a viewer holds, every place of the pre-heated pools (a pool kernel is
memory spent whether or not anyone views it), and every view still being rendered (its kernel
may not have started yet, and a burst of views arrives before any has). That errs on the safe
side: a view being rendered may be counted twice for the seconds it renders. A refilling pool
place in its first seconds (``POOL_REFILL_DELAY_SECONDS``) may already have started its kernel,
which is then counted once as a view and once as a place; also on the safe side.

Culling of idle kernels is unchanged; the participants' pages under ``/join`` start no kernel and
are never refused. The default ceiling follows from the machine's memory and the measured size of
a kernel (:func:`default_max_kernels`, ``docs/capacity.md``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from typing import Any

import psutil

from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.render.report import render_template

__all__ = ["KERNEL_MB", "RESERVED_MB", "RETRY_AFTER_SECONDS", "busy_page", "default_max_kernels", "kernels_held"]

KERNEL_MB = 250
"""Memory counted for one page view: ``benchmarks/bench_capacity.py`` measured at most 183 MB (the kernel
after its page was drawn, 169 MB, plus what the view added to the server), and this leaves a headroom of
1.37 for what a kernel grows while a group works with the page, which that benchmark does not see
(docs/capacity.md)."""
RESERVED_MB = 1024
"""Left for the operating system, the Voilà server itself and the browser on the same machine."""
MIN_KERNELS = 2
RETRY_AFTER_SECONDS = 60


def default_max_kernels(total_bytes: int | None = None) -> int:
    """How many kernels fit in this machine's memory: (total − :data:`RESERVED_MB`) / :data:`KERNEL_MB`, at least 2."""
    total_mb = (psutil.virtual_memory().total if total_bytes is None else total_bytes) / 2**20
    return max(MIN_KERNELS, int((total_mb - RESERVED_MB) // KERNEL_MB))


def kernels_held(kernel_ids: Iterable[str], pools: Mapping[str, list[asyncio.Future[Any]]], rendering: int) -> int:
    """Kernels spoken for: those held by viewers, every pool place, and the views being rendered.

    ``pools`` is Voilà's pre-heat bookkeeping (notebook → futures that end in a dict with the
    ready kernel's ``kernel_id``); a kernel a ready place holds is counted as that place only.
    """
    places = [place for pool in pools.values() for place in pool]
    ready = {
        place.result()["kernel_id"]
        for place in places
        if place.done() and not place.cancelled() and place.exception() is None
    }
    viewers = [kernel_id for kernel_id in kernel_ids if kernel_id not in ready]
    return len(viewers) + len(places) + rendering


def busy_page(language: str, again: str) -> str:
    """The page a refused viewer reads, in ``language`` (Dutch when unknown); ``again`` is the address to retry."""
    vocabulary = Vocabulary(language if language in LANGUAGES else LANGUAGES[0])
    return render_template(
        "busy.html.j2", t=vocabulary, language=vocabulary.language, again=again, retry_after=RETRY_AFTER_SECONDS
    )
