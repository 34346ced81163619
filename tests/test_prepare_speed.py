"""The ingest worker's shortcuts (app/ingestion.prepare) give what the plain way gives.

`prepare` writes the reports graph as text (`link_followups.report_text`) instead of
pyoxigraph quads, looks for reports only in sentences holding one of their words
(`scan_reports`), and reads the link facts with look-ups that sort only when a subject
has several values (`link_facts._Document`). Each is held here against the plain way on
awkward inputs: quotes, backslashes, control characters and non-ASCII in literals,
letters the re module folds to ASCII, several values and languages per predicate,
documents with and without reports or statements.
"""

from __future__ import annotations

import json
import marshal
import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from overleg import link_facts, link_followups
from overleg.ingest.emit import Iri, Lit, source_id_for
from overleg.ingest.pipeline import process_path
from overleg.ingest.read import MAX_BYTES, read_bytes
from overleg.ingest.segment import segment
from overleg.ingestion import Task, prepare
from overleg.link_followups import FULFILLED, WITHDRAWN, Report, report_quads, report_text, scan_reports
from overleg.linking import reports_for
from overleg.ontology.terms import DCTERMS, MTG

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic  # noqa: E402

CORPUS = Path(__file__).parent / "corpus"
BASE = "https://example.org/overleg/"
AWKWARD = ['plain', 'say "no"', "back\\slash", "two\nlines", "carriage\rreturn", "tab\there", "",
           "é ç ø € 中文 🙂", "trailing \\", '"', "\u2028 line separator", "\x00\x01\x08\x0c\x1f\x7f control",
           "İngetrokken ſ K"]
TRICKY = """Verslag Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017

Aanwezig: de voorzitter, de minister van Veiligheid en Justitie, de korpschef.

Politiebegroting: Er is van gedachten gewisseld over de begroting. De brief IS GESTUURD aan de Kamer.
Het plan is İngetrokken door de minister; de notitie is ıngetrokken. De wet is ingetroKken. Het besluit
is geſtuurd naar "de raad" \\ het college. Is gebeurd. Het voorstel is
verzonden aan de gemeenten. Dat is mooi. De minister zegt toe de brief te sturen.

Cybercrime: De korpschef zegt dat het overleg heeft plaatsgevonden. Het project gaat niet  door.
The report has been sent to the board. Het ﬁnale besluit komt te vervallen! Ziet af van; ziet af
van het voorstel. Afgerond is het niet. Het onderzoek is door de politie afgerond
"""


def _reference_scan(segmented) -> list[Report]:
    """scan_reports as it was: both patterns on every sentence of every agenda item."""
    found = []
    for item in segmented.items:
        start, end = segmented.to_clean(item.span.start), segmented.to_clean(item.span.end)
        for match in re.compile(r"[^.!?;]+[.!?;]?").finditer(segmented.clean, start, end):
            sentence = match.group(0)
            status = ("withdrawn" if WITHDRAWN.search(sentence) else
                      "fulfilled" if FULFILLED.search(sentence) else None)
            if status is None or len(sentence.split()) < 3:
                continue
            lead = len(sentence) - len(sentence.lstrip())
            span = segmented.to_original(match.start() + lead, match.end())
            found.append(Report(span.start, span.end, " ".join(sentence.split()), item.order, status))
    return found


def _texts() -> list[tuple[str, str]]:
    corpus = [(p.name, p.read_text(encoding="utf-8")) for folder in ("nl", "en")
              for p in sorted((CORPUS / folder).glob("*.txt"))]
    return [("tricky.txt", TRICKY), *corpus, *((f"s{n}.txt", m.text) for n, m in
                                               enumerate(synthetic.meetings(40, seed=3)))]


def test_scan_reports_finds_what_searching_every_sentence_finds() -> None:
    total = 0
    for name, text in _texts():
        segmented = segment(read_bytes(text.encode("utf-8"), name))
        found = scan_reports(segmented)
        assert found == _reference_scan(segmented), name
        total += len(found)
    quotes = {r.quote for r in scan_reports(segment(read_bytes(TRICKY.encode("utf-8"), "tricky.txt")))}
    assert {"De wet is ingetroKken.", "Het plan is İngetrokken door de minister;",
            "de notitie is ıngetrokken."} <= quotes  # letters re folds to i, k and s
    assert any("geſtuurd" in q for q in quotes) and total > 40


def test_folding_keeps_every_place_and_every_match_the_patterns_would_make() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(link_followups._folded(everything)) == len(everything)
    for letter in set(re.sub(r"[^a-z]", "", link_followups._WORDS.pattern.replace(r"\s", ""))):
        for char in re.findall(letter, everything, re.IGNORECASE):
            assert link_followups._folded(char) == letter, (letter, hex(ord(char)))


def _reports() -> list[Report]:
    return [Report(10 * n, 10 * n + len(quote), quote, n if n % 3 else None,
                   ("fulfilled", "withdrawn")[n % 2]) for n, quote in enumerate(AWKWARD)]


def _by_subject(quads) -> dict:
    out: dict = {}
    for q in quads:
        out.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(
            (q.object.value, getattr(q.object, "language", None)))
    return out


