"""fcheck: a command-line toolkit for fact-checks kept as YAML claim records in git."""

from fcheck.version import __version__

__all__ = ["__version__"]
