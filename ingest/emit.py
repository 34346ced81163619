"""Stage 5, emit: Resolved -> RDF quads in the document's named graph.

Terms come only from ontology/terms.py. IRIs are deterministic under a base
IRI: document by content hash, meeting by body and date, actor by key,
agenda item and statement by document and position, so ingesting the same
bytes twice yields the same quads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

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
from .records import Actor, Resolved, ResolvedStatement
from .resolve import slugify


class _CachedTerms:
    """A namespace whose terms are plain strings, looked up once.

    rdflib builds and validates a new URIRef on every attribute access of a
    namespace; emit touches about 40 terms per statement, so the strings are
    cached on first use.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> str:
        return str(self._namespace[name])


MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS = (  # noqa: F811
    _CachedTerms(ns) for ns in (MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS))
_TERM_TABLES = (ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES,
                STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES)
ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES, \
    STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES = (  # noqa: F811
        {key: str(value) for key, value in table.items()} for table in _TERM_TABLES)


@lru_cache(maxsize=16384)
def _node(iri: str) -> ox.NamedNode:
    """Predicates, classes and concepts recur in every statement: build each node once."""
    return ox.NamedNode(iri)


@dataclass(frozen=True)
class Iris:
    """IRI minting for one document under a base IRI."""

    base: str
    source_id: str
    sha256: str

    @property
    def graph(self) -> str:
        return f"{self.base}graph/{self.source_id}"

    @property
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

    def statement(self, rs: ResolvedStatement) -> str:
        ev = rs.statement.evidence
        return f"{self.document}/{rs.statement.kind}/{ev.start}-{ev.end}"


