"""The meeting report: the agenda, who said what per item, commitments made, decisions taken.

The agenda comes from the store itself (items without any statement still
belong to the agenda); each agenda line cites the document and quotes the
heading as it stands in the minutes.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .report_claims import Statement, statement_claim
from .report_model import Citation, Claim, Report, Section
from .views import Row

AGENDA = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?meeting ?item ?order ?number ?heading ?document WHERE {
  ?item a mtg:AgendaItem ; mtg:meeting ?meeting ; dcterms:title ?heading .
  OPTIONAL { ?item schema:position ?order }
  OPTIONAL { ?item skos:notation ?number }
  OPTIONAL { ?meeting mtg:reportedIn/mtg:sourceName ?document }
}
"""


def find_meeting(name: str, rows: list[Row]) -> Row:
    """The meeting by IRI, label or ISO date; a date shared by two bodies needs the label."""
    wanted = name.strip().lower()
    found: dict[str, Row] = {}
    for row in rows:
        if wanted in (row.meeting.lower(), row.meeting_label.lower(),
                      row.date.isoformat() if row.date else "") or wanted in row.meeting_label.lower():
            found.setdefault(row.meeting, row)
    if not found:
        raise UsageError(f"no meeting matching '{name}'",
                         hint="give the meeting date (YYYY-MM-DD) or its label, e.g. 'LOVP 2017-04-10'")
    if len(found) > 1:
        labels = ", ".join(sorted(r.meeting_label for r in found.values()))
        raise UsageError(f"'{name}' matches several meetings: {labels}", hint="give the full label")
    return next(iter(found.values()))


def agenda_section(store: EmbeddedStore, meeting: Row) -> Section:
    section = Section("agenda", "Agenda")
    solutions = store.query(AGENDA, {"meeting": ox.NamedNode(meeting.meeting)})
    items = []
    for s in solutions:
        order = int(s["order"].value) if s["order"] is not None else 0
        items.append((order, s["item"].value, s["number"].value if s["number"] else None,
                      s["heading"].value, s["document"].value if s["document"] else meeting.document))
    for order, item, number, heading, document in sorted(items):
        source = Citation(statement=item, document=document, meeting=meeting.meeting_label,
                          date=meeting.date.isoformat() if meeting.date else None, page=None,
                          quote=heading, heading=heading)
        section.claims.append(Claim("agenda-item", f"{number or order}. {heading}", (source,),
                                    topic=heading))
    return section


def meeting_report(store: EmbeddedStore, rows: list[Row], stmts: list[Statement], name: str,
                   as_of: date) -> Report:
    meeting = find_meeting(name, rows)
    mine = [s for s in stmts if s.row.meeting == meeting.meeting]
    sections = [agenda_section(store, meeting)]
    per_item: dict[str, Section] = {}
    for st in (s for s in mine if s.row.kind == "position"):
        heading = st.row.heading or "(no agenda item)"
        per_item.setdefault(heading, Section("item", f"Who said what: {heading}")).claims.append(
            statement_claim(st, as_of))
    sections += per_item.values()
    for kind, heading in (("commitment", "Commitments made"), ("decision", "Decisions taken")):
        claims = [statement_claim(s, as_of) for s in mine if s.row.kind == kind]
        if claims:
            sections.append(Section(kind + "s", heading, claims))
    counts = {f"{k}s": sum(1 for s in mine if s.row.kind == k)
              for k in ("position", "commitment", "decision")}
    return Report("meeting", meeting.meeting_label, f"Meeting report: {meeting.meeting_label}",
                  [s for s in sections if s.claims],
                  summary={"agenda_items": len(sections[0].claims), **counts})
