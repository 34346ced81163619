"""The offline HTML page and the static pictures: self-contained, escaped, faithful to the view."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree
from overleg.errors import UsageError
from overleg.visualise.html import PHYSICS_LIMIT, network_data, notebook_html, render_html, write_html
from overleg.visualise.picture import render_picture, render_svg, write_picture
from overleg.visualise.views import view_from_rows
from test_views import row

EVIL = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def evil_graph(view: str = "actor-topic"):
    rows = [row(1, actor="a", actor_label=f"Mayor {EVIL}", stance="support", quote=f"We say {EVIL} & more"),
            row(2, actor="b", actor_label="Price $5 $x^2$", stance="oppose", topic="u", topic_label="Topic <b>bold</b>")]
    return view_from_rows(rows, view)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script id="network-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no network data in the page"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_elsewhere():
    page = render_html(evil_graph())
    assert "default-src 'none'" in page
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page.split('<script>', 1)[0], re.I)
    assert not re.search(r"<script[^>]+\bsrc=", page, re.I)
    assert "cdn" not in page.split("<script>", 1)[0].lower()


def test_every_string_is_escaped_but_comes_back_intact():
    graph = evil_graph()
    page = render_html(graph, title=f"Title {EVIL}")
    # the only </script> tags are the page's own three script elements
    assert page.count("</script>") == 3 and "<img src=x" not in page
    assert "Title &lt;/script&gt;&lt;script&gt;" in page
    data = embedded_data(page)
    labels = {n["label"] for n in data["nodes"]}
    assert f"Mayor {EVIL}" in labels and "Topic <b>bold</b>" in labels
    quotes = {e["quote"] for edge in data["edges"] for e in edge["evidence"]}
    assert f"We say {EVIL} & more" in quotes


def test_data_matches_the_view_with_positions_for_every_node():
    graph = view_from_rows([row(n, actor=f"a{n % 7}", topic=f"t{n % 5}", stance="support") for n in range(40)],
                           "actor-topic")
    data = network_data(graph)
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    by_iri = {n["iri"]: n for n in data["nodes"]}
    assert all(by_iri[node]["value"] == weight for node, weight in graph.nodes(data="weight"))
    assert {e["category"] for e in data["edges"]} == {"support"}


def test_physics_is_off_above_the_limit():
    rows = [row(n, actor=f"a{n}", topic=f"t{n % 40}", stance="support") for n in range(PHYSICS_LIMIT + 10)]
    assert "var physics = false;" in render_html(view_from_rows(rows, "actor-topic"))
    assert "var physics = true;" in render_html(evil_graph())


def test_notebook_html_is_an_escaped_sandboxed_iframe():
    graph = evil_graph()
    shown = graph._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in shown
    srcdoc = shown.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc
    assert embedded_data(html.unescape(srcdoc)) == embedded_data(render_html(graph))
    assert notebook_html(graph, height=300).endswith('height:300px;border:1px solid #ddd"></iframe>')


def test_write_html_refuses_a_folder(tmp_path: Path):
    with pytest.raises(UsageError, match="folder"):
        write_html(evil_graph(), tmp_path)


def test_svg_is_wellformed_escaped_text_and_repeatable():
    graph = evil_graph()
    svg = render_svg(graph)
    root = ElementTree.fromstring(svg.encode("utf-8"))
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    texts = "".join(root.itertext())
    assert "Mayor </script><script>" in texts  # drawn as text, escaped in the file
    assert "Price $5 $x^2$" in texts  # no mathtext
    assert svg == render_svg(evil_graph())


@pytest.mark.parametrize("view", ["actor-topic", "actor-actor", "commitments", "meeting", "topic-time"])
def test_every_view_draws_as_png(view: str):
    rows = [row(1, stance="support"), row(2, actor="b", stance="support"),
            row(3, kind="commitment", actor="b", status="open", due="2019-01")]
    assert render_picture(view_from_rows(rows, view), "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_write_picture_chooses_by_extension(tmp_path: Path):
    graph = evil_graph()
    assert write_picture(graph, tmp_path / "a.PNG").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in write_picture(graph, tmp_path / "a.svg").read_bytes()[:400]
    with pytest.raises(UsageError, match="png or .svg"):
        write_picture(graph, tmp_path / "a.gif")


def test_cli_writes_html_and_pictures(seed_store: Path, tmp_path: Path, cli):
    result = cli("visualise", "actor-topic", "--store", seed_store, "-o", tmp_path / "n.html")
    assert result.code == 0, result.err
    nodes = int(re.search(r"(\d+) nodes", result.err).group(1))
    assert len(embedded_data((tmp_path / "n.html").read_text(encoding="utf-8"))["nodes"]) == nodes
    assert cli("visualise", "commitments", "--store", seed_store, "-o", tmp_path / "c.svg").code == 0
    assert ElementTree.parse(tmp_path / "c.svg").getroot().tag.endswith("svg")
    assert cli("visualise", "--store", seed_store, "-o", tmp_path / "n.txt").code == 2
    assert cli("visualise", "galaxy", "--store", seed_store).code == 2
    assert cli("visualise", "--store", seed_store, "--since", "2017-99-01").code == 2


def test_api_visualise_returns_the_graph_and_writes(seed_store: Path, tmp_path: Path):
    import overleg

    with overleg.open(seed_store) as kg:
        graph = kg.visualise("meeting", output=tmp_path / "m.html", kind="position")
        kg.visualise("meeting", output=tmp_path / "m.png", kind="position")
    assert all(d["kind"] in ("meeting", "agenda-item", "position", "actor") for _, d in graph.nodes(data=True))
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert len(embedded_data(page)["nodes"]) == graph.number_of_nodes()
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
