"""Reports: every claim cited, the five kinds, four formats, JSON schema, escaping, figures."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import sys
import types
from datetime import date
from pathlib import Path

import jsonschema
import overleg
import overleg.visualise
import pytest
from overleg.errors import UsageError
from overleg.visualise.report import REPORT_KINDS
from overleg.visualise.report_relations import relations
from overleg.visualise.report_render import md_escape, render, templates_dir
from overleg.visualise.report_status import due_deadline, status_as_of
from overleg.visualise.views import Row

# Two more LOVP meetings: the same topic twice, with actors changing sides, and a joint position.
MINUTES = {
    "lovp-2018-03-12.txt": (
        "Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 12 maart 2018\n\n"
        "Politiebegroting: De burgemeesters hebben aangegeven dat ze bezwaar hebben tegen de "
        "bezuiniging op de basisteams. De politie heeft aangegeven dat ze de bezuiniging steunt. "
        "Het OM heeft zorgen over de gevolgen voor de opsporing. De minister zal voor 1 juli een "
        "brief sturen over de begroting.\n\n"
        "Informatiedeling: De burgemeesters steunen het voorstel om informatie te delen. De politie "
        "steunt het voorstel ook. Het LOVP stemt in met het voorstel.\n"),
    "lovp-2019-02-11.txt": (
        "Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 11 februari 2019\n\n"
        "Politiebegroting: De burgemeesters zijn akkoord met de begroting. De politie heeft "
        "bezwaren tegen de begroting. De korpschef zal eind maart terugkomen op de verdeling.\n"),
}
AS_OF = "2019-06-01"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> dict[str, str]:
    """File name -> original text of every ingested document."""
    folder = tmp_path_factory.mktemp("minutes")
    texts = {seed_path.name: seed_path.read_text(encoding="utf-8")}
    for name, text in MINUTES.items():
        (folder / name).write_text(text, encoding="utf-8")
        texts[name] = text
    texts["_folder"] = str(folder)
    return texts


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, str], seed_path: Path):
    graph = overleg.open(tmp_path_factory.mktemp("multi") / "store")
    report = graph.ingest(seed_path, sources["_folder"])
    assert report.ok, report.failed
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((Path(str(templates_dir())) / "report.schema.json").read_text(encoding="utf-8"))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


ALL_REPORTS = [("actor", "burgemeesters"), ("topic", "begroting"), ("meeting", "2018-03-12"),
               ("commitments", None), ("relations", None), ("actor", "politie")]


@pytest.mark.parametrize(("kind", "name"), ALL_REPORTS)
def test_every_claim_cites_a_quote_found_at_its_offsets(multi, sources, kind, name):
    report = multi.report_data(kind, name, as_of=AS_OF)
    assert report.claims(), f"empty {kind} report"
    for claim in report.claims():
        assert claim.sources
        for src in claim.sources:
            assert src.document in sources and src.quote and src.meeting
            text = sources[src.document]
            assert _letters(src.quote) in _letters(text)
            if claim.kind != "agenda-item":
                assert src.date is not None and src.start is not None and src.end > src.start
                assert _letters(text[src.start:src.end]) == _letters(src.quote)


@pytest.mark.parametrize(("kind", "name"), ALL_REPORTS)
def test_json_report_validates_against_the_shipped_schema(multi, schema, kind, name):
    data = json.loads(multi.report(kind, name, fmt="json", as_of=AS_OF))
    jsonschema.validate(data, schema)
    assert data["kind"] == kind and data["as_of"] == AS_OF
    # the object and the string are the same report
    assert data == json.loads(render(multi.report_data(kind, name, as_of=AS_OF), "json"))


def test_schema_rejects_a_claim_without_source(multi, schema):
    data = json.loads(multi.report("actor", "burgemeesters", fmt="json", as_of=AS_OF))
    data["sections"][0]["claims"][0]["sources"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_actor_report_positions_commitments_and_relations(multi):
    report = multi.report_data("actor", "burgemeesters", as_of=AS_OF)
    groups = [s.group for s in report.sections]
    assert "positions" in groups and "agreements" in groups and "disagreements" in groups
    records = multi.statements(actor="burgemeesters")
    positions = [c for s in report.sections if s.group == "positions" for c in s.claims]
    assert len(positions) == sum(1 for r in records if r.kind == "position" and "Burgemeesters" in r.actors)
    for section in report.sections:
        if section.group == "positions":
            assert {c.topic for c in section.claims} == {section.heading.split("“")[1].rstrip("”")}
            assert all("Burgemeesters" in c.actors for c in section.claims)
    disagree = next(s for s in report.sections if s.group == "disagreements")
    # burgemeesters and politie took opposite sides on the budget at both meetings
    assert disagree.summary["Nationale Politie"] == 2
    assert all(len({src.meeting for src in c.sources}) == 1 for c in disagree.claims)


def test_topic_report_orders_meetings_and_stances_over_time(multi):
    report = multi.report_data("topic", "begroting", as_of=AS_OF)
    meetings = [s.heading for s in report.sections if s.group == "meeting"]
    assert meetings == sorted(meetings) and len(meetings) == report.summary["meetings"] == 2
    history = next(s for s in report.sections if s.group == "stances")
    for claim in history.claims:
        dates = [src.date for src in claim.sources]
        assert dates == sorted(dates)
    burgemeesters = next(c for c in history.claims if c.actors == ("Burgemeesters",))
    assert burgemeesters.text.index("oppose") < burgemeesters.text.index("support")


def test_meeting_report_has_the_whole_agenda_and_what_was_committed(multi):
    report = multi.report_data("meeting", "2017-04-10", as_of=AS_OF)
    agenda = next(s for s in report.sections if s.group == "agenda")
    items = multi.sparql("""PREFIX mtg: <https://w3id.org/overleg/ontology#>
        SELECT ?i WHERE { ?i a mtg:AgendaItem ; mtg:meeting ?m . ?m mtg:reportedIn/mtg:sourceName
        "lovp-2017-04-10.txt" }""").to_dicts()
    assert len(agenda.claims) == len(items) > 5
    commitments = next(s for s in report.sections if s.group == "commitments")
    made = {r.statement for r in multi.statements() if r.kind == "commitment" and r.date == "2017-04-10"}
    assert {c.sources[0].statement for c in commitments.claims} == made


def test_commitments_as_of_a_date_derive_overdue(multi):
    before = multi.report_data("commitments", None, as_of="2018-06-30")
    after = multi.report_data("commitments", None, as_of="2018-07-02")
    letter = "een brief sturen over de begroting"  # due "voor 1 juli" 2018

    def status(report):
        return {c.status for c in report.claims() if letter in c.sources[0].quote}

    assert status(before) == {"open"}
    assert status(after) == {"overdue"}
    # a commitment made after the as-of date is not in the report yet
    later = {r.statement for r in multi.statements() if r.kind == "commitment" and r.date > "2018-07-02"}
    assert later and not later & {src.statement for src in after.citations()}
    assert after.summary.get("overdue", 0) >= 1


def test_relations_report_counts_match_evidence(multi):
    report = multi.report_data("relations", None, as_of=AS_OF)
    for section in report.sections:
        agree = {(c.sources[0].meeting, c.topic) for c in section.claims if c.kind == "agreement"}
        disagree = {(c.sources[0].meeting, c.topic) for c in section.claims if c.kind == "disagreement"}
        assert section.summary == {"agree": len(agree), "disagree": len(disagree)}
    only = multi.report_data("relations", "openbaar ministerie", as_of=AS_OF)
    assert only.sections and all("Openbaar Ministerie" in s.heading for s in only.sections)


def _row(statement, actor, stance, meeting="m1", topic="t1"):
    return Row(statement=statement, kind="position", actor=f"a/{actor}", actor_label=actor,
               actor_kind="group", item=None, heading=topic, topic=topic, topic_label=topic,
               meeting=meeting, meeting_label=meeting, date=date(2020, 1, 1), body=None,
               stance=stance, decision_type=None, quote=f"{actor} {stance}", document="d.txt",
               page=None, due=None, status=None)


def test_relations_pair_same_meeting_only_and_skip_requests():
    rows = [_row("s1", "A", "support"), _row("s2", "B", "conditional"), _row("s3", "C", "oppose"),
            _row("s4", "D", "request"), _row("s5", "C", "support", meeting="m2"),
            _row("s6", "A", "concern", meeting="m2", topic="other")]
    pairs = {(r.a_label, r.b_label): (r.agree_topics, r.disagree_topics) for r in relations(rows)}
    assert pairs == {("A", "B"): (1, 0), ("A", "C"): (0, 1), ("B", "C"): (0, 1)}


def test_joint_position_is_an_agreement_with_one_quote():
    rows = [_row("s1", "A", "oppose"), _row("s1", "B", "oppose")]
    (rel,) = relations(rows)
    assert rel.agree_topics == 1 and rel.agree[0].first.statement == rel.agree[0].second.statement


@pytest.mark.parametrize(("due", "as_of", "expected"), [
    ("2017-05", "2017-05-31", "open"), ("2017-05", "2017-06-01", "overdue"),
    ("2017", "2017-12-31", "open"), ("2017", "2018-01-01", "overdue"),
    ("2017-07-01", "2017-07-02", "overdue"), (None, "2030-01-01", "open")])
def test_status_as_of(due, as_of, expected):
    assert status_as_of("open", due, date.fromisoformat(as_of)) == expected
    assert status_as_of("fulfilled", due, date.fromisoformat(as_of)) == "fulfilled"


def test_due_deadline_is_the_end_of_the_period():
    assert due_deadline("2024-02") == date(2024, 2, 29)
    assert due_deadline("na de zomer") is None


def test_csv_is_one_row_per_cited_statement(multi):
    report = multi.report_data("relations", None, as_of=AS_OF)
    rows = list(csv.DictReader(io.StringIO(multi.report("relations", None, fmt="csv", as_of=AS_OF))))
    assert len(rows) == len(report.citations())
    by_claim: dict[str, set[str]] = {}
    for row in rows:
        assert row["quote"] and row["document"] and row["statement"]
        by_claim.setdefault(row["claim_id"], set()).add(row["statement"])
    assert all(len(statements) <= 2 for statements in by_claim.values())
    assert any(len(statements) == 2 for statements in by_claim.values())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """Minutes whose text tries to inject markup into a report."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    text = ("Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 9 mei 2016\n\n"
            "Begroting <script>alert(1)</script>: De burgemeesters hebben bezwaren tegen "
            "<img src=x onerror=alert(2)> de *begroting* [link](http://evil.example).\n")
    path = tmp_path / "lovp-2016-05-09.txt"
    path.write_text(text, encoding="utf-8")
    graph = overleg.open(tmp_path / "store")
    assert graph.ingest(path).ok
    yield graph
    graph.close()


