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
* `mtg:reviewRank`: each statement's key in review order (confidence
  lowest first, then date, agenda item, IRI), so the statements under a
  threshold are a prefix of it; the keys of one confidence value are a run of
  their own, so a minute dated after the rest moves no other key;
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

Every rank is dated (`dated_ranks`): a meeting date's day number times
DAY_SPAN, plus the row's place among the rows of that date. A minute of a
new date takes numbers of its own and moves no other rank; a change within
one date (another minute that day, a statement rejected in review) moves the
ranks of that date only. With ranks 0 to n-1, a minute dated early in the
corpus, or one rejected statement, moved every rank after it: 2.3 million
links triples rewritten at 10,000 minutes (a ~93 s relink). Pages are
therefore the lowest keys after `after` (ORDER BY ... LIMIT in a subquery),
never a range of 100 numbers.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from .link_text import integer, line, literal, numbered, term
from .ontology.terms import MTG

_POSITION = str(MTG.Position)
DAY_SPAN = 10**6
"""Numbers per meeting date: a rank is the date's day number (days since 0001-01-01) times this,
plus the place among that date's rows (a date with more rows runs on into the next numbers)."""
LAST_DAY = 10**6 - 1
"""The highest day number (the year 2738): dated ranks stay below KIND_SPAN."""
KIND_SPAN = 10**12
"""Kind ranks of positions, commitments and decisions lie in [0, KIND_SPAN), [KIND_SPAN, 2 KIND_SPAN)
and [2 KIND_SPAN, 3 KIND_SPAN): a page of one kind is the lowest keys in its span, and a kind rank
names one statement (statements.rq and commitments.rq hold this number)."""
KIND_ORDER = {str(MTG.Position): 0, str(MTG.Commitment): 1, str(MTG.Decision): 2}
SEARCH_BLOCK = 8
"""Statements per search block: small enough that a page of matches reads few quotes that miss."""
SEPARATOR = "\u00b6"
"""Between the quotes of a search block (a pilcrow, not a line break: RDF tools disagree on how to
write a literal with one). Quotes and the needle have theirs made spaces, so no match spans two."""
_SEPARATORS = re.compile("[\n\u00b6]")


def paging_parts(base: str, statements: dict[str, dict], every: dict[str, dict], headings: Iterable[dict],
                 subjects: dict[str, str], dates: dict[str, str]) -> Iterator[list[str]]:
    """Every paging key, as batches of N-Triples lines, one kind of key at a time (so the link stage
    never holds all of them): statement ranks (`statements` leaves out the ones rejected in review;
    the review order of `every` keeps them), item ranks, and the heading dictionary with its postings
    (`subjects`: agenda item -> the topic concept the link stage gave it)."""
    ordered = statement_order(every, dates)
    ranks, kind_ranks = statement_ranks([(day, s) for day, s in ordered if s in statements], statements)
    yield numbered(ranks.items(), term(MTG.rank))
    yield search_lines(base, statements, ranks)
    yield numbered(kind_ranks.items(), term(MTG.kindRank))
    yield review_rank_lines(ordered, every)
    del ordered, ranks
    item_ranks, titles = item_order(headings, dates)
    yield numbered(item_ranks.items(), term(MTG.itemRank))
    yield _meeting_range_lines(statements, kind_ranks)
    yield _heading_lines(base, statements, kind_ranks, item_ranks, titles)
    yield numbered(((concept, item_ranks[item]) for item, concept in sorted(subjects.items())
                    if item in item_ranks), term(MTG.itemAt))


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
        out += numbered(((entry, item_ranks[i]) for i in items), item_at)
        out += numbered(((entry, r) for i in items for r in positions[i]), position_at)
    return out


def day_number(text: str | None) -> int:
    """The day number of a meeting date (xsd:date, or a text starting with one); 0 for none."""
    try:
        return min(date.fromisoformat((text or "")[:10]).toordinal(), LAST_DAY)
    except ValueError:
        return 0


