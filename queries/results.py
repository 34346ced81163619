"""Query results as rows of plain Python values, and their text formats."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pyoxigraph as ox

FORMATS = ("table", "csv", "tsv", "json")
HTML_MAX_ROWS = 500
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class QueryResult:
    """Columns in order and one dict per row (values already Python)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, object], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> list[dict[str, object]]:
        return [dict(row) for row in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame (needs the 'pandas' extra)."""
        try:
            import pandas as pd
        except ImportError as exc:
            from ..errors import UsageError

            raise UsageError("pandas is not installed", hint="pip install 'overleg[pandas]'"
                             ) from exc
        return pd.DataFrame(self.to_dicts(), columns=list(self.columns))

    def _repr_html_(self) -> str:
        """Jupyter shows results as an HTML table; every value is escaped."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in self.columns) + "</tr>"
            for row in self.rows[:HTML_MAX_ROWS])
        more = len(self.rows) - HTML_MAX_ROWS
        note = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        if more > 0:
            note += f", first {HTML_MAX_ROWS} shown (to_dataframe() has them all)"
        return (f'<table class="overleg-result"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table><p>{html.escape(note)}</p>")

    def render(self, fmt: str = "table") -> str:
        if fmt == "json":
            return json.dumps({"columns": list(self.columns), "rows": self.to_dicts()},
                              ensure_ascii=False, indent=2, default=str)
        if fmt in {"csv", "tsv"}:
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                                lineterminator="\n")
            writer.writerow(self.columns)
            for row in self.rows:
                writer.writerow(["" if row.get(c) is None else row.get(c) for c in self.columns])
            return buffer.getvalue()
        return _table(self.columns, self.rows)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _table(columns: tuple[str, ...], rows: tuple[dict[str, object], ...], width: int = 60) -> str:
    def cell(value: object) -> str:
        text = "" if value is None else " ".join(str(value).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def python_value(term: ox.Term | None) -> object:
    """A Python value for an RDF term: IRIs as str, typed literals converted."""
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        return literal_value(term.value, term.datatype.value)
    if term is None:
        return None
    if kind is ox.BlankNode:
        return f"_:{term.value}"
    return str(term)


def _decimal(text: str) -> float:
    return float(Decimal(text))


# datatype IRI -> converter; anything else (strings, language-tagged text) stays text
_CONVERTERS = {_XSD + "integer": int, _XSD + "int": int, _XSD + "long": int, _XSD + "decimal": _decimal,
               _XSD + "double": float, _XSD + "float": float,
               _XSD + "boolean": lambda text: text in {"true", "1"}, _XSD + "date": date.fromisoformat}


def literal_value(text: str, datatype: str | None) -> object:
    convert = _CONVERTERS.get(datatype)  # type: ignore[arg-type]
    if convert is None:
        return text
    try:
        return convert(text)
    except (ValueError, ArithmeticError):
        return text


def from_oxigraph(solutions: ox.QuerySolutions) -> QueryResult:
    """Rows of a SELECT; terms are read by position (cheaper than by name, rows can be many)."""
    columns = tuple(v.value for v in solutions.variables)
    indices = range(len(columns))
    rows = tuple(dict(zip(columns, [python_value(s[i]) for i in indices], strict=True)) for s in solutions)
    return QueryResult(columns, rows)


def from_sparql_json(data: Mapping[str, object]) -> QueryResult:
    """Rows from a SPARQL 1.1 JSON results document (what endpoints answer).

    Values are converted exactly as for the embedded store, so a query gives the
    same rows on both.
    """
    if "boolean" in data:
        return QueryResult(("result",), ({"result": bool(data["boolean"])},))
    columns = tuple(data.get("head", {}).get("vars", []))  # type: ignore[union-attr]
    bindings = data.get("results", {}).get("bindings", [])  # type: ignore[union-attr]
    rows = tuple({c: json_value(b.get(c)) for c in columns} for b in bindings)
    return QueryResult(columns, rows)


def json_value(term: Mapping[str, str] | None) -> object:
    """A Python value for one term of SPARQL JSON results."""
    if term is None:
        return None
    kind = term.get("type")
    if kind == "uri":
        return term["value"]
    if kind == "bnode":
        return f"_:{term['value']}"
    return literal_value(term["value"], term.get("datatype"))
