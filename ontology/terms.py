"""Namespace constants: the only place RDF terms are spelled out.

Every stage that writes or reads RDF takes its terms from here, so a typo is an
AttributeError at import time instead of a silently empty query. The own
vocabulary is a `DefinedNamespace`, which refuses undeclared names;
tests/test_ontology.py checks that each of its names is declared in
overleg.ttl.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

ONTOLOGY_IRI = "https://w3id.org/overleg/ontology#"
DEFAULT_BASE_IRI = "https://w3id.org/overleg/id/"

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
POPOLO = Namespace("http://www.w3.org/ns/person#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
OPARL = Namespace("http://oparl.org/schema/1.1/")


class MTG(DefinedNamespace):
    """The thin own vocabulary (see ontology/overleg.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes
    SourceDocument: URIRef
    Meeting: URIRef
    AgendaItem: URIRef
    Group: URIRef
    Statement: URIRef
    Position: URIRef
    Commitment: URIRef
    Decision: URIRef
    Stance: URIRef
    DecisionType: URIRef
    CommitmentStatus: URIRef
    ReviewStatus: URIRef
    Topic: URIRef
    # properties
    sha256: URIRef
    sourceName: URIRef
    documentKind: URIRef
    pageCount: URIRef
    heldBy: URIRef
    reportedIn: URIRef
    meeting: URIRef
    agendaItem: URIRef
    topic: URIRef
    actor: URIRef
    holder: URIRef
    committedBy: URIRef
    decidedBy: URIRef
    stance: URIRef
    decisionType: URIRef
    status: URIRef
    task: URIRef
    dueDate: URIRef
    dueText: URIRef
    quote: URIRef
    evidence: URIRef
    page: URIRef
    rule: URIRef
    confidence: URIRef
    reviewStatus: URIRef
    deferredTo: URIRef
    followsUp: URIRef
    succeededBy: URIRef
    chair: URIRef
    acronym: URIRef
    actorKind: URIRef
    language: URIRef
    # concept schemes and concepts
    stances: URIRef
    support: URIRef
    oppose: URIRef
    conditional: URIRef
    concern: URIRef
    request: URIRef
    decisionTypes: URIRef
    adopted: URIRef
    agreed: URIRef
    noted: URIRef
    deferred: URIRef
    rejected: URIRef
    withdrawnDecision: URIRef
    commitmentStatuses: URIRef
    open: URIRef
    fulfilled: URIRef
    withdrawn: URIRef
    superseded: URIRef
    reviewStatuses: URIRef
    unreviewed: URIRef
    confirmed: URIRef
    rejectedByReview: URIRef
    corrected: URIRef
    topics: URIRef
    overleg: URIRef
    # across meetings (link stage and review)
    ProgressReport: URIRef
    Correction: URIRef
    reportsOn: URIRef
    reportedStatus: URIRef
    currentStatus: URIRef
    currentReviewStatus: URIRef
    correction: URIRef
    topicConcepts: URIRef
    # query index (app/link_index.py)
    ActorPair: URIRef
    positionCount: URIRef
    commitmentCount: URIRef
    decisionCount: URIRef
    statementCount: URIRef
    meetingCount: URIRef
    firstMeeting: URIRef
    lastMeeting: URIRef
    firstActor: URIRef
    secondActor: URIRef
    sharedItems: URIRef
    sharedMeetings: URIRef
    agreements: URIRef
    disagreements: URIRef
    rank: URIRef
    kindRank: URIRef
    reviewRank: URIRef
    itemRank: URIRef
    headingText: URIRef
    itemAt: URIRef
    positionAt: URIRef
    positionsFrom: URIRef
    positionsTo: URIRef
    searchText: URIRef
    statementsTo: URIRef
    indexVersion: URIRef
    positionsOnItem: URIRef
    commitmentsOnItem: URIRef
    decisionsOnItem: URIRef
    stancesSeen: URIRef
    decisionTypesSeen: URIRef


STANCES = {
    "support": MTG.support,
    "oppose": MTG.oppose,
    "conditional": MTG.conditional,
    "concern": MTG.concern,
    "request": MTG.request,
}
DECISION_TYPES = {
    "adopted": MTG.adopted,
    "agreed": MTG.agreed,
    "noted": MTG.noted,
    "deferred": MTG.deferred,
    "rejected": MTG.rejected,
    "withdrawn": MTG.withdrawnDecision,
}
COMMITMENT_STATUSES = {
    "open": MTG.open,
    "fulfilled": MTG.fulfilled,
    "withdrawn": MTG.withdrawn,
    "superseded": MTG.superseded,
}
REVIEW_STATUSES = {
    "unreviewed": MTG.unreviewed,
    "confirmed": MTG.confirmed,
    "rejected": MTG.rejectedByReview,
    "corrected": MTG.corrected,
}
STATEMENT_CLASSES = {
    "position": MTG.Position,
    "commitment": MTG.Commitment,
    "decision": MTG.Decision,
}
STATEMENT_ACTOR_PROPERTIES = {
    "position": MTG.holder,
    "commitment": MTG.committedBy,
    "decision": MTG.decidedBy,
}
ACTOR_CLASSES = {
    "person": FOAF.Person,
    "organisation": ORG.Organization,
    "post": ORG.Post,
    "group": MTG.Group,
}

PREFIXES = {
    "mtg": ONTOLOGY_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "time": str(TIME),
}

__all__ = [
    "ACTOR_CLASSES",
    "BESLUIT",
    "COMMITMENT_STATUSES",
    "DCTERMS",
    "DECISION_TYPES",
    "DEFAULT_BASE_IRI",
    "FOAF",
    "MANDAAT",
    "MTG",
    "OA",
    "ONTOLOGY_IRI",
    "OPARL",
    "OPENGOV",
    "ORG",
    "OWL",
    "POPOLO",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REVIEW_STATUSES",
    "SCHEMA",
    "SKOS",
    "STANCES",
    "STATEMENT_ACTOR_PROPERTIES",
    "STATEMENT_CLASSES",
    "TIME",
    "WD",
    "XSD",
]
