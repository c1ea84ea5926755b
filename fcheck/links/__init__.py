"""Evidence links: checked for life (``fcheck links``) and archived (``--archive``).

- :mod:`fcheck.links.probe`: one URL, HEAD then GET, redirects followed by hand;
- :mod:`fcheck.links.limits`: per-host concurrency and rate;
- :mod:`fcheck.links.store`: results cached for ``[links] max_age`` seconds;
- :mod:`fcheck.links.check`: all URLs of a set of claims, as positioned findings;
- :mod:`fcheck.links.archive`: the Wayback Machine's availability and save APIs;
- :mod:`fcheck.links.insert`: new keys written into a claim file, nothing else changed.

Standard library only (http.client, concurrent.futures): a link check needs no more
than a request without redirects and a bounded read.
"""
