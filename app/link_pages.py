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

from .link_text import integer, line, literal, term
from .ontology.terms import MTG

_POSITION = str(MTG.Position)
SEARCH_BLOCK = 8
"""Statements per search block: small enough that a page of matches reads few quotes that miss."""
SEPARATOR = "\u00b6"
"""Between the quotes of a search block (a pilcrow, not a line break: RDF tools disagree on how to
write a literal with one). Quotes and the needle have theirs made spaces, so no match spans two."""
_SEPARATORS = re.compile("[\n\u00b6]")


def paging_lines(base: str, statements: dict[str, dict], every: dict[str, dict], headings: Iterable[dict],
                 subjects: dict[str, str], dates: dict[str, str]) -> list[str]:
    """Every paging key, as N-Triples lines: statement ranks (`statements` leaves out the ones rejected
    in review; the review order of `every` keeps them), item ranks, and the heading dictionary with
    its postings (`subjects`: agenda item -> the topic concept the link stage gave it)."""
    ranks, kind_ranks = statement_ranks(statements, dates)
    rank, kind_rank = term(MTG.rank), term(MTG.kindRank)
    item_rank, item_at = term(MTG.itemRank), term(MTG.itemAt)
    out = [line(s, rank, integer(n)) for s, n in ranks.items()]
    out += search_lines(base, statements, ranks)
    out += [line(s, kind_rank, integer(n)) for s, n in kind_ranks.items()]
    out += review_rank_lines(every, dates)
    item_ranks, titles = item_order(headings, dates)
    out += [line(item, item_rank, integer(n)) for item, n in item_ranks.items()]
    out += _meeting_range_lines(statements, kind_ranks)
    out += _heading_lines(base, statements, kind_ranks, item_ranks, titles)
    out += [line(concept, item_at, integer(item_ranks[item]))
            for item, concept in sorted(subjects.items()) if item in item_ranks]
    return out


def _meeting_range_lines(statements: dict[str, dict], kind_ranks: dict[str, int]) -> list[str]:
    """Per meeting, the lowest and highest rank of its positions: positions are ranked in date
    order, so a range of dates is a range of ranks."""
    by_meeting = defaultdict(list)
    for s, row in statements.items():
        if row["class"] == _POSITION:
            by_meeting[row["meeting"]].append(kind_ranks[s])
    first, last = term(MTG.positionsFrom), term(MTG.positionsTo)
    out = []
    for meeting, ranks_in in sorted(by_meeting.items()):
        out += [line(meeting, first, integer(min(ranks_in))), line(meeting, last, integer(max(ranks_in)))]
    return out


def _heading_lines(base: str, statements: dict[str, dict], kind_ranks: dict[str, int],
                   item_ranks: dict[str, int], titles: dict[str, tuple[str, str | None]]) -> list[str]:
    """The heading dictionary: one entry per distinct heading, with the ranks of its items and of
    the positions on them."""
    positions = defaultdict(list)  # agenda item -> the kind ranks of its positions
    for s, row in statements.items():
        if row["class"] == _POSITION and row["item"]:
            positions[row["item"]].append(kind_ranks[s])
    entries: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for item, title in titles.items():
        entries[title].append(item)
    text, item_at, position_at = term(MTG.headingText), term(MTG.itemAt), term(MTG.positionAt)
    out = []
    for (title, lang), items in sorted(entries.items(), key=lambda e: (e[0][0], e[0][1] or "")):
        digest = hashlib.sha256(f"{title}\n{lang or ''}".encode()).hexdigest()[:20]
        entry = f"{base}index/heading/{digest}"
        out.append(line(entry, text, literal(title, lang)))
        out += [line(entry, item_at, integer(item_ranks[i])) for i in items]
        out += [line(entry, position_at, integer(r)) for i in items for r in positions[i]]
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


def review_rank_lines(statements: dict[str, dict], dates: dict[str, str]) -> list[str]:
    """Each statement's place in review order: lowest confidence first (none last), then as in
    the statements query (meeting date, agenda item, IRI)."""
    def order(s: str) -> tuple[float, str, str, str]:
        row = statements[s]
        confidence = row["confidence"] if row.get("confidence") is not None else float("inf")
        return confidence, dates.get(row["meeting"], ""), row["item"] or "", s

    review_rank = term(MTG.reviewRank)
    return [line(s, review_rank, integer(rank)) for rank, s in enumerate(sorted(statements, key=order))]


def item_summary_lines(statements: dict[str, dict], labels: dict[str, str]) -> list[str]:
    """Per agenda item: how many positions, commitments and decisions, and which stances and decision
    types (English labels, sorted, ", "-joined): the topic timeline reads these for its page of items
    instead of joining every statement (Oxigraph plans that join as a scan of all statements)."""
    kinds = {_POSITION: 0, str(MTG.Commitment): 1, str(MTG.Decision): 2}
    decision = str(MTG.Decision)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    seen: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for row in statements.values():
        if not row["item"] or row["class"] not in kinds:
            continue
        counts[row["item"]][kinds[row["class"]]] += 1
        stances, types = seen[row["item"]]
        if row["class"] == _POSITION and row.get("stance") in labels:
            stances.add(labels[row["stance"]])
        if row["class"] == decision and row.get("dtype") in labels:
            types.add(labels[row["dtype"]])
    p_on, c_on, d_on = term(MTG.positionsOnItem), term(MTG.commitmentsOnItem), term(MTG.decisionsOnItem)
    s_seen, t_seen = term(MTG.stancesSeen), term(MTG.decisionTypesSeen)
    out = []
    for item, (positions, commitments, decisions) in sorted(counts.items()):
        stances, types = seen[item]
        out += [line(item, p_on, integer(positions)), line(item, c_on, integer(commitments)),
                line(item, d_on, integer(decisions)), line(item, s_seen, literal(", ".join(sorted(stances)))),
                line(item, t_seen, literal(", ".join(sorted(types))))]
    return out


def search_lines(base: str, statements: dict[str, dict], ranks: dict[str, int]) -> list[str]:
    """Search blocks: runs of SEARCH_BLOCK statements in rank order, each with its quotes lower-cased
    in one text (`mtg:searchText`, quotes between SEPARATORs), its statements (`mtg:member`) and their
    highest rank (`mtg:statementsTo`).

    A substring has no index, and reading every quote costs a string lookup each (~28,000 on 1,000
    meetings). Search tests the ~3,000 block texts instead and reads the quotes of the first 100
    matching blocks only: each holds a match, and blocks are ranges of ranks, so the first 100
    matches lie in them."""
    ordered = sorted((rank, s) for s, rank in ranks.items() if statements[s].get("quote") is not None)
    search_text, to, member = term(MTG.searchText), term(MTG.statementsTo), term(MTG.member)
    out = []
    for start in range(0, len(ordered), SEARCH_BLOCK):
        block = ordered[start:start + SEARCH_BLOCK]
        iri = f"{base}index/search/{start // SEARCH_BLOCK}"
        text = SEPARATOR.join(_SEPARATORS.sub(" ", statements[s]["quote"].lower()) for _, s in block)
        out += [line(iri, search_text, literal(text)), line(iri, to, integer(block[-1][0]))]
        out += [line(iri, member, f"<{s}>") for _, s in block]
    return out
