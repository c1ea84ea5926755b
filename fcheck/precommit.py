"""The pre-commit hook fcheck proposes: written by ``fcheck init`` into
.pre-commit-config.yaml and shown by ``fcheck init --help`` for an existing one."""

from __future__ import annotations

# One line each; the last is where `fcheck init` puts its comment above.
LOCAL_HOOK = (
    "- repo: local",
    "  hooks:",
    "    - id: fcheck-validate",
    "      name: fcheck validate",
    "      entry: fcheck validate",
    "      language: system",
    "      files: ^claims/.*\\.(ya?ml|txt)$",
    "      pass_filenames: false",
)


def hook_text(indent: str, before_last: str = "") -> str:
    """The hook as YAML lines indented by ``indent``, with ``before_last`` (comment
    lines, already indented) before its last line."""
    lines = [indent + line for line in LOCAL_HOOK]
    return "\n".join([*lines[:-1], *([before_last] if before_last else []), lines[-1]]) + "\n"