def test_html_is_escaped_self_contained_and_printable(hostile):
    page = hostile.report("actor", "burgemeesters", fmt="html", as_of=AS_OF)
    assert "<script" not in page and "<img src=x" not in page and "&lt;img src=x" in page
    assert "Content-Security-Policy" in page and "@media print" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<link" not in page


def test_markdown_escapes_markup(hostile):
    text = hostile.report("actor", "burgemeesters", fmt="md", as_of=AS_OF)
    body = re.sub(r"(?m)^\s*> ", "", text)  # blockquote markers are the template's own
    assert not re.search(r"(?<!\\)[<>]", body), "unescaped angle bracket"
    assert r"\<img" in text and r"\*begroting\*" in text
    assert md_escape("[a](b) <i>") == r"\[a\](b) \<i\>"


def _fake_picture(monkeypatch, draw):
    module = types.ModuleType("overleg.visualise.picture")
    module.render_svg = draw
    monkeypatch.setitem(sys.modules, "overleg.visualise.picture", module)
    monkeypatch.setattr(overleg.visualise, "picture", module, raising=False)


def test_html_embeds_the_picture_when_one_can_be_drawn(multi, monkeypatch):
    drawn = []

    def draw(graph, title=None):
        drawn.append(graph.number_of_nodes())
        return '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>'

    _fake_picture(monkeypatch, draw)
    page = multi.report("actor", "burgemeesters", fmt="html", as_of=AS_OF)
    assert drawn and drawn[0] > 1
    assert 'src="data:image/svg+xml;base64,' in page


