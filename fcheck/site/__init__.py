"""A static website of the collection (``fcheck site``).

The builders are pure: :func:`fcheck.site.build.build_site` returns every file of the
site as ``{relative path: bytes}`` and writes nothing; :func:`fcheck.site.write.write_site`
(called by the command only) puts them in place atomically. Every link is relative, so
the folder works as it is on any static host and from ``file://``; nothing is fetched
from outside it, and each page's Content-Security-Policy allows only its own inline
style and script, pinned by hash.

This module imports nothing, so that importing :mod:`fcheck.site.paths` stays cheap.
"""
