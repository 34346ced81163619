"""The query index: whole-corpus summaries the link stage writes so stored queries stay fast.

Some stored queries aggregate over every statement (actors with their counts,
actors named together, agreement between actors on a topic). On ~1,000
meetings Oxigraph needs seconds for those, one index seek per statement and
per pair of statements. The link stage already recomputes `BASE/graph/links`
after every ingest batch and review, so it also writes the answers there:

* per actor: `mtg:positionCount`, `mtg:commitmentCount`, `mtg:decisionCount`,
  `mtg:statementCount`, `mtg:meetingCount`, `mtg:firstMeeting`,
  `mtg:lastMeeting`, plus one copy of its `skos:prefLabel` and
  `mtg:actorKind` (the union default graph holds one copy per document that
  names it; queries read the links graph's copy with `GRAPH ?g`);
* per pair of actors named in statements of one agenda item (`mtg:ActorPair`):
  `mtg:sharedItems`, `mtg:sharedMeetings`;
* per pair of actors with positions on one topic: `mtg:agreements`,
  `mtg:disagreements`, the topic (`dcterms:subject`) and a heading.

Each statement also gets its place in the statements query's order
(`mtg:rank`, `mtg:kindRank`; app/link_pages.py writes these and the other
paging keys), so a page of it is the lowest ranks after the last page's, not
a sort of the whole corpus. Statements rejected in review drop out, as in the rest of
the link stage. The pure function `index_quads` reads the store and returns
quads; `link()` adds them to the links graph it writes, so the index is
replaced with it (and pushed to remote endpoints with it).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations

import pyoxigraph as ox

from .link_pages import item_summary_lines, paging_parts
from .link_text import integer, iri, line, literal, term, typed
from .ontology.terms import DCTERMS, MTG, RDF, SKOS, XSD
from .review import load_review_state
from .store.embedded import EmbeddedStore

PREFIXES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
STATEMENTS = PREFIXES + """SELECT ?s ?class ?meeting ?item ?confidence ?stance ?dtype ?quote WHERE {
  ?s a ?class ; mtg:meeting ?meeting . FILTER(?class IN (mtg:Position, mtg:Commitment, mtg:Decision))
  OPTIONAL { ?s mtg:agendaItem ?item } OPTIONAL { ?s mtg:confidence ?confidence }
  OPTIONAL { ?s mtg:stance ?stance } OPTIONAL { ?s mtg:decisionType ?dtype }
  OPTIONAL { ?s mtg:quote ?quote } }"""
# the English labels the timeline shows for stances and decision types (ontology graph)
LABELS = PREFIXES + """SELECT ?term ?label WHERE { VALUES ?class { mtg:Stance mtg:DecisionType }
  ?term a ?class ; skos:prefLabel ?label . FILTER(LANG(?label) = "en") }"""
HEADINGS = PREFIXES + """SELECT ?item ?meeting ?title WHERE {
  GRAPH ?g { ?item a mtg:AgendaItem ; mtg:meeting ?meeting ; dcterms:title ?title } }"""
NAMED = PREFIXES + "SELECT ?s ?actor WHERE { ?s mtg:actor ?actor }"
# one label and kind per actor, taken in the graph of a statement that names it (as the queries did)
ACTORS = PREFIXES + """SELECT DISTINCT ?actor ?label ?kind WHERE {
  GRAPH ?g { ?s mtg:actor ?actor . ?actor skos:prefLabel ?label ; mtg:actorKind ?kind } }"""
DATES = PREFIXES + "SELECT ?meeting ?date WHERE { ?meeting a mtg:Meeting ; schema:startDate ?date }"
POSITIONS = PREFIXES + """SELECT ?p ?actor ?stance ?item ?topic ?title WHERE {
  GRAPH ?g { ?p mtg:holder ?actor ; mtg:stance ?stance ; mtg:agendaItem ?item . ?item mtg:topic ?topic .
             OPTIONAL { ?item dcterms:title ?title } } }"""
INDEX_VERSION = 3
"""The index's layout (`mtg:indexVersion` on BASE/index): bumped when stored queries read the index
in a new way, so that a store made by an older overleg gets its index remade (`index_outdated`)
before those queries read it. 2: search blocks are ranges of ranks (no `mtg:member`). 3: dated ranks,
each kind's kind ranks in a span of their own (app/link_pages.py)."""
AGREE = {str(MTG.support): 1, str(MTG.conditional): 1, str(MTG.oppose): -1, str(MTG.concern): -1}
KINDS = {str(MTG.Position): "positions", str(MTG.Commitment): "commitments", str(MTG.Decision): "decisions"}


@dataclass
class ActorSummary:
    """What the statements say about one actor."""

    counts: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS.values()})
    meetings: set[str] = field(default_factory=set)