def test_html_embeds_the_real_picture_of_the_view(multi):
    page = multi.report("relations", None, fmt="html", as_of=AS_OF)
    match = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    assert match, "no picture embedded"
    svg = base64.b64decode(match.group(1)).decode("utf-8")
    assert "<svg" in svg and "Burgemeesters" in svg


def test_reports_work_when_the_picture_fails(multi, monkeypatch):
    def draw(graph, title=None):
        raise RuntimeError("no cairo here")

    _fake_picture(monkeypatch, draw)
    page = multi.report("topic", "begroting", fmt="html", as_of=AS_OF)
    assert "data:image" not in page and "Politiebegroting" in page
    assert multi.report_data("topic", "begroting", as_of=AS_OF, figure=True).figure is None


def test_usage_errors_say_what_to_do(multi):
    with pytest.raises(UsageError, match="no actor"):
        multi.report("actor", "nobody at all", as_of=AS_OF)
    with pytest.raises(UsageError, match="several actors"):
        multi.report("actor", "minister", as_of=AS_OF)
    with pytest.raises(UsageError, match="needs a NAME"):
        multi.report("topic", None)
    with pytest.raises(UsageError, match="unknown report"):
        multi.report("budget", "x")
    with pytest.raises(UsageError, match="not a date"):
        multi.report("commitments", None, as_of="tomorrow")


