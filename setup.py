"""The wheel carries the workbook's own files inside the package, as ``hlo_design/_resources/``.

Catalogues, messages, notebooks, templates and example cases stay where
people edit them (``data/``, ``notebooks/``, ``templates/`` at the top of the
clone), so ``make run``, the tests and editable installs read them there.
An installed wheel has no clone around it, so the build copies them into the
package, where :func:`hlo_design.base.config.resources_root` finds them.
Patterns, not whole folders: a clone's working files (meeting store, kept
versions, ``.bak``) must not ship. ``MANIFEST.in`` puts the same files in the
sdist, so a wheel built from it has them too. ``tests/test_wheel.py`` proves
that an installed wheel works outside the clone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
RESOURCES = {
    "data": ["*.yaml", "cases/*.yaml", "messages/*.yaml"],
    "notebooks": ["*.ipynb"],
    "templates": [
        "*.j2",
        "meeting/*.html",
        "meeting/static/*.css",
        "meeting/static/*.js",
        "jupyter/voila/templates/hlo/conf.json",
        "jupyter/voila/templates/hlo/*.j2",
        "jupyter/voila/templates/hlo/static/*",
    ],
}


class BuildWithResources(build_py):
    """``build_py`` that also copies the resources into ``<build>/hlo_design/_resources/``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the clone's own folders
            return
        target = Path(self.build_lib) / "hlo_design" / "_resources"
        shutil.rmtree(target, ignore_errors=True)  # nothing left over from an earlier build
        for folder, patterns in RESOURCES.items():
            for pattern in patterns:
                for source in sorted((ROOT / folder).glob(pattern)):
                    copy = target / source.relative_to(ROOT)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildWithResources})
