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
* `mtg:headingText`: one entry per distinct agenda heading, with the ranks of
  its items (`mtg:itemAt`) and of the positions on them (`mtg:positionAt`);
  topic concepts get `mtg:itemAt` too. Text is matched against the 50-5,000
  distinct headings instead of every item's heading (a string lookup each),
  and the ranks of the matches are read in one range of the index, so only
  the rows of the page are looked up.

`mtg:rank` and `mtg:kindRank` (the statements query's order) are written here
too. Oxigraph joins a pattern whose object is a bound rank by one seek; a
pattern over a property with unbound values it may read whole, which is why
the stored queries choose their page in a subquery and then join.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from .ontology.terms import MTG, XSD

_INTEGER = ox.NamedNode(str(XSD.integer))
_POSITION = str(MTG.Position)
SEARCH_BLOCK = 8
SEPARATOR = "\u00b6"
"""Between the quotes of a search block (a pilcrow, not a line break: RDF tools disagree on how to
write a literal with one). Quotes and the needle have theirs made spaces, so no match spans two."""
_SEPARATORS = re.compile("[\n\u00b6]")
"""Statements per search block: small enough that a page of matches reads few quotes that miss."""


def _quad(s: str, p: object, o: ox.NamedNode | ox.Literal, graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o, graph)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def paging_quads(base: str, statements: dict[str, dict], every: dict[str, dict], headings: Iterable[dict],
                 subjects: dict[str, str], dates: dict[str, str], graph: ox.NamedNode) -> list[ox.Quad]:
    """Every paging key: statement ranks (`statements` leaves out the ones rejected in review; the
    review order of `every` keeps them), item ranks, and the heading dictionary with its postings
    (`subjects`: agenda item -> the topic concept the link stage gave it)."""
    ranks, kind_ranks = statement_ranks(statements, dates)
    out = [_quad(s, MTG.rank, _integer(rank), graph) for s, rank in ranks.items()]
    out += search_quads(base, statements, ranks, graph)
    out += [_quad(s, MTG.kindRank, _integer(rank), graph) for s, rank in kind_ranks.items()]
    out += review_rank_quads(every, dates, graph)
    item_ranks, titles = item_order(headings, dates)
    out += [_quad(item, MTG.itemRank, _integer(rank), graph) for item, rank in item_ranks.items()]
    positions = defaultdict(list)  # agenda item -> the kind ranks of its positions
    by_meeting = defaultdict(list)
    for s, row in statements.items():
        if row["class"] == _POSITION:
            by_meeting[row["meeting"]].append(kind_ranks[s])
            if row["item"]:
                positions[row["item"]].append(kind_ranks[s])
    for meeting, ranks_in in sorted(by_meeting.items()):  # positions are in date order: a date range
        out += [_quad(meeting, MTG.positionsFrom, _integer(min(ranks_in)), graph),  # is a rank range
                _quad(meeting, MTG.positionsTo, _integer(max(ranks_in)), graph)]
    entries: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for item, title in titles.items():
        entries[title].append(item)
    for (title, lang), items in sorted(entries.items(), key=lambda e: (e[0][0], e[0][1] or "")):
        digest = hashlib.sha256(f"{title}\n{lang or ''}".encode()).hexdigest()[:20]
        entry = f"{base}index/heading/{digest}"
        out.append(_quad(entry, MTG.headingText,
                         ox.Literal(title, language=lang) if lang else ox.Literal(title), graph))
        out += [_quad(entry, MTG.itemAt, _integer(item_ranks[i]), graph) for i in items]
        out += [_quad(entry, MTG.positionAt, _integer(r), graph) for i in items for r in positions[i]]
    out += [_quad(concept, MTG.itemAt, _integer(item_ranks[item]), graph)
            for item, concept in sorted(subjects.items()) if item in item_ranks]
    return out


def statement_ranks(statements: dict[str, dict], dates: dict[str, str]
                    ) -> tuple[dict[str, int], dict[str, int]]:
    """Each statement's place in the order of the statements query (meeting date, agenda item, IRI),
    among all statements (`mtg:rank`) and among those of its kind (`mtg:kindRank`), from 0: a page
    of that query is then a range of ranks instead of a sort of the whole corpus."""
    def key(s: str) -> tuple[str, str, str]:
        row = statements[s]
        return dates.get(row["meeting"], ""), row["item"] or "", s

    ranks, kind_ranks, per_kind = {}, {}, defaultdict(int)
    for rank, s in enumerate(sorted(statements, key=key)):
        kind = statements[s]["class"]
        ranks[s], kind_ranks[s] = rank, per_kind[kind]
        per_kind[kind] += 1
    return ranks, kind_ranks


def item_order(headings: Iterable[dict], dates: dict[str, str]
               ) -> tuple[dict[str, int], dict[str, tuple[str, str | None]]]:
    """Item ranks (meeting date, meeting, heading, IRI) and each item's heading (text, language),
    from the items' (item, meeting, title, lang) rows; an item with two headings keeps the first."""
    titles: dict[str, tuple[str, str | None]] = {}
    meeting_of: dict[str, str] = {}
    for row in headings:
        item, title = row["item"], (row["title"], row["lang"])
        meeting_of.setdefault(item, row["meeting"])
        if item not in titles or title[0] < titles[item][0]:
            titles[item] = title

    def order(item: str) -> tuple[str, str, str, str]:
        meeting = meeting_of[item]
        return dates.get(meeting, ""), meeting, titles[item][0], item

    return {item: rank for rank, item in enumerate(sorted(titles, key=order))}, titles


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


def item_summary_quads(statements: dict[str, dict], labels: dict[str, str], graph: ox.NamedNode
                       ) -> list[ox.Quad]:
    """Per agenda item: how many positions, commitments and decisions, and which stances and decision
    types (English labels, sorted, ", "-joined): the topic timeline reads these for its page of items
    instead of joining every statement (Oxigraph plans that join as a scan of all statements)."""
    kinds = {_POSITION: 0, str(MTG.Commitment): 1, str(MTG.Decision): 2}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    seen: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for row in statements.values():
        if not row["item"] or row["class"] not in kinds:
            continue
        counts[row["item"]][kinds[row["class"]]] += 1
        stances, types = seen[row["item"]]
        if row["class"] == _POSITION and row.get("stance") in labels:
            stances.add(labels[row["stance"]])
        if row["class"] == str(MTG.Decision) and row.get("dtype") in labels:
            types.add(labels[row["dtype"]])
    out = []
    for item, (positions, commitments, decisions) in sorted(counts.items()):
        stances, types = seen[item]
        out += [_quad(item, MTG.positionsOnItem, _integer(positions), graph),
                _quad(item, MTG.commitmentsOnItem, _integer(commitments), graph),
                _quad(item, MTG.decisionsOnItem, _integer(decisions), graph),
                _quad(item, MTG.stancesSeen, ox.Literal(", ".join(sorted(stances))), graph),
                _quad(item, MTG.decisionTypesSeen, ox.Literal(", ".join(sorted(types))), graph)]
    return out


def search_quads(base: str, statements: dict[str, dict], ranks: dict[str, int], graph: ox.NamedNode
                 ) -> list[ox.Quad]:
    """Search blocks: runs of SEARCH_BLOCK statements in rank order, each with its quotes lower-cased
    in one text (`mtg:searchText`, quotes between SEPARATORs), its statements (`mtg:member`) and their
    highest rank (`mtg:statementsTo`).

    A substring has no index, and reading every quote costs a string lookup each (~28,000 on 1,000
    meetings). Search tests the ~3,000 block texts instead and reads the quotes of the first 100
    matching blocks only: each holds a match, and blocks are ranges of ranks, so the first 100
    matches lie in them."""
    ordered = sorted((rank, s) for s, rank in ranks.items() if statements[s].get("quote") is not None)
    out = []
    for start in range(0, len(ordered), SEARCH_BLOCK):
        block = ordered[start:start + SEARCH_BLOCK]
        iri = f"{base}index/search/{start // SEARCH_BLOCK}"
        text = SEPARATOR.join(_SEPARATORS.sub(" ", statements[s]["quote"].lower()) for _, s in block)
        out += [_quad(iri, MTG.searchText, ox.Literal(text), graph),
                _quad(iri, MTG.statementsTo, _integer(block[-1][0]), graph)]
        out += [_quad(iri, MTG.member, ox.NamedNode(s), graph) for _, s in block]
    return out
