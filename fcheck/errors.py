"""The exceptions fcheck raises for known failures.

The CLI turns every :class:`FcheckError` into one line on stderr and exit status 1,
so a message here must say what went wrong and what to do about it.
"""

from __future__ import annotations


class FcheckError(Exception):
    """A known failure with a message meant for the user."""


class ClaimNotFoundError(FcheckError):
    """No claim has the requested id."""
