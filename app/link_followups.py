"""Follow-ups: later minutes reporting on earlier commitments of the same body.

Summary minutes close the loop in passing ("de brief is aan de Kamer
gestuurd", "het overleg heeft plaatsgevonden", "komt te vervallen"). These
sentences carry no cue the statement extractors look for, so they are found
here, per document, as progress reports with their quote and offsets; the
link stage then matches each to the earlier open commitment of the same body
on the same topic whose task reads most alike (rapidfuzz), and a repeated
commitment by the same actor supersedes the older one.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

import numpy as np
import pyoxigraph as ox
from rapidfuzz import fuzz, process

from .ingest.emit import GraphWriter, Iri, Lit, Term
from .ingest.records import Segmented
from .link_text import integer, literal
from .link_topics import normalise

FULFILLED = re.compile(
    r"\b(?:is|zijn|werd|werden)\s+(?:\w+\s+){0,4}?(?:gestuurd|verstuurd|verzonden|opgeleverd|"
    r"afgerond|uitgevoerd|gebeurd|nagekomen|gerealiseerd|gepubliceerd|aangeboden|toegezonden)\b"
    r"|\b(?:heeft|hebben)\s+(?:\w+\s+){0,3}?plaatsgevonden\b|\bis\s+(?:\w+\s+){0,2}?gebeurd\b"
    r"|\b(?:has|have) been (?:sent|done|completed|delivered|held)\b", re.IGNORECASE)
WITHDRAWN = re.compile(
    r"\bkomt\s+te\s+vervallen\b|\b(?:is|wordt|zijn|worden)\s+(?:\w+\s+){0,2}?ingetrokken\b"
    r"|\bziet\s+af\s+van\b|\bzien\s+af\s+van\b|\bgaat\s+niet\s+door\b|\bhas been withdrawn\b",
    re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")
MATCH_CUTOFF = 55.0      # token_set_ratio of report and task, same body and topic
SUPERSEDE_CUTOFF = 85.0  # a repeated commitment: same actor, task this alike
WINDOW = 40              # candidates per body and topic, most recent first


@dataclass(frozen=True)
class Report:
    """A progress report found in the text: sentence, offsets, agenda item order, status."""

    start: int
    end: int
    quote: str
    item_order: int | None
    status: str      # fulfilled | withdrawn


_WORDS = re.compile(
    r"gestuurd|verstuurd|verzonden|opgeleverd|afgerond|uitgevoerd|gebeurd|nagekomen|gerealiseerd|"
    r"gepubliceerd|aangeboden|toegezonden|plaatsgevonden|been|vervallen|ingetrokken|af\s+van|niet\s+door")
"""Words every match of FULFILLED or WITHDRAWN contains (no `\\b`, no punctuation), in lower case: a
sentence without one cannot be a report. Searched in `_folded` text, without IGNORECASE, which
would keep the re module from skipping ahead by first letter (~6x slower)."""
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
_UNFOLDED = re.compile("[\u0130\u0131\u212a\u017f]")


def _folded(text: str) -> str:
    """`text` in lower case, character for character, where every IGNORECASE match of a lower-case
    ASCII word is a plain match at the same place: `str.lower` keeps lengths but for U+0130, and re
    also takes dotted and dotless I, the Kelvin sign and the long s for i, k and s."""
    if not text.isascii() and _UNFOLDED.search(text):
        text = text.translate(_FOLD)
    return text.lower()


def scan_reports(segmented: Segmented) -> list[Report]:
    """Sentences of agenda item bodies (clean text) that report a task done or dropped.

    Runs for every document in the ingest workers; most sentences hold none of the `_WORDS`,
    so only those that do are searched with the two patterns."""
    found = []
    clean = segmented.clean
    folded = _folded(clean)
    for item in segmented.items:
        start, end = segmented.to_clean(item.span.start), segmented.to_clean(item.span.end)
        hits = [hit.start() for hit in _WORDS.finditer(folded, start, end)]
        if not hits:
            continue
        for match in _SENTENCE.finditer(clean, start, end):
            at = bisect.bisect_left(hits, match.start())
            if at == len(hits) or hits[at] >= match.end():
                continue
            sentence = match.group(0)
            status = ("withdrawn" if WITHDRAWN.search(sentence) else
                      "fulfilled" if FULFILLED.search(sentence) else None)
            if status is None or len(sentence.split()) < 3:
                continue
            lead = len(sentence) - len(sentence.lstrip())
            span = segmented.to_original(match.start() + lead, match.end())
            found.append(Report(span.start, span.end, " ".join(sentence.split()), item.order, status))
    return found


@dataclass(frozen=True)
class Commitment:
    iri: str
    body: str
    date: str
    concept: str | None
    task: str
    actors: frozenset[str]
    stated: str


@dataclass(frozen=True)
class ReportRow:
    iri: str
    body: str
    date: str
    concept: str | None
    quote: str
    status: str


def match_reports(reports: list[ReportRow], commitments: list[Commitment]
                  ) -> dict[str, tuple[str, float]]:
    """Report IRI -> (commitment IRI, score): each commitment is reported on at most once.

    Only the WINDOW most recent earlier commitments of the same body and topic are candidates:
    minutes report back on recent promises, and the bound keeps the stage linear in corpus size.
    The best pairs are taken first (score, then the commitment's date, then the IRIs, highest first).
    """
    columns = _by_body_and_topic(commitments)
    waiting: dict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
    for n, r in enumerate(reports):
        if r.concept is not None and (key := (r.body, r.concept)) in columns:
            waiting[key].append((bisect.bisect_left(columns[key][0], r.date), n))
    quotes = [normalise(r.quote) for r in reports]

    def score(key: tuple[str, str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _scored(sorted(waiting[key]), columns[key][1], columns[key][2], quotes)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:  # rapidfuzz scores outside the GIL
        found = list(pool.map(score, waiting))
    if not found:
        return {}
    score, c, r = (np.concatenate(parts) for parts in zip(*found, strict=True))
    # the order of the pairs, as ranks: a million tuples of strings sorted in Python cost seconds
    c_iri, c_date = _ranks([x.iri for x in commitments]), _ranks([x.date for x in commitments])
    r_iri = _ranks([x.iri for x in reports])
    c_id, r_id = c_iri[c], r_iri[r]  # an IRI's rank stands for it (an IRI listed twice is one)
    order = np.lexsort((c_id, r_id, c_date[c], score))[::-1]
    taken_r, taken_c = bytearray(len(reports)), bytearray(len(commitments))
    matched = []
    for n, ri, ci in zip(order.tolist(), r_id[order].tolist(), c_id[order].tolist(), strict=True):
        if not taken_r[ri] and not taken_c[ci]:
            taken_r[ri] = taken_c[ci] = 1
            matched.append(n)
    return {reports[r[n]].iri: (commitments[c[n]].iri, float(score[n])) for n in matched}


SLACK = 8
"""Reports of one body and topic whose windows end at most this far apart are scored together: one
`cdist` over the span of their windows replaces a call per report, at most SLACK columns wider."""
THREADS = 2
"""Bodies and topics scored at once (rapidfuzz releases the GIL)."""


def _by_body_and_topic(commitments: list[Commitment]
                       ) -> dict[tuple[str, str | None], tuple[list[str], list[int], list[str]]]:
    """Per body and topic, in date order (ties in IRI order, whatever the input order): the dates
    to bisect, the commitments (by their place in `commitments`) and their normalised tasks."""
    by_key: dict[tuple[str, str | None], list[tuple[str, str, int, str]]] = defaultdict(list)
    for n, c in enumerate(commitments):
        by_key[(c.body, c.concept)].append((c.date, c.iri, n, normalise(c.task)))
    columns = {}
    for key, group in by_key.items():
        group.sort(key=lambda row: (row[0], row[1]))
        columns[key] = ([row[0] for row in group], [row[2] for row in group], [row[3] for row in group])
    return columns


def _scored(rows: list[tuple[int, int]], found: list[int], tasks: list[str], quotes: list[str]
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score, commitment and report (places in the input lists) of each report of `rows` (end of its
    window, report) and each commitment in its window that scores at least MATCH_CUTOFF."""
    parts = []
    begin = 0
    while begin < len(rows):
        stop = begin + 1
        while stop < len(rows) and rows[stop][0] - rows[begin][0] <= SLACK:
            stop += 1
        parts.append(_block(rows[begin:stop], found, tasks, quotes))
        begin = stop
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _block(rows: list[tuple[int, int]], found: list[int], tasks: list[str], quotes: list[str]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ends = np.array([end for end, _n in rows])
    starts = np.maximum(ends - WINDOW, 0)
    low, high = int(starts.min()), int(ends.max())
    if high <= low:
        return np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    scores = process.cdist([quotes[n] for _end, n in rows], tasks[low:high], scorer=fuzz.token_set_ratio,
                           score_cutoff=MATCH_CUTOFF, dtype=np.float64)
    columns = np.arange(low, high)
    row, column = np.nonzero((columns >= starts[:, None]) & (columns < ends[:, None])
                             & (scores >= MATCH_CUTOFF))
    reports = np.array([n for _end, n in rows])
    return scores[row, column], np.array(found[low:high])[column], reports[row]


def _ranks(values: list[str]) -> np.ndarray:
    """Each value's place among the distinct values in sorted order."""
    order = {v: i for i, v in enumerate(sorted(set(values)))}
    return np.array([order[v] for v in values])


def find_supersessions(commitments: list[Commitment]) -> dict[str, str]:
    """Older commitment IRI -> the later one by the same actor on the same topic that repeats it.

    Looks at most WINDOW commitments ahead in the same body and topic (linear in corpus size).
    """
    groups: dict[tuple[str, str | None], list[Commitment]] = defaultdict(list)
    for c in commitments:
        if c.concept is not None and c.actors:
            groups[(c.body, c.concept)].append(c)
    replaced: dict[str, str] = {}
    for group in groups.values():
        group.sort(key=lambda c: (c.date, c.iri))
        tasks = [normalise(c.task) for c in group]
        for i, old in enumerate(group):
            for k in range(i + 1, min(len(group), i + 1 + WINDOW)):
                new = group[k]
                if (new.date > old.date and old.actors & new.actors
                        and fuzz.token_set_ratio(tasks[i], tasks[k], score_cutoff=SUPERSEDE_CUTOFF)
                        >= SUPERSEDE_CUTOFF):
                    replaced[old.iri] = new.iri
                    break
    return replaced


def report_quads(reports: list[Report], document: str, graph: str, rule_prefix: str = "nl"
                 ) -> list[ox.Quad]:
    """Progress reports of one document as quads in its reports graph."""
    from .ontology.terms import COMMITMENT_STATUSES, MTG, OA, PROV, RDF

    g, out = ox.NamedNode(graph), []

    def add(s: str, p: object, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o, g))

    xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    for r in reports:
        s = f"{document}/report/{r.start}-{r.end}"
        add(s, RDF.type, ox.NamedNode(str(MTG.ProgressReport)))
        add(s, MTG.reportedStatus, ox.NamedNode(str(COMMITMENT_STATUSES[r.status])))
        add(s, MTG.quote, ox.Literal(r.quote))
        add(s, MTG.rule, ox.Literal(f"{rule_prefix}:report:{r.status}"))
        add(s, PROV.wasDerivedFrom, ox.NamedNode(document))
        if r.item_order is not None:
            add(s, MTG.agendaItem, ox.NamedNode(f"{document}/item/{r.item_order}"))
        position = f"{s}/position"
        add(s, MTG.evidence, ox.NamedNode(position))
        add(position, RDF.type, ox.NamedNode(str(OA.TextPositionSelector)))
        add(position, OA.start, ox.Literal(str(r.start), datatype=xsd_int))
        add(position, OA.end, ox.Literal(str(r.end), datatype=xsd_int))
    return out


def report_text(reports: list[Report], document: str, graph: str, rule_prefix: str = "nl"
                ) -> tuple[bytes, dict[str, dict[str, list[Term]]]]:
    """`report_quads` as the N-Quads bytes `ox.serialize` gives for them, and by subject.

    The ingest workers write every document's reports graph: building and serialising a
    pyoxigraph Quad per triple cost more than finding the reports. The subject-wise form is
    what app/link_facts.facts_of_emitted takes as `extra`."""
    ox.NamedNode(graph)  # an IRI report_quads refuses is refused here too, with the same message
    if reports:
        ox.NamedNode(f"{document}/report/{reports[0].start}-{reports[0].end}")
    out = GraphWriter(graph, document)
    terms = _report_terms()
    for r in reports:
        s = f"{document}/report/{r.start}-{r.end}"
        position = Iri(f"{s}/position")
        pairs = [(terms.type, terms.report), (terms.status, terms.statuses[r.status]),
                 (terms.quote, _literal(r.quote)), (terms.rule, _literal(f"{rule_prefix}:report:{r.status}")),
                 (terms.derived, out.document)]
        if r.item_order is not None:
            pairs.append((terms.item, Iri(f"{document}/item/{r.item_order}")))
        pairs.append((terms.evidence, position))
        out.add(Iri(s), pairs)
        out.add(position, [(terms.type, terms.selector), (terms.start, _integer(r.start)),
                           (terms.end, _integer(r.end))])
    return "".join(out.lines).encode("utf-8"), out.props


@lru_cache(maxsize=1)
def _report_terms() -> SimpleNamespace:
    from .ontology.terms import COMMITMENT_STATUSES, MTG, OA, PROV, RDF

    return SimpleNamespace(
        type=Iri(str(RDF.type)), report=Iri(str(MTG.ProgressReport)), status=Iri(str(MTG.reportedStatus)),
        statuses={key: Iri(str(value)) for key, value in COMMITMENT_STATUSES.items()},
        quote=Iri(str(MTG.quote)), rule=Iri(str(MTG.rule)), derived=Iri(str(PROV.wasDerivedFrom)),
        item=Iri(str(MTG.agendaItem)), evidence=Iri(str(MTG.evidence)),
        selector=Iri(str(OA.TextPositionSelector)), start=Iri(str(OA.start)), end=Iri(str(OA.end)))


def _literal(text: str) -> Lit:
    """A plain literal written as pyoxigraph writes it (app/link_text.py)."""
    return Lit(text, literal(text))


def _integer(number: int) -> Lit:
    return Lit(str(number), integer(number))
