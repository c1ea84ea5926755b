"""The options several commands share, each defined once.

The filter options (--status, --rating, --tag, --entity, --source, --article,
--search) are added to a command by :func:`with_filters`, which hands the command one
:class:`~fcheck.filters.ClaimFilter` in place of seven parameters.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from fcheck.vocabulary import RATINGS, STATUSES

F = TypeVar("F", bound=Callable[..., Any])


def check_choices(values: Any, allowed: Iterable[str], option: str) -> Any:
    """Reject a value outside ``allowed`` as a usage error (exit 2) listing the choices."""
    allowed = list(allowed)
    given = [values] if isinstance(values, str) else list(values or [])
    for value in given:
        if value not in allowed:
            raise typer.BadParameter(
                f"'{value}' is not one of: {', '.join(allowed)}", param_hint=f"'{option}'"
            )
    return values


def check_ratings(claims: Path, values: Any) -> None:
    """Ratings are checked against the collection's own vocabulary (fcheck.toml), once
    the collection is known (after parsing, since --rating may come before --claims)."""
    if not values:
        return
    from fcheck.config import load_config

    try:
        check_choices(values, load_config(claims).rating_names, "--rating")
    except typer.BadParameter as exc:
        exc.ctx = click_context()
        raise


def click_context() -> Any:
    from typer._click.globals import get_current_context

    return get_current_context(silent=True)


def _collection_error(message: str) -> NoReturn:
    """A usage error about where the collection is: one line, exit 2."""
    from fcheck.cli.base import error

    error(message)
    raise typer.Exit(2)


def resolve_claims(ctx: Any, param: Any, value: Path | None) -> Path:
    """--claims as given (option or FCHECK_CLAIMS), or found from the current folder."""
    from fcheck.locate import find_claims_dir, find_collection, is_article_folder

    source = ctx.get_parameter_source(param.name)
    if value is None or source is None or source.name == "DEFAULT":
        found = find_claims_dir(Path.cwd())
        if found is None:
            _collection_error(
                "no fcheck collection here or in any parent folder; "
                "run `fcheck init` or pass --claims DIR"
            )
        if not found.is_dir():
            root = find_collection(Path.cwd())
            _collection_error(
                f"the collection in {root} has no claims/ folder yet; create it "
                "(`fcheck init` makes one) or pass --claims DIR"
            )
        return found
    given = "FCHECK_CLAIMS=" if source.name == "ENVIRONMENT" else "--claims "
    if not value.exists():
        _collection_error(f"{given}{value}: the folder does not exist")
    if not value.is_dir():
        _collection_error(f"{given}{value}: a file, not the folder of the claims")
    if is_article_folder(value):
        parent = value.resolve().parent
        if not value.is_absolute():
            parent = Path(os.path.relpath(parent))
        _collection_error(
            f"{given}{value} is an article folder (it has article.yaml); pass the folder "
            f"that holds the articles: --claims {parent}"
        )
    return value


def complete(values: Iterable[str]) -> Callable[..., list[str]]:
    """Shell completion offering ``values``."""
    names = tuple(values)

    def offer(incomplete: str) -> list[str]:
        return [name for name in names if name.startswith(incomplete)]

    return offer


def _checked(choices: Iterable[str], name: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The callback and completion of a parameter taking one of static ``choices``
    (called ``name`` in the error): checked, listed in the error, offered by the shell."""
    allowed = tuple(choices)
    return (lambda value: check_choices(value, allowed, name)), complete(allowed)


def choice_option(*names: str, choices: Iterable[str], **kwargs: Any) -> Any:
    check, offer = _checked(choices, names[0])
    return typer.Option(*names, callback=check, autocompletion=offer, **kwargs)


def choice_argument(metavar: str, choices: Iterable[str], name: str, **kwargs: Any) -> Any:
    check, offer = _checked(choices, name)
    return typer.Argument(metavar=metavar, callback=check, autocompletion=offer, **kwargs)