def source_id_for(source: str) -> str:
    """Graph key of a source: its file name as a slug, so a changed file replaces its graph."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return slugify(name)


def emit(resolved: Resolved, base: str, source_id: str | None = None) -> list[ox.Quad]:
    """All quads for one document, in its own named graph."""
    document = resolved.segmented.document
    iris = Iris(base=base, source_id=source_id or source_id_for(document.source),
                sha256=document.sha256)
    out = _Writer(iris.graph)
    meeting_iri = _emit_meeting(out, resolved, iris)
    for actor in resolved.actors:
        _emit_actor(out, actor, iris)
    for rs in resolved.statements:
        _emit_statement(out, rs, iris, meeting_iri)
    return out.quads


class _Writer:
    """Collects quads in one graph; converts rdflib terms and Python values.

    A statement's IRI is the subject or object of some forty quads; each
    distinct IRI of the document is built (and validated) as a NamedNode
    once, in `nodes`, instead of once per quad.
    """

    def __init__(self, graph: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.quads: list[ox.Quad] = []
        self.nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri: str) -> ox.NamedNode:
        found = self.nodes.get(iri)
        if found is None:
            found = self.nodes[iri] = ox.NamedNode(iri)
        return found

    def add(self, s: str, p: str, o: object, lang: str | None = None) -> None:
        if o is None:
            return
        self.quads.append(ox.Quad(self.node(s), _node(p), _term(o, lang), self.graph))

    def iri(self, s: str, p: str, o: str) -> None:
        self.quads.append(ox.Quad(self.node(s), _node(p), self.node(o), self.graph))


def _term(value: object, lang: str | None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=_node(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_node(XSD.integer))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=_node(XSD.decimal))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=_node(XSD.date))
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value))


def _emit_meeting(out: _Writer, resolved: Resolved, iris: Iris) -> str:
    seg = resolved.segmented
    doc, meeting = seg.document, seg.meeting
    d = iris.document
    out.iri(d, RDF.type, MTG.SourceDocument)
    out.add(d, MTG.sha256, doc.sha256)
    out.add(d, MTG.sourceName, doc.source.replace("\\", "/").rsplit("/", 1)[-1])
    out.add(d, DCTERMS.format, doc.media_type)
    out.add(d, DCTERMS.title, meeting.title)
    out.add(d, MTG.documentKind, meeting.kind)
    out.add(d, MTG.language, meeting.language)
    if doc.pages:
        out.add(d, MTG.pageCount, len(doc.pages))
    body_key = resolved.body.key if resolved.body else None
    m = iris.meeting(body_key, meeting.date)
    out.iri(m, RDF.type, MTG.Meeting)
    out.iri(m, MTG.reportedIn, d)
    out.add(m, SCHEMA.startDate, meeting.date)
    out.add(m, DCTERMS.date, meeting.date)
    label = " ".join(x for x in (meeting.body_acronym or meeting.body_label,
                                 meeting.date.isoformat() if meeting.date else None) if x)
    out.add(m, RDFS.label, label or doc.source)
    if body_key:
        out.iri(m, MTG.heldBy, iris.actor(body_key))
    activity = f"{d}/extraction"
    out.iri(activity, RDF.type, PROV.Activity)
    out.iri(activity, PROV.used, d)
    out.iri(activity, PROV.wasAssociatedWith, MTG.overleg)
    for item in seg.items:
        i = iris.item(item.order)
        out.iri(i, RDF.type, MTG.AgendaItem)
        out.iri(i, MTG.meeting, m)
        out.add(i, SCHEMA.position, item.order)
        out.add(i, DCTERMS.title, item.heading, lang=meeting.language)
        out.add(i, SKOS.notation, item.number)
        t = iris.topic(item.heading)
        out.iri(i, MTG.topic, t)
        out.iri(t, RDF.type, MTG.Topic)
        out.iri(t, SKOS.inScheme, MTG.topics)
        out.add(t, SKOS.prefLabel, item.heading, lang=meeting.language)
    return m


def _emit_actor(out: _Writer, actor: Actor, iris: Iris) -> None:
    a = iris.actor(actor.key)
    out.iri(a, RDF.type, ACTOR_CLASSES[actor.kind])
    out.iri(a, RDF.type, "http://xmlns.com/foaf/0.1/Agent")
    out.add(a, SKOS.prefLabel, actor.label)
    out.add(a, RDFS.label, actor.label)
    out.add(a, MTG.actorKind, actor.kind)
    for alias in actor.aliases:
        out.add(a, SKOS.altLabel, alias)
    if actor.wikidata:
        out.iri(a, OWL.sameAs, WD[actor.wikidata])
    if actor.held_by:
        out.iri(a, ORG.heldBy, iris.actor(actor.held_by))
        out.iri(iris.actor(actor.held_by), ORG.holds, a)


def _emit_statement(out: _Writer, rs: ResolvedStatement, iris: Iris, meeting: str) -> None:
    st, ev = rs.statement, rs.statement.evidence
    s = iris.statement(rs)
    out.iri(s, RDF.type, STATEMENT_CLASSES[st.kind])
    out.iri(s, RDF.type, MTG.Statement)
    out.iri(s, MTG.meeting, meeting)
    if st.item_order is not None:
        out.iri(s, MTG.agendaItem, iris.item(st.item_order))
    for key in rs.actor_keys:
        out.iri(s, MTG.actor, iris.actor(key))
        out.iri(s, STATEMENT_ACTOR_PROPERTIES[st.kind], iris.actor(key))
    if st.stance:
        out.iri(s, MTG.stance, STANCES[st.stance])
    if st.decision_type:
        out.iri(s, MTG.decisionType, DECISION_TYPES[st.decision_type])
    if st.kind == "commitment":
        out.iri(s, MTG.status, COMMITMENT_STATUSES[st.status or "open"])
        out.add(s, MTG.task, st.task or ev.quote)
        out.add(s, MTG.dueText, st.due_text)
        if rs.due is not None:
            value = rs.due.isoformat()[:7] if rs.due_precision == "month" else rs.due.isoformat()
            dtype = XSD.gYearMonth if rs.due_precision == "month" else XSD.date
            out.quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(str(MTG.dueDate)),
                                     ox.Literal(value, datatype=ox.NamedNode(str(dtype))), out.graph))
    out.add(s, MTG.quote, ev.quote)
    out.add(s, MTG.rule, ev.rule)
    out.add(s, MTG.confidence, float(ev.confidence))
    out.add(s, MTG.page, ev.page)
    out.iri(s, MTG.reviewStatus, REVIEW_STATUSES["unreviewed"])
    out.iri(s, PROV.wasDerivedFrom, iris.document)
    out.iri(s, PROV.wasGeneratedBy, f"{iris.document}/extraction")
    _emit_evidence(out, s, ev, iris)


def _emit_evidence(out: _Writer, s: str, ev, iris: Iris) -> None:
    annotation, target = f"{s}/evidence", f"{s}/evidence/target"
    quote, position = f"{s}/evidence/quote", f"{s}/evidence/position"
    out.iri(s, MTG.evidence, annotation)
    out.iri(annotation, RDF.type, OA.Annotation)
    out.iri(annotation, OA.motivatedBy, OA.identifying)
    out.iri(annotation, OA.hasBody, s)
    out.iri(annotation, OA.hasTarget, target)
    out.iri(target, RDF.type, OA.SpecificResource)
    out.iri(target, OA.hasSource, iris.document)
    out.iri(target, OA.hasSelector, quote)
    out.iri(target, OA.hasSelector, position)
    out.iri(quote, RDF.type, OA.TextQuoteSelector)
    out.add(quote, OA.exact, ev.quote)
    out.iri(position, RDF.type, OA.TextPositionSelector)
    out.add(position, OA.start, ev.start)
    out.add(position, OA.end, ev.end)
    out.add(annotation, MTG.page, ev.page)