def _rows(store: EmbeddedStore, query: str) -> Iterable[dict[str, str | None]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    for s in solutions:
        yield {n: (None if s[n] is None else s[n].value) for n in names}


def store_rows(store: EmbeddedStore) -> dict[str, Iterable[dict]]:
    """The index's input rows by SPARQL over the whole store (positions' titles as (text, language)),
    the same rows app/link_facts.py extracts per document for stores that keep those facts."""
    rows: dict[str, Iterable[dict]] = {name: _rows(store, query) for name, query in (
        ("named", NAMED), ("actors", ACTORS), ("dates", DATES))}
    rows["statements"] = ({**r, "confidence": float(r["confidence"]) if r["confidence"] else None}
                          for r in _rows(store, STATEMENTS))
    rows["headings"] = ({"item": s["item"].value, "meeting": s["meeting"].value, "title": s["title"].value,
                         "lang": s["title"].language} for s in store.query(HEADINGS))
    rows["positions"] = ({**{n: s[n].value for n in ("p", "actor", "stance", "item", "topic")},
                          "title": None if s["title"] is None else (s["title"].value, s["title"].language)}
                         for s in store.query(POSITIONS))
    return rows


def index_quads(store: EmbeddedStore, base: str, graph_iri: str, links: list[ox.Quad],
                rows: dict[str, Iterable[dict]] | None = None,
                rejected: set[str] | None = None) -> list[ox.Quad]:
    """The query index for the links graph `graph_iri`, about to be replaced by `links` (whose topic
    concepts the agreement pairs use), as quads: `index_lines` parsed, for callers that want terms."""
    subjects = {q.subject.value: q.object.value for q in links if q.predicate.value == str(DCTERMS.subject)}
    text = "".join(index_lines(store, base, subjects, rows, rejected)).encode("utf-8")
    graph = ox.NamedNode(graph_iri)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]


def index_lines(store: EmbeddedStore, base: str, subjects: dict[str, str],
                rows: dict[str, Iterable[dict]] | None = None, rejected: set[str] | None = None) -> list[str]:
    """The query index as N-Triples lines (`index_parts` joined)."""
    return [text for part in index_parts(store, base, subjects, rows, rejected) for text in part]


def index_parts(store: EmbeddedStore, base: str, subjects: dict[str, str],
                rows: dict[str, Iterable[dict]] | None = None, rejected: set[str] | None = None
                ) -> Iterator[list[str]]:
    """The query index as batches of N-Triples lines (app/link_text.py), one kind of entry at a time:
    the link stage writes each batch away before the next is made (two million lines at 10,000
    minutes, ~500 MB as one list). No line occurs in two batches: each batch has its own subjects
    or predicates. `subjects` are the agenda items' topic concepts of this link run (the agreement
    pairs use them); `rows` are the input rows (`store_rows`) and `rejected` the statements rejected
    in review, when the caller has them already (the link stage); otherwise they are read from the
    store."""
    rows = rows if rows is not None and "statements" in rows else store_rows(store)
    if rejected is None:
        rejected = load_review_state(store, base).rejected
    every = {r["s"]: r for r in rows["statements"]}  # the review order keeps the rejected ones
    statements = {s: r for s, r in every.items() if s not in rejected}
    actors: dict[str, ActorSummary] = defaultdict(ActorSummary)
    items: dict[str, set[str]] = defaultdict(set)       # agenda item -> actors named in its statements
    item_meeting: dict[str, str] = {}
    for row in rows["named"]:
        statement = statements.get(row["s"])
        if statement is None:
            continue
        summary = actors[row["actor"]]
        summary.counts[KINDS[statement["class"]]].add(row["s"])
        summary.meetings.add(statement["meeting"])
        if statement["item"]:
            items[statement["item"]].add(row["actor"])
            item_meeting[statement["item"]] = statement["meeting"]
    dates = {r["meeting"]: r["date"] for r in rows["dates"]}
    yield [line(_index_iri(base), term(MTG.indexVersion), integer(INDEX_VERSION))]
    yield from paging_parts(base, statements, every, rows.get("headings", ()), subjects, dates)
    labels = {r["term"]: r["label"] for r in _rows(store, LABELS)}
    yield item_summary_lines(statements, labels)
    yield _actor_lines(rows["actors"], actors, dates)
    yield _co_occurrence_lines(base, items, item_meeting)
    yield _agreement_lines(rows["positions"], base, rejected, subjects)


def index_outdated(store: EmbeddedStore, base: str, graph_iri: str) -> bool:
    """Whether the links graph `graph_iri` holds an index of another layout than this overleg's
    (a store without a links graph has no index to be outdated)."""
    return store.oxigraph.contains_named_graph(ox.NamedNode(graph_iri)) \
        and not index_current(store, base, graph_iri)


def index_current(store: EmbeddedStore, base: str, graph_iri: str) -> bool:
    """Whether the links graph `graph_iri` holds an index of this overleg's layout."""
    mark = ox.Quad(ox.NamedNode(_index_iri(base)), ox.NamedNode(str(MTG.indexVersion)),
                   ox.Literal(INDEX_VERSION), ox.NamedNode(graph_iri))
    return mark in store.oxigraph


