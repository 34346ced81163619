"""Stage 5, emit: Resolved -> RDF quads in the document's named graph.

Terms come only from ontology/terms.py. IRIs are deterministic under a base
IRI: document by content hash, meeting by body and date, actor by key,
agenda item and statement by document and position, so ingesting the same
bytes twice yields the same quads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

import pyoxigraph as ox

from ..ontology.reference import load_gazetteer
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


class Iri:
    """An IRI as emit writes it: its value and its N-Quads text, made once per term."""

    __slots__ = ("value", "text")
    language = None

    def __init__(self, value: str) -> None:
        self.value, self.text = value, f"<{value}>"


class Lit:
    """A literal as emit writes it: its lexical value, language and N-Quads text."""

    __slots__ = ("value", "language", "text")

    def __init__(self, value: str, text: str, language: str | None = None) -> None:
        self.value, self.text, self.language = value, text, language


class _Nodes:
    """A namespace whose terms are `Iri`s, each made once on first use: rdflib builds and
    validates a new URIRef on every attribute access of a namespace."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Iri:
        value = Iri(str(getattr(self._namespace, name)))
        setattr(self, name, value)
        return value


MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS = (  # noqa: F811
    _Nodes(ns) for ns in (MTG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, DCTERMS))
_TERM_TABLES = (ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES,
                STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES)
ACTOR_CLASSES, COMMITMENT_STATUSES, DECISION_TYPES, REVIEW_STATUSES, STANCES, \
    STATEMENT_ACTOR_PROPERTIES, STATEMENT_CLASSES = (  # noqa: F811
        {key: Iri(str(value)) for key, value in table.items()} for table in _TERM_TABLES)
_FOAF_AGENT = Iri("http://xmlns.com/foaf/0.1/Agent")
Term = Iri | Lit


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
        return document_iri(self.base, self.sha256)

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


def document_iri(base: str, sha256: str) -> str:
    """A document's IRI, from its bytes' SHA-256 (the reports graph names it too)."""
    return f"{base}doc/{sha256[:20]}"


def source_id_for(source: str) -> str:
    """Graph key of a source: its file name as a slug, so a changed file replaces its graph."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return slugify(name)


@dataclass(frozen=True)
class Emitted:
    """One document's triples in its named graph, as N-Quads text and by subject.

    The ingest workers hand the text to the store's loader and derive the link
    stage's rows (app/link_facts.py) from `props`, so no pyoxigraph object is made
    per triple in a worker; `emit` parses the text for callers that want quads."""

    graph: str
    nquads: str
    props: dict[str, dict[str, list[Term]]]
    """subject IRI -> predicate IRI -> objects (each with `.value`, and `.language`), in order."""
    triples: int


def emit(resolved: Resolved, base: str, source_id: str | None = None) -> list[ox.Quad]:
    """All quads for one document, in its own named graph."""
    return list(ox.parse(emit_document(resolved, base, source_id).nquads, format=ox.RdfFormat.N_QUADS))


def emit_document(resolved: Resolved, base: str, source_id: str | None = None) -> Emitted:
    """All triples for one document, in its own named graph, as N-Quads text and by subject."""
    document = resolved.segmented.document
    iris = Iris(base=base, source_id=source_id or source_id_for(document.source),
                sha256=document.sha256)
    try:  # every IRI below is the base plus slugs, hex and numbers: checking the base checks them
        ox.NamedNode(iris.document)
    except ValueError as exc:
        raise ValueError(f"the base IRI {base!r} does not make valid IRIs: {exc}") from exc
    out = GraphWriter(iris.graph, iris.document)
    meeting = _emit_meeting(out, resolved, iris)
    for actor in resolved.actors:
        _emit_actor(out, actor, iris)
    for rs in resolved.statements:
        _emit_statement(out, rs, iris, meeting)
    return Emitted(iris.graph, "".join(out.lines), out.props, len(out.lines))


class GraphWriter:
    """Collects one graph's triples, subject by subject, as N-Quads lines and by subject.

    Also writes the progress reports graph in the workers (app/link_followups.report_text).

    `add` takes a subject and its (predicate, object) pairs, objects already
    terms (None: nothing to say). Text is written directly: a pyoxigraph Quad costs
    ~3 us to build and as much again to serialise (a Literal object ~4 us more, the
    constructor tries NamedNode and BlankNode first), ~900 a synthetic minute."""

    def __init__(self, graph: str, document: str) -> None:
        self.lines: list[str] = []
        self.props: dict[str, dict[str, list[Term]]] = {}
        self.nodes: dict[str, Iri] = {}
        self.document = Iri(document)
        self.activity = Iri(f"{document}/extraction")
        self._tail = f" <{graph}> .\n"

    def node(self, iri: str) -> Iri:
        found = self.nodes.get(iri)
        if found is None:
            found = self.nodes[iri] = Iri(iri)
        return found

    def add(self, subject: Iri, pairs: list[tuple[Iri, Term | None]]) -> None:
        lines, tail, head = self.lines, self._tail, f"{subject.text} "
        by_predicate = self.props.get(subject.value)
        if by_predicate is None:
            by_predicate = self.props[subject.value] = {}
        for p, o in pairs:
            if o is not None:
                lines.append(f"{head}{p.text} {o.text}{tail}")
                values = by_predicate.get(p.value)
                if values is None:
                    by_predicate[p.value] = [o]
                else:
                    values.append(o)


_TYPED = {name: f"^^<{getattr(XSD, name).value}>" for name in ("boolean", "integer", "decimal", "date",
                                                                "gYearMonth")}


def _quoted(text: str) -> str:
    """A string as an N-Quads string literal: the four characters the grammar excludes, escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r") + '"'


