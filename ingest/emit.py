"""Stage 5, emit: Resolved -> RDF quads in the document's named graph.

Terms come only from ontology/terms.py. IRIs are deterministic under a base
IRI: document by content hash, meeting by body and date, actor by key,
agenda item and statement by document and position, so ingesting the same
bytes twice yields the same quads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pyoxigraph as ox

from ..ontology.terms import (
    ACTOR_CLASSES,
    COMMITMENT_STATUSES,
    DCTERMS,
    DECISION_TYPES,
    MTG,
    OA,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    REVIEW_STATUSES,
    SCHEMA,
    SKOS,
    STANCES,
    STATEMENT_ACTOR_PROPERTIES,
    STATEMENT_CLASSES,
    WD,
    XSD,
)
from .records import Actor, Evidence, Resolved, ResolvedStatement
from .resolve import slugify


class _Nodes:
    """A namespace whose terms are pyoxigraph NamedNodes, each built once on first use.

    rdflib builds and validates a new URIRef on every attribute access of a
    namespace, and a NamedNode is validated again when built; emit writes
    some forty quads per statement from a few dozen terms, so each term's
    node is made once per process and shared by every quad.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        value = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(str(self._namespace[name]))


MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS = (  # noqa: F811
    _Nodes(ns) for ns in (MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS))
_TERM_TABLES = (ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES,
                STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES)
ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES, \
    STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES = (  # noqa: F811
        {key: ox.NamedNode(str(value)) for key, value in table.items()} for table in _TERM_TABLES)
_FOAF_AGENT = ox.NamedNode("http://xmlns.com/foaf/0.1/Agent")
Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class Iris:
    """IRI minting for one document under a base IRI."""

    base: str
    source_id: str
    sha256: str

    @property
    def graph(self) -> str:
        return f"{self.base}graph/{self.source_id}"

    @cached_property
    def document(self) -> str:
        return f"{self.base}doc/{self.sha256[:20]}"

    def meeting(self, body_key: str | None, day: date | None) -> str:
        when = day.isoformat() if day else f"undated-{self.sha256[:12]}"
        return f"{self.base}meeting/{body_key or 'unknown'}/{when}"

    def item(self, order: int) -> str:
        return f"{self.document}/item/{order}"

    def actor(self, key: str) -> str:
        return f"{self.base}actor/{key}"

    def topic(self, label: str) -> str:
        return f"{self.base}topic/{slugify(label)}"

    def statement(self, kind: str, start: int, end: int) -> str:
        return f"{self.document}/{kind}/{start}-{end}"