def format_option(formats: Iterable[str], help_text: str = "Output format.", **kwargs: Any) -> Any:
    """``--format``/``-f`` of a command whose formats are ``formats``."""
    names = tuple(formats)
    return choice_option(
        "--format",
        "-f",
        choices=names,
        metavar="[" + "|".join(names) + "]",
        help=help_text,
        **kwargs,
    )


ClaimsDir = Annotated[
    Path,
    typer.Option(
        "--claims",
        envvar="FCHECK_CLAIMS",
        metavar="DIR",
        help="The claims folder (one folder per article) [default: claims/ of the nearest "
        "folder, here or above, that holds claims/ or fcheck.toml].",
        show_default=False,
        callback=resolve_claims,
    ),
]
OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        metavar="FILE",
        help="Write to this file instead of stdout (- for stdout).",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the --output file if it exists.")]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for parsing (default: one per core for large collections; "
        "1: no workers).",
        show_default=False,
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Re-read every file instead of reusing unchanged files' results "
        "(cache in $FCHECK_CACHE_DIR or your cache folder).",
    ),
]

# The filter options ------------------------------------------------------------------
StatusFilter = Annotated[
    list[str] | None,
    choice_option(
        "--status",
        "-s",
        choices=STATUSES,
        metavar="STATUS",
        help="Only claims with this status (repeatable): " + ", ".join(STATUSES) + ".",
    ),
]
RatingFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--rating",
        "-r",
        metavar="RATING",
        help="Only claims with this rating (repeatable): "
        + ", ".join(RATINGS)
        + " (or the labels configured in fcheck.toml).",
    ),
]
TagFilter = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="Only claims with this tag (repeatable)."),
]
EntityFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--entity",
        "-e",
        metavar="NAME",
        help="Only claims naming this entity (repeatable); whole words of the name, any "
        "case: Massimov matches Karim Massimov.",
    ),
]
SourceFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--source", metavar="TEXT", help="Only claims whose source name or 'via' contains this."
    ),
]
ArticleFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--article", "-a", metavar="SLUG", help="Only claims of this article slug (repeatable)."
    ),
]
SearchFilter = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-q",
        metavar="TEXT",
        help="Case-insensitive text search in claim, quote and notes.",
    ),
]

# parameter name -> (its annotation, the ClaimFilter field it fills)
FILTERS: dict[str, tuple[Any, str]] = {
    "status": (StatusFilter, "statuses"),
    "rating": (RatingFilter, "ratings"),
    "tag": (TagFilter, "tags"),
    "entity": (EntityFilter, "entities"),
    "source": (SourceFilter, "sources"),
    "article": (ArticleFilter, "articles"),
    "search": (SearchFilter, "search"),
}
FILTER_PARAMETER = "claim_filter"


def with_filters(command: F) -> F:
    """Give ``command`` the filter options in place of its ``claim_filter`` parameter.

    Typer reads the options from the signature; the wrapper builds the
    :class:`~fcheck.filters.ClaimFilter` from them and passes it on.
    """
    signature = inspect.signature(command)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name != FILTER_PARAMETER:
            annotation = parameter.annotation
            if isinstance(annotation, str):  # from __future__ import annotations
                annotation = eval(annotation, command.__globals__)
            parameters.append(
                parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
            )
            continue
        parameters.extend(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=None
            )
            for name, (annotation, _) in FILTERS.items()
        )
    if len(parameters) == len(signature.parameters):
        raise TypeError(f"{command.__name__} has no {FILTER_PARAMETER} parameter")

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        from fcheck.filters import ClaimFilter

        fields: dict[str, Any] = {}
        for name, (_, field) in FILTERS.items():
            value = kwargs.pop(name)
            fields[field] = value if field == "search" else tuple(value or ())
        kwargs[FILTER_PARAMETER] = ClaimFilter(**fields)
        check_ratings(kwargs["claims"], fields["ratings"])
        return command(**kwargs)

    del wrapper.__wrapped__  # typer must read the new signature, not the command's
    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]
