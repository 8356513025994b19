"""Writing files so that nobody ever sees half of one.

A case file saved during a meeting and a report read by a stakeholder must be
either the old version or the new one: we write a temporary file in the same
folder, flush it to disk and rename it over the target (atomic on POSIX and
Windows). The new file keeps the old one's permissions, or gets the usual
ones (0666 minus the umask) — not the 0600 of a temporary file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["STALE_TEMPORARY_SECONDS", "write_atomically"]

STALE_TEMPORARY_SECONDS = 60
"""A temporary file this old belongs to a save that was killed; a live save takes milliseconds."""


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes, *, keep_previous: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step; with ``keep_previous`` the old file stays as ``<name>.bak``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
            if keep_previous:
                shutil.copy2(path, path.with_name(path.name + ".bak"))
        else:
            Path(temporary).chmod(_default_mode())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files of earlier saves of ``path`` that were killed before their rename."""
    limit = time.time() - STALE_TEMPORARY_SECONDS
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if stray.stat().st_mtime < limit:
                stray.unlink()
        except FileNotFoundError:  # another save cleaned it up first
            continue