@pytest.mark.parametrize("reports", [_reports(), _reports()[:1], []], ids=["awkward", "one", "none"])
@pytest.mark.parametrize("prefix", ["nl", "en"])
def test_report_text_is_what_pyoxigraph_serialises(reports: list[Report], prefix: str) -> None:
    document, graph = f"{BASE}doc/0123456789abcdef0123", f"{BASE}graph/reports/x-txt"
    quads = report_quads(reports, document, graph, prefix)
    text, props = report_text(reports, document, graph, prefix)
    assert text == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert {s: {p: [(o.value, o.language) for o in objects] for p, objects in ps.items()}
            for s, ps in props.items()} == _by_subject(quads)
    assert len(quads) == text.count(b"\n") == 9 * len(reports) + sum(r.item_order is not None for r in reports)


@pytest.mark.parametrize("document, graph", [(f"{BASE}doc/x", "not an iri"), ("no iri", f"{BASE}graph/g")])
def test_report_text_refuses_what_report_quads_refuses(document: str, graph: str) -> None:
    with pytest.raises(ValueError) as plain:
        report_quads(_reports(), document, graph)
    with pytest.raises(ValueError) as text:
        report_text(_reports(), document, graph)
    assert str(text.value) == str(plain.value)


class _Sorting(link_facts._Document):
    """The look-ups as they were: sort on every call, ask every subject."""

    def all(self, subject, predicate):
        terms = self.props.get(subject, {}).get(str(predicate), ()) if subject else ()
        return sorted(t.value for t in terms)

    def first(self, subject, predicate):
        values = self.all(subject, predicate)
        return values[0] if values else None

    def having(self, predicate):
        return [s for s in sorted(self.props) if self.all(s, predicate)]


def _rows(document: link_facts._Document) -> str:
    rows = {**link_facts._link_rows(document), **link_facts._index_rows(document)}
    return json.dumps(rows) + repr(rows)


def _crowded(props: dict) -> dict:
    """More values per predicate, out of order, and titles in several languages."""
    mtg, title = str(MTG), str(DCTERMS.title)
    crowded = {s: {p: list(objects) for p, objects in ps.items()} for s, ps in props.items()}
    for n, (_subject, by_predicate) in enumerate(sorted(crowded.items())):
        for predicate in (f"{mtg}meeting", f"{mtg}actor", f"{mtg}agendaItem", f"{mtg}holder",
                          f"{mtg}stance", f"{mtg}topic", f"{mtg}confidence", f"{mtg}committedBy"):
            if predicate in by_predicate and n % 2:
                extra = Iri(f"{by_predicate[predicate][0].value}-{n}") if n % 4 == 1 else \
                    Lit(f"0.{n % 9}", f'"0.{n % 9}"')
                by_predicate[predicate].insert(0, extra)
        if title in by_predicate:
            value = by_predicate[title][0].value
            by_predicate[title] += [Lit(value, f'"{value}"@en', "en"), Lit("A " + value, '"A"@de', "de")]
    return crowded


def _documents() -> list[Path]:
    found = sorted(p for folder in ("nl", "en") for p in (CORPUS / folder).glob("*.txt"))
    return found[::max(1, len(found) // 8)]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_fact_look_ups_give_what_sorting_every_time_gives(path: Path) -> None:
    result = process_path(path, BASE)
    _, reports = reports_for(result.resolved.segmented, BASE)
    for props in (result.emitted.props, _crowded(result.emitted.props)):
        fast = link_facts._Document(reports, {s: dict(ps) for s, ps in props.items()})
        plain = _Sorting(reports, {s: dict(ps) for s, ps in props.items()})
        assert _rows(fast) == _rows(plain)
    assert link_facts._index_rows(plain)["statements"] and len(fast._sorted) > 10  # several values


def test_a_document_without_triples_has_empty_facts() -> None:
    facts = link_facts.facts_of_emitted({}, (), {})
    assert facts["v"] == link_facts.VERSION and not any(rows for key, rows in facts.items() if key != "v")


def _decoded(data: bytes) -> dict:
    return json.loads(data) if data[:1] == b"{" else marshal.loads(data)


@pytest.mark.parametrize("text", [TRICKY, TRICKY.split("\n\nCybercrime")[0].replace("IS GESTUURD", "komt"),
                                  "Verslag van het overleg d.d. 3 maart 2020\n\nRondvraag: Geen.\n"],
                         ids=["reports", "few-reports", "no-statements"])
def test_prepare_gives_the_bytes_and_facts_of_the_quads(tmp_path: Path, text: str) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    task = Task(str(path), f"{BASE}graph/{source_id_for(str(path))}", None, BASE, MAX_BYTES)
    prepared = prepare(task)
    assert prepared.status == "ready", prepared.reason
    result = process_path(path, BASE)
    graph, reports = reports_for(result.resolved.segmented, BASE)
    assert prepared.derived == (graph,)
    assert prepared.nquads == result.emitted.nquads.encode("utf-8") + ox.serialize(
        reports, format=ox.RdfFormat.N_QUADS)
    assert prepared.triples == len(result.quads) + len(reports) == prepared.nquads.count(b"\n")
    quads = list(ox.parse(prepared.nquads, format=ox.RdfFormat.N_QUADS))
    assert json.dumps(_decoded(prepared.facts)) == json.dumps(link_facts.facts_of(quads))
