"""Visualise benchmark: generation time and time to first render in headless Chromium.

For each size (nodes of an actor-topic view) it builds statement rows shaped
like real ones (60 % actors, 40 % topics, about 1.5 statements per actor,
mixed stances), then measures:

- view: rows -> filtered networkx view;
- page: layout + pyvis records + template -> HTML file (and its size);
- picture: the same view as PNG (skipped above --picture-limit nodes);
- first render: Chromium loads the file until vis-network's first drawing,
  as seen by the page (performance.now() at the first `afterDrawing`, i.e.
  since navigation start) and by the driver (wall clock from get() on);
- responsiveness: one search over all labels, one filter toggle, one redraw.

    python bench/bench_visualise.py                       # 100, 1000, 10000 nodes
    python bench/bench_visualise.py --sizes 500,5000 --json /tmp/vis.json
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from overleg.visualise.html import PHYSICS_LIMIT, write_html
from overleg.visualise.picture import write_picture
from overleg.visualise.view_rows import Row
from overleg.visualise.views import view_from_rows

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1280,800"]
STANCES = ("support", "oppose", "conditional", "concern", "request")


def synthetic_rows(nodes: int, seed: int = 1) -> list[Row]:
    """Rows whose actor-topic view has exactly `nodes` nodes."""
    rng = random.Random(seed)
    actors, topics = max(1, int(nodes * 0.6)), max(1, nodes - int(nodes * 0.6))
    rows = []
    for i in range(max(int(actors * 1.5), topics)):
        actor, topic = i % actors, i % topics if i < topics else rng.randrange(topics)
        day = date(2017, 1, 1) + timedelta(days=30 * (i % 60))
        kind = ("position", "position", "commitment", "decision")[i % 4]
        rows.append(Row(
            statement=f"https://example.org/s/{i}", kind=kind, actor=f"https://example.org/actor/{actor}",
            actor_label=f"Actor {actor} <i>", actor_kind="organisation", item=f"https://example.org/i/{topic}",
            heading=f"Topic {topic}", topic=f"https://example.org/topic/{topic}",
            topic_label=f"Topic {topic}",
            meeting=f"https://example.org/m/{day}", meeting_label=f"M {day}", date=day,
            body="https://example.org/actor/body", stance=STANCES[i % 5] if kind == "position" else None,
            decision_type="agreed" if kind == "decision" else None,
            quote=f"Statement {i}: the actor said something about topic {topic}.", document=f"doc-{day}.txt",
            page=1 + i % 9, due=None, status="open" if kind == "commitment" else None))
    return rows


def generate(nodes: int, folder: Path, picture_limit: int) -> dict[str, float]:
    rows = synthetic_rows(nodes)
    started = time.perf_counter()
    graph = view_from_rows(rows, "actor-topic")
    built = time.perf_counter()
    page = write_html(graph, folder / f"network-{nodes}.html")
    written = time.perf_counter()
    figures = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
               "view_s": built - started, "page_s": written - built, "generate_s": written - started,
               "html_mb": page.stat().st_size / 1e6}
    if nodes <= picture_limit:
        before = time.perf_counter()
        write_picture(graph, folder / f"network-{nodes}.png")
        figures["png_s"] = time.perf_counter() - before
    return figures


def browser(profile: Path):
    from selenium import webdriver

    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if not (binary and driver_path):
        sys.exit("Chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)


def render(driver, page: Path, timeout: float) -> dict[str, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    started = time.perf_counter()
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.body && document.body.dataset.rendered") == "true")
    wall = time.perf_counter() - started
    timings = driver.execute_script("""
        var n = window.overlegNetwork, box = document.getElementById('search'), t0 = performance.now();
        box.value = 'Actor 1'; box.dispatchEvent(new Event('input'));
        var search = performance.now() - t0, hits = window.overlegSearchHits;
        box.value = ''; box.dispatchEvent(new Event('input'));
        var check = document.querySelector('.edge-filter'); t0 = performance.now();
        check.checked = false; check.dispatchEvent(new Event('change', {bubbles: true}));
        var filter = performance.now() - t0;
        check.checked = true; check.dispatchEvent(new Event('change', {bubbles: true}));
        t0 = performance.now(); n.redraw(); var redraw = performance.now() - t0;
        return {first_draw_ms: window.overlegFirstDraw, search_ms: search, hits: hits, filter_ms: filter,
                redraw_ms: redraw, drawn: Object.keys(n.getPositions()).length};""")
    return {"render_wall_s": wall, **timings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated node counts")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for a first drawing")
    parser.add_argument("--picture-limit", type=int, default=10000, help="largest size drawn as PNG")
    parser.add_argument("--keep", help="folder to keep the pages in")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.keep or tempfile.mkdtemp(prefix="overleg-bench-vis-"))
    work.mkdir(parents=True, exist_ok=True)
    driver = browser(work / "profile")
    results = []
    try:
        for size in sizes:
            figures = generate(size, work, args.picture_limit)
            figures.update(render(driver, work / f"network-{size}.html", args.timeout))
            results.append(figures)
            print(f"{size:>6} nodes done", file=sys.stderr)
    finally:
        driver.quit()
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def report(results: list[dict]) -> None:
    print(f"physics on up to {PHYSICS_LIMIT} nodes; layout precomputed above")
    head = ("nodes", "edges", "view s", "page s", "png s", "html MB", "1st draw s", "wall s",
            "search ms", "filter ms", "redraw ms", "drawn")
    print(" | ".join(f"{h:>10}" for h in head))
    for r in results:
        cells = (r["nodes"], r["edges"], f"{r['view_s']:.2f}", f"{r['page_s']:.2f}",
                 f"{r['png_s']:.2f}" if "png_s" in r else "-", f"{r['html_mb']:.2f}",
                 f"{r['first_draw_ms'] / 1000:.2f}", f"{r['render_wall_s']:.2f}", f"{r['search_ms']:.0f}",
                 f"{r['filter_ms']:.0f}", f"{r['redraw_ms']:.0f}", r["drawn"])
        print(" | ".join(f"{c:>10}" for c in cells))
    for small, big in zip(results, results[1:], strict=False):
        growth = big["nodes"] / small["nodes"]
        print(f"{small['nodes']} -> {big['nodes']} nodes (x{growth:.0f}): generation x"
              f"{big['generate_s'] / small['generate_s']:.1f}, first draw x"
              f"{big['first_draw_ms'] / small['first_draw_ms']:.1f}")


if __name__ == "__main__":
    sys.exit(main())
