"""Reporter registries of the workflow commands (candidates, history, stats)."""

from __future__ import annotations

CANDIDATES_FORMATS = {
    "text": "fcheck.reporters.candidates:candidates_text",
    "json": "fcheck.reporters.candidates:candidates_json",
}
HISTORY_FORMATS = {
    "text": "fcheck.reporters.history:history_text",
    "json": "fcheck.reporters.history:history_json",
}
STATS_FORMATS = {
    "text": "fcheck.reporters.stats:stats_text",
    "json": "fcheck.reporters.stats:stats_json",
}
LINKS_FORMATS = {
    "text": "fcheck.reporters.links:links_text",
    "json": "fcheck.reporters.links:links_json",
    "github": "fcheck.reporters.links:links_github",
}
STATUS_FORMATS = {
    "text": "fcheck.reporters.status:status_text",
    "json": "fcheck.reporters.status:status_json",
}
