"""fcheck: a command-line toolkit for fact-checks kept as YAML claim records in git."""

__version__ = "0.1.0"