def test_cli_report_formats_and_exit_codes(cli, seed_store, tmp_path):
    out = tmp_path / "r.html"
    result = cli("report", "actor", "burgemeesters", "-f", "html", "-o", out, "--store", seed_store)
    assert result.code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = cli("report", "commitments", "--as-of", "2017-06-15", "-f", "json", "--store", seed_store)
    assert result.code == 0 and json.loads(result.out)["as_of"] == "2017-06-15"
    assert cli("report", "meeting", "1999-01-01", "--store", seed_store).code == 2
    assert cli("report", "gossip", "--store", seed_store).code == 2
    assert set(REPORT_KINDS) <= set(cli("report", "--help").out.replace(",", " ").replace("{", " ")
                                    .replace("}", " ").split())


def test_date_filters_narrow_the_report(multi):
    all_ = multi.report_data("actor", "burgemeesters", as_of=AS_OF)
    later = multi.report_data("actor", "burgemeesters", as_of=AS_OF, since="2019-01-01")
    assert {src.date for src in later.citations()} == {"2019-02-11"}
    assert len(later.claims()) < len(all_.claims())


def test_rows_from_records_equal_the_views_statement_rows(multi):
    """Reports build views.Row objects from their own (label-apart) query: the same rows."""
    from dataclasses import fields

    from overleg.visualise.export_statements import statement_records
    from overleg.visualise.report_rows import rows_from_records
    from overleg.visualise.views import statement_rows

    compared = [f.name for f in fields(Row) if f.name not in ("status", "task", "body_label")]

    def key(row):
        return tuple(getattr(row, name) for name in compared)

    ours = sorted(map(key, rows_from_records(statement_records(multi.store))), key=repr)
    theirs = sorted(map(key, statement_rows(multi.store)), key=repr)
    assert ours == theirs and len(ours) > 20