def _index_iri(base: str) -> str:
    """The query index as a resource: what carries its layout version."""
    return f"{base}index"


def _actor_lines(labelled: Iterable[dict], actors: dict[str, ActorSummary], dates: dict[str, str]
                 ) -> list[str]:
    names: dict[str, tuple[str, str]] = {}
    for row in labelled:  # the smallest label and kind: the same on every run
        names[row["actor"]] = min(names.get(row["actor"], (row["label"], row["kind"])),
                                  (row["label"], row["kind"]))
    out = []
    for actor, summary in actors.items():
        if actor not in names:  # no label in any statement's graph: the queries never listed it
            continue
        label, kind = names[actor]
        total = set().union(*summary.counts.values())
        out += [line(actor, term(SKOS.prefLabel), literal(label)),
                line(actor, term(MTG.actorKind), literal(kind)),
                line(actor, term(MTG.positionCount), integer(len(summary.counts["positions"]))),
                line(actor, term(MTG.commitmentCount), integer(len(summary.counts["commitments"]))),
                line(actor, term(MTG.decisionCount), integer(len(summary.counts["decisions"]))),
                line(actor, term(MTG.statementCount), integer(len(total))),
                line(actor, term(MTG.meetingCount), integer(len(summary.meetings)))]
        days = sorted(dates[m] for m in summary.meetings if m in dates)
        if days:
            out += [line(actor, term(MTG.firstMeeting), typed(days[0], XSD.date)),
                    line(actor, term(MTG.lastMeeting), typed(days[-1], XSD.date))]
    return out


def _pair_iri(base: str, kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{base}index/{kind}/{digest}"


def _pair(base: str, kind: str, a: str, b: str, *more: str) -> tuple[str, list[str]]:
    pair = _pair_iri(base, kind, a, b, *more)
    return pair, [line(pair, term(RDF.type), term(MTG.ActorPair)),
                  line(pair, term(MTG.firstActor), iri(a)), line(pair, term(MTG.secondActor), iri(b))]


def _co_occurrence_lines(base: str, items: dict[str, set[str]], item_meeting: dict[str, str]) -> list[str]:
    """Pairs of actors named in statements of one agenda item: items and meetings they share."""
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item, named in items.items():
        if len(named) < 2:
            continue
        for a, b in combinations(sorted(named), 2):
            shared[(a, b)].add(item)
    out = []
    for (a, b), together in shared.items():
        pair, lines = _pair(base, "co-occurrence", a, b)
        meetings = {item_meeting[i] for i in together}
        out += lines + [line(pair, term(MTG.sharedItems), integer(len(together))),
                        line(pair, term(MTG.sharedMeetings), integer(len(meetings)))]
    return out


def _agreement_lines(positions: Iterable[dict], base: str, rejected: set[str], subjects: dict[str, str]
                     ) -> list[str]:
    """Pairs of actors with positions on one topic: pairs of positions with the same or opposite stance.

    The topic is the item's topic concept from this link run, else its own topic (the heading)."""
    stances: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    headings: dict[tuple[str, str], tuple[str, str | None]] = {}
    for row in positions:
        if row["p"] in rejected:
            continue
        topic = subjects.get(row["item"], row["topic"])
        stances[(topic, row["actor"])][row["stance"]].add(row["p"])
        title, key = row["title"], (topic, row["actor"])
        if title is not None and (key not in headings or title[0] < headings[key][0]):
            headings[key] = tuple(title)  # (text, language): the heading keeps its language tag
    by_topic: dict[str, list[str]] = defaultdict(list)
    for topic, actor in stances:
        by_topic[topic].append(actor)
    out = []
    for topic, holders in by_topic.items():
        for a, b in combinations(sorted(holders), 2):
            agree, disagree = _tally(stances[(topic, a)], stances[(topic, b)])
            heading = headings.get((topic, a))
            if agree + disagree == 0 or heading is None:
                continue
            pair, lines = _pair(base, "agreement", a, b, topic)
            out += lines + [line(pair, term(DCTERMS.subject), iri(topic)),
                            line(pair, term(DCTERMS.title), literal(heading[0], heading[1])),
                            line(pair, term(MTG.agreements), integer(agree)),
                            line(pair, term(MTG.disagreements), integer(disagree))]
    return out


def _tally(a: dict[str, set[str]], b: dict[str, set[str]]) -> tuple[int, int]:
    agree = sum(len(ps) * len(b.get(stance, ())) for stance, ps in a.items())
    disagree = sum(len(pa) * len(pb) for sa, pa in a.items() for sb, pb in b.items()
                   if AGREE.get(sa, 0) * AGREE.get(sb, 0) < 0)
    return agree, disagree