def _typed(lexical: str, datatype: str) -> Lit:
    return Lit(lexical, f'"{lexical}"{_TYPED[datatype]}')


def _term(value: object, lang: str | None = None) -> Lit | None:
    """The literal of a Python value (None for None) with its XSD type."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _typed(str(value).lower(), "boolean")
    if isinstance(value, int):
        return _typed(str(value), "integer")
    if isinstance(value, float):
        return _typed(f"{value:.2f}", "decimal")
    if isinstance(value, date):
        return _typed(value.isoformat(), "date")
    text = str(value)
    if lang:
        return Lit(text, f"{_quoted(text)}@{_language(lang)}", _language(lang))
    return Lit(text, _quoted(text))


@lru_cache(maxsize=64)
def _language(tag: str) -> str:
    """A language tag as pyoxigraph writes it (lower case), refused when it is not one."""
    return ox.Literal("", language=tag).language


def _emit_meeting(out: GraphWriter, resolved: Resolved, iris: Iris) -> Iri:
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


def _emit_actor(out: GraphWriter, actor: Actor, iris: Iris) -> None:
    """An actor as this document names it.

    What the gazetteer says of a reference actor (its aliases, its Wikidata
    item) is in the store's ontology graph once; repeating it in every document
    graph made a tenth of the store. The label, kind and classes stay, so the
    statements of one graph are labelled from that graph."""
    a = out.node(iris.actor(actor.key))
    reference = load_gazetteer().actors.get(actor.key)
    known = set(reference.aliases) if reference else set()
    same_as = actor.wikidata if actor.wikidata and not (reference and reference.wikidata == actor.wikidata) \
        else None
    holder = out.node(iris.actor(actor.held_by)) if actor.held_by else None
    out.add(a, [(RDF.type, ACTOR_CLASSES[actor.kind]), (RDF.type, _FOAF_AGENT),
                (SKOS.prefLabel, _term(actor.label)), (MTG.actorKind, _term(actor.kind)),
                *[(SKOS.altLabel, _term(alias)) for alias in actor.aliases if alias not in known],
                (OWL.sameAs, _wikidata(same_as) if same_as else None),
                (ORG.heldBy, holder)])
    if holder is not None:
        out.add(holder, [(ORG.holds, a)])


def _wikidata(qid: str) -> Iri:
    return Iri(str(WD[qid]))


def _emit_statement(out: GraphWriter, rs: ResolvedStatement, iris: Iris, meeting: Iri) -> None:
    """A statement: its kind, actors, qualifiers, quote and provenance, then its evidence."""
    st, ev = rs.statement, rs.statement.evidence
    s = iris.statement(st.kind, ev.start, ev.end)
    subject, node = Iri(s), out.node
    quote, page = _term(ev.quote), _term(ev.page)
    pairs: list[tuple[Iri, Term | None]] = [
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
            pairs.append((MTG.dueDate, _typed(rs.due.isoformat()[:7], "gYearMonth") if month
                          else _typed(rs.due.isoformat(), "date")))
    pairs += ((MTG.quote, quote), (MTG.rule, _term(ev.rule)),
              (MTG.confidence, _term(float(ev.confidence))), (MTG.page, page),
              (MTG.reviewStatus, REVIEW_STATUSES["unreviewed"]), (PROV.wasDerivedFrom, out.document),
              (PROV.wasGeneratedBy, out.activity))
    annotation = Iri(f"{s}/evidence")
    pairs.append((MTG.evidence, annotation))
    out.add(subject, pairs)
    _emit_evidence(out, s, subject, annotation, ev, quote, page)


def _emit_evidence(out: GraphWriter, s: str, subject: Iri, annotation: Iri,
                   ev: Evidence, quote: Lit | None, page: Lit | None) -> None:
    """The Web Annotation that ties a statement to its quote and character offsets."""
    target = Iri(f"{s}/evidence/target")
    selector = Iri(f"{s}/evidence/quote")
    position = Iri(f"{s}/evidence/position")
    out.add(annotation, [(RDF.type, OA.Annotation), (OA.motivatedBy, OA.identifying),
                         (OA.hasBody, subject), (OA.hasTarget, target)])
    out.add(target, [(RDF.type, OA.SpecificResource), (OA.hasSource, out.document),
                     (OA.hasSelector, selector), (OA.hasSelector, position)])
    out.add(selector, [(RDF.type, OA.TextQuoteSelector), (OA.exact, quote)])
    out.add(position, [(RDF.type, OA.TextPositionSelector), (OA.start, _term(ev.start)),
                       (OA.end, _term(ev.end))])
    out.add(annotation, [(MTG.page, page)])