def source_id_for(source: str) -> str:
    """Graph key of a source: its file name as a slug, so a changed file replaces its graph."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return slugify(name)


def emit(resolved: Resolved, base: str, source_id: str | None = None) -> list[ox.Quad]:
    """All quads for one document, in its own named graph."""
    document = resolved.segmented.document
    iris = Iris(base=base, source_id=source_id or source_id_for(document.source),
                sha256=document.sha256)
    out = _Writer(iris.graph, iris.document)
    meeting = _emit_meeting(out, resolved, iris)
    for actor in resolved.actors:
        _emit_actor(out, actor, iris)
    for rs in resolved.statements:
        _emit_statement(out, rs, iris, meeting)
    return out.finish()


class _Writer:
    """Collects quads in one graph, subject by subject.

    `add` takes a subject node and its (predicate, object) pairs, objects
    already nodes, literals or literal text (None: nothing to say). Each
    distinct IRI of the document is built (and validated) as a NamedNode
    once, in `nodes`.

    Literals come as text (`_term` gives a value's N-Quads form) because
    pyoxigraph's Quad constructor tries its object as a NamedNode and a
    BlankNode before a Literal, and each failed try raises and catches a
    Python exception inside (about 4 µs a quad, half of emit). Quads with a
    literal object are written as N-Quads lines instead, parsed in one call by
    `finish` and put back in their places, so the list is the same, in the
    same order. The parse skips IRI validation (`lenient`): every IRI in those
    lines is one a NamedNode has already validated.
    """

    def __init__(self, graph: str, document: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.quads: list[ox.Quad | None] = []
        self.nodes: dict[str, ox.NamedNode] = {}
        self.document = ox.NamedNode(document)
        self.activity = ox.NamedNode(f"{document}/extraction")
        self._tail = f" <{graph}> .\n"
        self._lines: list[str] = []
        self._slots: list[int] = []

    def node(self, iri: str) -> ox.NamedNode:
        found = self.nodes.get(iri)
        if found is None:
            found = self.nodes[iri] = ox.NamedNode(iri)
        return found

    def add(self, subject: ox.NamedNode, pairs: list[tuple[ox.NamedNode, Term | str | None]]) -> None:
        graph, quad, quads, head = self.graph, ox.Quad, self.quads, None
        for p, o in pairs:
            if o is None:
                continue
            if o.__class__ is str:
                head = head or f"<{subject.value}> "
                self._slots.append(len(quads))
                self._lines.append(f"{head}{_IRI_TEXT[p]} {o}{self._tail}")
                quads.append(None)
            else:
                quads.append(quad(subject, p, o, graph))

    def finish(self) -> list[ox.Quad]:
        """The quads, those with a literal object parsed from their lines in one call."""
        if self._lines:
            parsed = ox.parse("".join(self._lines), ox.RdfFormat.N_QUADS, lenient=True)
            for slot, quad in zip(self._slots, parsed, strict=True):
                self.quads[slot] = quad
        return self.quads  # type: ignore[return-value]


class _IriText(dict):
    """`<iri>` of a predicate node, made once per predicate."""

    def __missing__(self, node: ox.NamedNode) -> str:
        text = self[node] = f"<{node.value}>"
        return text


_IRI_TEXT = _IriText()
_TYPED = {name: f"^^<{getattr(XSD, name).value}>" for name in ("boolean", "integer", "decimal", "date",
                                                                "gYearMonth")}


def _quoted(text: str) -> str:
    """A string as an N-Quads string literal: the four characters the grammar excludes, escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r") + '"'


def _term(value: object, lang: str | None = None) -> str | ox.Literal | None:
    """The literal of a Python value (None for None) with its XSD type, as N-Quads text for `add`;
    text with a language tag as a Literal (its tag validated by pyoxigraph)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return f'"{str(value).lower()}"{_TYPED["boolean"]}'
    if isinstance(value, int):
        return f'"{value}"{_TYPED["integer"]}'
    if isinstance(value, float):
        return f'"{value:.2f}"{_TYPED["decimal"]}'
    if isinstance(value, date):
        return f'"{value.isoformat()}"{_TYPED["date"]}'
    if lang:
        return ox.Literal(str(value), language=lang)
    return _quoted(str(value))


def _emit_meeting(out: _Writer, resolved: Resolved, iris: Iris) -> ox.NamedNode:
    seg = resolved.segmented
    doc, meeting = seg.document, seg.meeting
    d = out.document
    out.add(d, [(RDF.type, MTG.SourceDocument), (MTG.sha256, _term(doc.sha256)),
                (MTG.sourceName, _term(doc.source.replace("\\", "/").rsplit("/", 1)[-1])),
                (DCTERMS.format, _term(doc.media_type)), (DCTERMS.title, _term(meeting.title)),
                (MTG.documentKind, _term(meeting.kind)), (MTG.language, _term(meeting.language)),
                (MTG.pageCount, _term(len(doc.pages)) if doc.pages else None)])
    body_key = resolved.body.key if resolved.body else None
    m = out.node(iris.meeting(body_key, meeting.date))
    label = " ".join(x for x in (meeting.body_acronym or meeting.body_label,
                                 meeting.date.isoformat() if meeting.date else None) if x)
    out.add(m, [(RDF.type, MTG.Meeting), (MTG.reportedIn, d), (SCHEMA.startDate, _term(meeting.date)),
                (DCTERMS.date, _term(meeting.date)), (RDFS.label, _term(label or doc.source)),
                (MTG.heldBy, out.node(iris.actor(body_key)) if body_key else None)])
    out.add(out.activity, [(RDF.type, PROV.Activity), (PROV.used, d),
                           (PROV.wasAssociatedWith, MTG.overleg)])
    for item in seg.items:
        i, t = out.node(iris.item(item.order)), out.node(iris.topic(item.heading))
        heading = _term(item.heading, meeting.language)
        out.add(i, [(RDF.type, MTG.AgendaItem), (MTG.meeting, m), (SCHEMA.position, _term(item.order)),
                    (DCTERMS.title, heading), (SKOS.notation, _term(item.number)), (MTG.topic, t)])
        out.add(t, [(RDF.type, MTG.Topic), (SKOS.inScheme, MTG.topics), (SKOS.prefLabel, heading)])
    return m


def _emit_actor(out: _Writer, actor: Actor, iris: Iris) -> None:
    a = out.node(iris.actor(actor.key))
    label = _term(actor.label)
    holder = out.node(iris.actor(actor.held_by)) if actor.held_by else None
    out.add(a, [(RDF.type, ACTOR_CLASSES[actor.kind]), (RDF.type, _FOAF_AGENT),
                (SKOS.prefLabel, label), (RDFS.label, label), (MTG.actorKind, _term(actor.kind)),
                *[(SKOS.altLabel, _term(alias)) for alias in actor.aliases],
                (OWL.sameAs, _wikidata(actor.wikidata) if actor.wikidata else None),
                (ORG.heldBy, holder)])
    if holder is not None:
        out.add(holder, [(ORG.holds, a)])


def _wikidata(qid: str) -> ox.NamedNode:
    return ox.NamedNode(str(WD[qid]))


def _emit_statement(out: _Writer, rs: ResolvedStatement, iris: Iris, meeting: ox.NamedNode) -> None:
    """A statement: its kind, actors, qualifiers, quote and provenance, then its evidence."""
    st, ev = rs.statement, rs.statement.evidence
    s = iris.statement(st.kind, ev.start, ev.end)
    subject, node = ox.NamedNode(s), out.node
    quote, page = _term(ev.quote), _term(ev.page)
    pairs: list[tuple[ox.NamedNode, Term | None]] = [
        (RDF.type, STATEMENT_CLASSES[st.kind]), (RDF.type, MTG.Statement), (MTG.meeting, meeting)]
    if st.item_order is not None:
        pairs.append((MTG.agendaItem, node(iris.item(st.item_order))))
    role = STATEMENT_ACTOR_PROPERTIES[st.kind]
    for key in rs.actor_keys:
        actor = node(iris.actor(key))
        pairs += ((MTG.actor, actor), (role, actor))
    if st.stance:
        pairs.append((MTG.stance, STANCES[st.stance]))
    if st.decision_type:
        pairs.append((MTG.decisionType, DECISION_TYPES[st.decision_type]))
    if st.kind == "commitment":
        pairs += ((MTG.status, COMMITMENT_STATUSES[st.status or "open"]),
                  (MTG.task, _term(st.task) if st.task else quote), (MTG.dueText, _term(st.due_text)))
        if rs.due is not None:
            month = rs.due_precision == "month"
            pairs.append((MTG.dueDate, f'"{rs.due.isoformat()[:7]}"{_TYPED["gYearMonth"]}' if month
                          else f'"{rs.due.isoformat()}"{_TYPED["date"]}'))
    pairs += ((MTG.quote, quote), (MTG.rule, _term(ev.rule)),
              (MTG.confidence, _term(float(ev.confidence))), (MTG.page, page),
              (MTG.reviewStatus, REVIEW_STATUSES["unreviewed"]), (PROV.wasDerivedFrom, out.document),
              (PROV.wasGeneratedBy, out.activity))
    annotation = ox.NamedNode(f"{s}/evidence")
    pairs.append((MTG.evidence, annotation))
    out.add(subject, pairs)
    _emit_evidence(out, s, subject, annotation, ev, quote, page)


def _emit_evidence(out: _Writer, s: str, subject: ox.NamedNode, annotation: ox.NamedNode,
                   ev: Evidence, quote: str | None, page: str | None) -> None:
    """The Web Annotation that ties a statement to its quote and character offsets."""
    target = ox.NamedNode(f"{s}/evidence/target")
    selector = ox.NamedNode(f"{s}/evidence/quote")
    position = ox.NamedNode(f"{s}/evidence/position")
    out.add(annotation, [(RDF.type, OA.Annotation), (OA.motivatedBy, OA.identifying),
                         (OA.hasBody, subject), (OA.hasTarget, target)])
    out.add(target, [(RDF.type, OA.SpecificResource), (OA.hasSource, out.document),
                     (OA.hasSelector, selector), (OA.hasSelector, position)])
    out.add(selector, [(RDF.type, OA.TextQuoteSelector), (OA.exact, quote)])
    out.add(position, [(RDF.type, OA.TextPositionSelector), (OA.start, _term(ev.start)),
                       (OA.end, _term(ev.end))])
    out.add(annotation, [(MTG.page, page)])
