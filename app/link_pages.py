"""Paging keys of the query index: the orders the row-heavy stored queries page through.

A stored query that can return thousands of rows (commitments of an actor,
positions on a topic, a topic's timeline, statements to review) returns one
page of 100 rows at a time, the next page starting after the last row's
`rank`. SPARQL cannot take a LIMIT from a bound parameter, and Oxigraph sorts
only after every row of a query is complete, so the pages come from keys the
link stage writes into the links graph beside the rest of the index
(app/link_index.py):

* `mtg:itemRank`: each agenda item's place in meeting-date order (date,
  meeting, heading, IRI), the order of the topic timeline;
* `mtg:reviewRank`: each statement's place in review order (confidence
  lowest first, then date, agenda item, IRI), so the statements under a
  threshold are a prefix of it;
* `mtg:headingText`: one entry per distinct agenda heading. Oxigraph stores a
  string once, so matching text against the 50-5,000 distinct headings and
  then finding the items with that exact heading costs a seek per match,
  where testing every item's heading costs a string lookup per item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from .ontology.terms import MTG, XSD

_INTEGER = ox.NamedNode(str(XSD.integer))


def _quad(s: str, p: object, o: ox.NamedNode | ox.Literal, graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o, graph)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def page_quads(base: str, headings: Iterable[dict], dates: dict[str, str], graph: ox.NamedNode
               ) -> list[ox.Quad]:
    """Item ranks and the heading dictionary from the items' (item, meeting, title, lang) rows."""
    first_title: dict[str, tuple[str, str]] = {}
    meeting_of: dict[str, str] = {}
    distinct: set[tuple[str, str | None]] = set()
    for row in headings:
        item, title = row["item"], row["title"]
        distinct.add((title, row["lang"]))
        meeting_of.setdefault(item, row["meeting"])
        if item not in first_title or title < first_title[item][0]:
            first_title[item] = (title, row["lang"] or "")

    def order(item: str) -> tuple[str, str, str, str]:
        meeting = meeting_of[item]
        return dates.get(meeting, ""), meeting, first_title[item][0], item

    out = [_quad(item, MTG.itemRank, _integer(rank), graph)
           for rank, item in enumerate(sorted(first_title, key=order))]
    for title, lang in sorted(distinct, key=lambda t: (t[0], t[1] or "")):
        digest = hashlib.sha256(f"{title}\n{lang or ''}".encode()).hexdigest()[:20]
        out.append(_quad(f"{base}index/heading/{digest}", MTG.headingText,
                         ox.Literal(title, language=lang) if lang else ox.Literal(title), graph))
    return out


def review_rank_quads(statements: dict[str, dict], dates: dict[str, str], graph: ox.NamedNode
                      ) -> list[ox.Quad]:
    """Each statement's place in review order: lowest confidence first (none last), then as in
    the statements query (meeting date, agenda item, IRI)."""
    def order(s: str) -> tuple[float, str, str, str]:
        row = statements[s]
        confidence = row["confidence"] if row.get("confidence") is not None else float("inf")
        return confidence, dates.get(row["meeting"], ""), row["item"] or "", s

    return [_quad(s, MTG.reviewRank, _integer(rank), graph)
            for rank, s in enumerate(sorted(statements, key=order))]