def dated_ranks(ordered: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Each key's rank, from (day number, key) pairs in order: the day times DAY_SPAN, plus the
    key's place among that day's keys. Ranks always rise, also past a day that overflows."""
    ranks: dict[str, int] = {}
    last = -1
    for day, key in ordered:
        last = ranks[key] = max(day * DAY_SPAN, last + 1)
    return ranks


def statement_order(statements: dict[str, dict], dates: dict[str, str]) -> list[tuple[int, str]]:
    """(day number, statement) in the order of the statements query: meeting date, agenda item, IRI."""
    keys = sorted((day_number(dates.get(row["meeting"])), row["item"] or "", s)
                  for s, row in statements.items())
    return [(day, s) for day, _, s in keys]


def statement_ranks(ordered: list[tuple[int, str]], statements: dict[str, dict]
                    ) -> tuple[dict[str, int], dict[str, int]]:
    """Each statement's dated rank in `ordered` (the statements query's order) among all statements
    (`mtg:rank`) and among those of its kind, in its kind's span (`mtg:kindRank`): a page of that
    query is then the lowest keys after `after`, not a sort of the whole corpus. `ranks` is in rank
    order."""
    by_kind: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for day, s in ordered:
        by_kind[statements[s]["class"]].append((day, s))
    kind_ranks = {}
    for kind, rows in by_kind.items():
        base = KIND_ORDER[kind] * KIND_SPAN
        kind_ranks.update((s, base + rank) for s, rank in dated_ranks(rows).items())
    return dated_ranks(ordered), kind_ranks


def item_order(headings: Iterable[dict], dates: dict[str, str]
               ) -> tuple[dict[str, int], dict[str, tuple[str, str | None]]]:
    """Dated item ranks (meeting date, meeting, heading, IRI) and each item's heading (text,
    language), from the items' (item, meeting, title, lang) rows; an item with two headings keeps the
    first."""
    titles: dict[str, tuple[str, str | None]] = {}
    meeting_of: dict[str, str] = {}
    for row in headings:
        item, title = row["item"], (row["title"], row["lang"])
        meeting_of.setdefault(item, row["meeting"])
        if item not in titles or title[0] < titles[item][0]:
            titles[item] = title
    keys = sorted((day_number(dates.get(meeting_of[item])), meeting_of[item], titles[item][0], item)
                  for item in titles)
    return dated_ranks((day, item) for day, _, _, item in keys), titles


REVIEW_GAP = 10**12
"""Review ranks of one confidence value lie in their own span: the confidence in thousandths times
REVIEW_GAP, plus the statement's dated rank in the statements query's order. A new minute or a
review moves no rank but its own statements' (contiguous ranks moved ~170,000 at 10,000 minutes for
one new minute). low-confidence.rq holds this number."""


def review_rank_lines(ordered: list[tuple[int, str]], statements: dict[str, dict]) -> list[str]:
    """Each statement's key in review order: lowest confidence first (none last), then as in the
    statements query (`ordered`, (day, statement) pairs). The low-confidence query pages by these
    keys (the 100 lowest after `after`), so they need not be contiguous."""
    keys = []
    for s, rank in dated_ranks(ordered).items():
        value = statements[s].get("confidence")
        bucket = 1001 if value is None else min(max(round(value * 1000), 0), 1000)
        keys.append((bucket * REVIEW_GAP + rank, s))
    keys.sort()
    return numbered(((s, key) for key, s in keys), term(MTG.reviewRank))


def item_summary_lines(statements: dict[str, dict], labels: dict[str, str]) -> list[str]:
    """Per agenda item: how many positions, commitments and decisions, and which stances and decision
    types (English labels, sorted, ", "-joined): the topic timeline reads these for its page of items
    instead of joining every statement (Oxigraph plans that join as a scan of all statements: 37 s
    for a page at 10,000 minutes, against 40-110 ms with these).

    The labels an item has seen are kept as a bit mask (a handful of stances and decision types),
    and each mask is written as text once: 75,000 items share a few dozen label lists."""
    kinds = {_POSITION: 0, str(MTG.Commitment): 1, str(MTG.Decision): 2}
    bits = {concept: 1 << n for n, concept in enumerate(sorted(labels))}
    seen: dict[str, list[int]] = {}  # item -> [positions, commitments, decisions, stances, types]
    for row in statements.values():
        item, kind = row["item"], kinds.get(row["class"])
        if not item or kind is None:
            continue
        entry = seen.get(item)
        if entry is None:
            entry = seen[item] = [0, 0, 0, 0, 0]
        entry[kind] += 1
        if kind == 0:
            entry[3] |= bits.get(row.get("stance"), 0)
        elif kind == 2:
            entry[4] |= bits.get(row.get("dtype"), 0)
    texts: dict[int, str] = {}

    def text(mask: int) -> str:
        found = texts.get(mask)
        if found is None:
            found = texts[mask] = literal(_joined({labels[c] for c, bit in bits.items() if mask & bit}))
        return found

    counted = (term(MTG.positionsOnItem), term(MTG.commitmentsOnItem), term(MTG.decisionsOnItem))
    listed = (term(MTG.stancesSeen), term(MTG.decisionTypesSeen))
    out = []
    for item, entry in sorted(seen.items()):
        # a zero count or no label is left out: the query reads a missing one as 0 or "" (a tenth
        # of these lines at 10,000 minutes)
        for predicate, n in zip(counted, entry[:3], strict=True):
            if n:
                out.append(line(item, predicate, integer(n)))
        for predicate, mask in zip(listed, entry[3:], strict=True):
            if mask:
                out.append(line(item, predicate, text(mask)))
    return out


def _joined(labels: set[str]) -> str:
    return ", ".join(sorted(labels)) if len(labels) > 1 else next(iter(labels), "")


def search_lines(base: str, statements: dict[str, dict], ranks: dict[str, int]) -> list[str]:
    """Search blocks: block b holds the statements of ranks b * SEARCH_BLOCK up to the next block,
    with their quotes lower-cased in one text (`mtg:searchText`, quotes between SEPARATORs) and the
    highest rank among them (`mtg:statementsTo`); blocks without a quote are left out.

    A substring has no index, and reading every quote costs a string lookup each (~28,000 on 1,000
    meetings). Search tests the ~3,000 block texts instead and reads the quotes of the first 100
    matching blocks only: each holds a match, and blocks are ranges of ranks, so the first 100
    matches lie in them. A block's statements are the ranks of its range (search.rq finds them by
    rank), so the block needs no triple per statement: that was 11% of the links graph."""
    blocks: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for s, rank in ranks.items():
        if statements[s].get("quote") is not None:
            blocks[rank // SEARCH_BLOCK].append((rank, s))
    search_text, to = term(MTG.searchText), term(MTG.statementsTo)
    out = []
    for number, block in sorted(blocks.items()):
        block.sort()
        iri = f"{base}index/search/{number}"
        text = SEPARATOR.join(_SEPARATORS.sub(" ", statements[s]["quote"].lower()) for _, s in block)
        out += [line(iri, search_text, literal(text)), line(iri, to, integer(block[-1][0]))]
    return out
