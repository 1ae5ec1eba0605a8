"""The package build's one addition to pyproject.toml: the translations are compiled into the
wheel, so that an install outside a checkout has its Swedish interface (.mo files are not
kept in git)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            # An editable install (`make install`) uses the checkout in place, where
            # `samverkan compiletranslations` compiles them; nothing is copied to a build dir.
            return
        # Loaded by its path: the package itself (and Django) is not importable in the build.
        spec = importlib.util.spec_from_file_location(
            "translation_files", HERE / "samverkan" / "core" / "translation_files.py"
        )
        if spec is None or spec.loader is None:
            raise RuntimeError("samverkan/core/translation_files.py is missing")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        built = Path(self.build_lib) / "samverkan" / "locale"
        compiled = module.translations_compile(locale_dir=built, force=True)
        if not compiled:
            raise RuntimeError(f"no translations found to compile under {built}")


setup(cmdclass={"build_py": BuildPyWithTranslations})
