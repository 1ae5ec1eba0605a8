"""Samverkan: the platform for municipal crime-prevention councils."""

from importlib.metadata import PackageNotFoundError, version

try:
    # The installed package's version: shown in the footer and in /healthz.
    __version__ = version("samverkan")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0.0.0+unknown"
