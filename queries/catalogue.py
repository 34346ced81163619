"""Stored queries: one NAME.rq per query with a header that declares it.

Header lines (datasette-style named parameters, declared and typed):

    # title: Positions on a topic
    # description: Who took which stance on agenda items whose heading matches.
    # param topic: string -- part of the agenda heading (case-insensitive)
    # param from: date optional -- earliest meeting date
    # returns: meeting, date, actor, stance, quote

Parameters are SPARQL variables (?topic) bound at run time, never formatted
into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import QueryError

PARAM_TYPES = {"iri", "actor", "string", "date", "integer", "decimal", "boolean"}
_HEADER = re.compile(r"^#\s*(?P<key>title|description|param|returns)\b\s*:?\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)(?P<optional>\s+optional)?"
                    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<doc>.*))?$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    optional: bool
    default: str | None
    description: str


@dataclass(frozen=True)
class StoredQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    returns: tuple[str, ...]
    sparql: str
    path: Path

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def parse_query_file(path: Path) -> StoredQuery:
    """Read a .rq file and its header."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = match.group("key"), match.group("value").strip()
        if key == "param":
            params.append(_parameter(path, value))
        else:
            fields[key] = (fields.get(key, "") + " " + value).strip()
    if "title" not in fields:
        raise QueryError(f"{path.name}: header has no '# title:' line")
    returns = tuple(c.strip() for c in fields.get("returns", "").split(",") if c.strip())
    return StoredQuery(name=path.stem, title=fields["title"],
                       description=fields.get("description", ""), parameters=tuple(params),
                       returns=returns, sparql=text, path=path)


def _parameter(path: Path, spec: str) -> Parameter:
    match = _PARAM.match(spec)
    if not match or match.group("type") not in PARAM_TYPES:
        raise QueryError(f"{path.name}: bad parameter declaration '{spec}'",
                         hint="write '# param NAME: TYPE [optional] [= default] -- description' "
                              f"with TYPE one of {', '.join(sorted(PARAM_TYPES))}")
    return Parameter(name=match.group("name"), type=match.group("type"),
                     optional=bool(match.group("optional")) or match.group("default") is not None,
                     default=match.group("default"), description=(match.group("doc") or "").strip())


def builtin_query_dir() -> Path:
    return Path(str(resources.files(__package__)))


@lru_cache(maxsize=8)
def _load(directory: str) -> dict[str, StoredQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(Path(directory).glob("*.rq"))}


def catalogue(extra_dirs: tuple[Path, ...] = ()) -> dict[str, StoredQuery]:
    """Every stored query: built-ins first, then the user's folders (same extension point)."""
    queries = dict(_load(str(builtin_query_dir())))
    for directory in extra_dirs:
        queries.update(_load(str(directory)))
    return queries


def get_query(name: str, extra_dirs: tuple[Path, ...] = ()) -> StoredQuery:
    queries = catalogue(extra_dirs)
    if name not in queries:
        raise QueryError(f"unknown query '{name}'",
                         hint="known queries: " + ", ".join(sorted(queries)))
    return queries[name]
