"""The generated pages in a real headless Chromium: they draw, search, filter, escape, stay offline.

Skipped when Chromium or chromedriver is missing, unless OVERLEG_REQUIRE_BROWSER=1
(set by .ci/run), then they fail. Network requests are caught three ways:
Chrome's performance log (CDP Network events), the page's resource timing
entries, and Content-Security-Policy violation events recorded from before
the page's own scripts run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from overleg.visualise.html import network_data, write_html
from overleg.visualise.views import view_from_rows
from test_views import row

pytestmark = pytest.mark.browser

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1280,800"]
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
RECORD_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) "
              "{ window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });")
LOCAL = ("file:", "data:", "about:", "blob:", "chrome-extension:", "devtools:")


def _chromium() -> tuple[str | None, str | None]:
    binary = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
                  None)
    return binary, shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    binary, driver_path = _chromium()
    if not (binary and driver_path):
        message = "Chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
        if os.environ.get("OVERLEG_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP})
    yield driver
    driver.quit()


def requests_made(driver) -> list[str]:
    """URLs the browser asked for since the last call, other than local files and data."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            url = message["params"].get("request", message["params"]).get("url", "")
            if not url.startswith(LOCAL):
                urls.append(url)
    return urls


def open_page(driver, path: Path, timeout: float = 90) -> None:
    """Load a page and wait for vis-network's first drawing; assert that nothing left the machine."""
    from selenium.webdriver.support.ui import WebDriverWait

    requests_made(driver)  # drain the log
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body && document.body.dataset.rendered") == "true")
    assert requests_made(driver) == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert driver.execute_script("return window.__csp") == []


def drawn_nodes(driver) -> int:
    return driver.execute_script("return Object.keys(window.overlegNetwork.getPositions()).length")


def painted_pixels(driver) -> int:
    return driver.execute_script(
        "var c = document.querySelector('#network canvas'), d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data, n = 0;"
        "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;")


