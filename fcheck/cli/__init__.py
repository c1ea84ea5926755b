"""The command-line interface: thin adapters from options to core calls to reporters.

Nothing here decides what is valid or how things are counted; that is the core's
job (``fcheck.collection``, ``fcheck.filters``, ``fcheck.summary``). Heavy modules are
imported inside the commands so that ``fcheck --help`` starts fast.

- ``base``: the root group (one stderr line per known failure), closed pipes
- ``options``: the options commands share, the filter options once
- ``run``: load -> filter -> render -> exit status
- ``reading``, ``publishing``, ``workflow``: the commands, by group
- ``app``: the ``fcheck`` program and the order of its commands
"""

from fcheck.cli.app import app, main

__all__ = ["app", "main"]