def screenshot(driver, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("OVERLEG_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.read_bytes()[:4] == b"\x89PNG"
    return path


@pytest.mark.parametrize("view", ["actor-topic", "actor-actor", "commitments", "meeting", "topic-time"])
def test_seed_views_draw_every_node_offline(browser, seed_store: Path, tmp_path: Path, view: str):
    import overleg

    with overleg.open(seed_store) as kg:
        graph = kg.visualise(view, output=tmp_path / f"{view}.html")
    open_page(browser, tmp_path / f"{view}.html")
    assert drawn_nodes(browser) == graph.number_of_nodes()
    if graph.number_of_nodes():
        assert painted_pixels(browser) > 500
    screenshot(browser, tmp_path, f"seed-{view}")


def test_search_finds_a_node_and_lists_its_statements(browser, tmp_path: Path):
    rows = [row(n, actor=f"actor{n % 9}", actor_label=f"Actor {n % 9}", stance="support") for n in range(30)]
    rows.append(row(99, actor="mayor", actor_label="Burgemeester Zwolle", stance="oppose", quote="Wij zijn tegen."))
    write_html(view_from_rows(rows, "actor-topic"), tmp_path / "search.html")
    open_page(browser, tmp_path / "search.html")
    box = browser.find_element("id", "search")
    box.send_keys("zwolle")
    assert browser.execute_script("return window.overlegSearchHits") == 1
    selected = browser.execute_script(
        "var n = window.overlegNetwork; return n.getSelectedNodes().map(function (id) "
        "{ return n.body.data.nodes.get(id).name; });")
    assert selected == ["Burgemeester Zwolle"]
    browser.find_element("css selector", "#matches button").click()
    statements = browser.find_element("id", "statements").text
    assert "Wij zijn tegen." in statements and "1 statement(s)" in statements


def test_names_with_markup_are_shown_as_text(browser, tmp_path: Path):
    rows = [row(1, actor="evil", actor_label=f"Mayor {EVIL}", stance="support", quote=f"Quote {EVIL}"),
            row(2, actor="b", stance="oppose")]
    write_html(view_from_rows(rows, "actor-topic"), tmp_path / "evil.html", title=f"Title {EVIL}")
    open_page(browser, tmp_path / "evil.html")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    browser.find_element("id", "search").send_keys("<script>")
    assert browser.execute_script("return window.overlegSearchHits") == 1
    browser.find_element("css selector", "#matches button").click()
    assert browser.find_element("css selector", "#matches button").text == f"Mayor {EVIL}"
    assert f"Quote {EVIL}" in browser.find_element("id", "statements").text
    assert browser.execute_script("return document.querySelectorAll('#side img, #side script').length") == 0
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title == f"Title {EVIL}"
    screenshot(browser, tmp_path, "escaping")


def test_filter_menu_hides_edges_of_a_stance(browser, tmp_path: Path):
    rows = [row(n, actor=f"a{n}", topic=f"t{n % 4}", stance="oppose" if n % 3 == 0 else "support")
            for n in range(24)]
    graph = view_from_rows(rows, "actor-topic")
    write_html(graph, tmp_path / "filter.html")
    open_page(browser, tmp_path / "filter.html")
    browser.find_element("css selector", "#filters summary").click()
    browser.find_element("css selector", ".edge-filter[value='oppose']").click()
    support = sum(1 for *_, d in graph.edges(data=True) if d["stance"] == "support")
    lonely = {a for a, _, d in graph.edges(data=True) if d["stance"] == "oppose"}
    assert browser.execute_script("return window.overlegVisible") == {
        "edges": support, "nodes": graph.number_of_nodes() - len(lonely)}
    assert browser.execute_script("return window.overlegNetwork.body.edges[0].options.hidden") is (
        network_data(graph)["edges"][0]["category"] == "oppose")


@pytest.mark.slow
def test_a_large_network_draws_without_physics_and_labels_on_zoom(browser, tmp_path: Path):
    rows = [row(n, actor=f"a{n}", topic=f"t{n % 300}", stance="support") for n in range(1800)]
    graph = view_from_rows(rows, "actor-topic")
    assert graph.number_of_nodes() == 2100
    write_html(graph, tmp_path / "large.html")
    open_page(browser, tmp_path / "large.html")
    assert drawn_nodes(browser) == 2100
    assert browser.execute_script("return window.overlegNetwork.physics.options.enabled") is False
    label = "return window.overlegNetwork.body.data.nodes.get(window.overlegNetwork.getSelectedNodes()[0]).label"
    browser.find_element("id", "search").send_keys("A1799")
    assert browser.execute_script("return window.overlegSearchHits") == 1
    assert browser.execute_script(label) == "A1799"  # labelled once the search zoomed in
    labelled = browser.execute_script(
        "return window.overlegNetwork.body.data.nodes.get({filter: function (n) { return n.label; }}).length")
    assert 0 < labelled < 2100
    screenshot(browser, tmp_path, "large")


def test_notebook_iframe_draws_in_its_sandbox(browser, tmp_path: Path):
    graph = view_from_rows([row(1, stance="support"), row(2, actor="b", stance="oppose")], "actor-topic")
    (tmp_path / "notebook.html").write_text(f"<!DOCTYPE html><html><body>{graph._repr_html_()}</body></html>",
                                            encoding="utf-8")
    from selenium.webdriver.support.ui import WebDriverWait

    requests_made(browser)
    browser.get((tmp_path / "notebook.html").as_uri())
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    try:
        WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.body.dataset.rendered")
                                         == "true")
        assert drawn_nodes(browser) == graph.number_of_nodes()
    finally:
        browser.switch_to.default_content()
    assert requests_made(browser) == []


def test_the_request_detector_is_not_blind(browser, tmp_path: Path):
    """A page without our CSP that fetches an image is caught (port 9: nothing listens)."""
    (tmp_path / "leak.html").write_text('<img src="http://127.0.0.1:9/pixel.png">', encoding="utf-8")
    requests_made(browser)
    browser.get((tmp_path / "leak.html").as_uri())
    assert requests_made(browser) == ["http://127.0.0.1:9/pixel.png"]
