"""The Python API: the same verbs as the CLI.

    import overleg
    kg = overleg.open("overleg-data")
    kg.ingest("minutes/")
    kg.query("commitments", actor="politie").to_dataframe()
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import Settings, examples_dir
from .ingestion import IngestReport, expand, ingest_paths
from .ontology import ONTOLOGY_FILES, data_path
from .ontology.terms import DEFAULT_BASE_IRI
from .queries.catalogue import StoredQuery, catalogue
from .queries.results import QueryResult
from .queries.run import run_sparql, run_stored
from .queries.safety import run_limited
from .store.embedded import EmbeddedStore
from .store.remote import PushReport, RemoteEndpoint, push_store
from .writer import done_links, pending_links


class KnowledgeGraph:
    """A knowledge graph of meeting minutes in an embedded store."""

    def __init__(self, store: str | Path | None = None, *, base_iri: str | None = None,
                 read_only: bool = False, in_memory: bool = False,
                 query_dirs: tuple[Path, ...] = ()) -> None:
        defaults = Settings()
        self.settings = Settings(store=None if in_memory else Path(store or defaults.store),
                                 base_iri=base_iri or defaults.base_iri,
                                 query_dirs=tuple(Path(d) for d in query_dirs))
        self.store = EmbeddedStore(self.settings.store, read_only=read_only)
        self._index_checked = not read_only  # a writable store remakes an outdated index below
        if not read_only:
            self._ensure_ontology()
            if self.index_outdated():  # made by an older overleg: remade before a query reads it
                self.link()

    @property
    def base(self) -> str:
        return self.settings.base_iri

    # -- ingest ---------------------------------------------------------------
    def ingest(self, *inputs: str | Path, force: bool = False, jobs: int | None = None, bulk: bool = False,
               on_progress: Callable[[Path], None] | None = None,
               on_stage: Callable[[str], None] | None = None) -> IngestReport:
        """Ingest files, folders or glob patterns; returns what happened per file.

        `on_progress` is called with each file once it is done; `on_stage` with "link" when every
        file is and the link stage starts (a minute or so for a large corpus, with no files to count).

        `jobs`: worker processes (0: one per core; None: one per core from AUTO_JOBS_FROM
        files to ingest, else the stages run in this process).

        `bulk=True` loads new documents with Oxigraph's bulk loader: about twice as fast
        to write, but not atomic (an interrupted group is redone by the next ingest)."""
        expanded = expand(inputs)
        report = ingest_paths(self.store, expanded.paths, self.base, on_progress=on_progress,
                              force=force, jobs=jobs, bulk=bulk)
        report.warnings[:0] = expanded.warnings
        # documents and their reports graphs were written together; the link stage runs for
        # this batch and for any batch a crash stopped before it
        if pending_links(self.store, self.base):
            if on_stage is not None:
                on_stage("link")
            self.link()
            done_links(self.store, self.base)
        return report

    def ingest_examples(self) -> IngestReport:
        """Ingest the bundled example minutes."""
        return self.ingest(*sorted(examples_dir().glob("*.txt")))

    # -- query ----------------------------------------------------------------
    def query(self, name: str, params: dict[str, Any] | None = None, *, endpoint: str | None = None,
              all_pages: bool = False, **kwargs: Any) -> QueryResult:
        """Run a stored query by name; parameters as a dict or keywords.

        Row-heavy queries return 100 rows per page (pass `after` the last row's
        `rank` for the next); `all_pages=True` returns every row. With `endpoint`
        (a SPARQL 1.1 query URL) it runs there instead, with the same bound
        parameters and the same result conversion."""
        values = {**(params or {}), **kwargs}
        if not endpoint and not self._index_checked:
            self._index_checked = True
            if self.index_outdated():
                warnings.warn(f"{self.settings.store}: the query index was made by an older overleg, so some "
                              "stored queries may miss rows; open the store writable once (or run "
                              "`overleg link`) to remake it", stacklevel=2)
        target = RemoteEndpoint(endpoint) if endpoint else self.store
        return run_stored(target, name, values, self.base, self.settings.query_dirs, every_page=all_pages)

    def sparql(self, text: str, allow_network: bool = False, timeout: float | None = None,
               max_rows: int | None = None, *, endpoint: str | None = None) -> QueryResult:
        """Run your own SPARQL, read-only; SERVICE and FROM need allow_network=True.

        Stopped after `timeout` seconds (default 30, $OVERLEG_QUERY_TIMEOUT) and
        `max_rows` rows; see docs/reliability.md. With `endpoint` it runs there."""
        if endpoint:
            return run_sparql(RemoteEndpoint(endpoint, timeout=timeout or 120.0), text,
                              allow_network=allow_network)
        return run_limited(self.store, text, allow_network=allow_network, timeout=timeout,
                           max_rows=max_rows)

    def queries(self) -> list[StoredQuery]:
        return list(catalogue(self.settings.query_dirs).values())

    def push(self, endpoint: str, protocol: str = "update", graphs: list[str] | None = None,
             on_graph: Callable[[str, int], None] | None = None) -> PushReport:
        """Copy the store to a SPARQL endpoint, one named graph per document, each
        replacing the graph of the same IRI there. `endpoint` is the update URL
        (protocol "update") or the graph store URL (protocol "gsp"); credentials
        come from OVERLEG_ENDPOINT_USER/_PASSWORD or OVERLEG_ENDPOINT_TOKEN."""
        return push_store(self.store, RemoteEndpoint(endpoint), protocol, graphs=graphs,
                          on_graph=on_graph)

    # -- other verbs ----------------------------------------------------------
    def stats(self) -> dict[str, int]:
        from .visualise.stats import store_stats

        return store_stats(self.store)

    def validate(self):
        """SHACL-validate the store against ontology/shapes.ttl."""
        from .validation import validate_store

        return validate_store(self.store)

    def export(self, fmt: str = "ttl", output: str | Path | None = None, **filters: Any) -> str:
        """The graph as RDF, GraphML/GEXF (`view=`) or CSV; filters: body, since, until, actor,
        topic, graph. JSON-LD embeds the published @context (`context="url"` refers to it)."""
        from .visualise.export import export_store

        return export_store(self.store, fmt, output=output, base=self.base, **filters)

    def export_statements(self, fmt: str = "json", output: str | Path | None = None,
                          **filters: Any) -> str:
        """One record per statement (quote, offsets, page, actors, due, rule, confidence)."""
        from .visualise.export import export_statements

        return export_statements(self.store, fmt, output=output, **filters)

    def statements(self, **filters: Any) -> list:
        """The statement records as objects (visualise.export_statements.StatementRecord)."""
        from .visualise.export import filtered_records

        return filtered_records(self.store, **filters)

    def network(self, view: str = "actor-topic", **filters: Any):
        """A networkx view of the graph (shows itself as the interactive network in Jupyter).
        Views: actor-topic, actor-actor, commitments, meeting, topic-time; filters: body, since,
        until, topic, actor, kind, stance, meeting, min_weight."""
        from .visualise.views import build_view

        return build_view(self.store, view, **filters)

    def visualise(self, view: str = "actor-topic", output: str | Path | None = None,
                  **filters: Any):
        """Write the view as offline HTML, or as a PNG/SVG picture when `output` ends in
        .png/.svg; returns the networkx graph (which renders inline in Jupyter)."""
        from .visualise.html import write_html
        from .visualise.picture import PICTURE_FORMATS, write_picture

        graph = self.network(view, **filters)
        if output is not None:
            if Path(output).suffix.lower().lstrip(".") in PICTURE_FORMATS:
                write_picture(graph, output)
            else:
                write_html(graph, output)
        return graph

    def report(self, kind: str, name: str | None = None, fmt: str = "md", **options: Any) -> str:
        """A report as text (md, html, csv, json); options: as_of, body, since, until."""
        from .visualise.report import render_report

        return render_report(self.store, kind, name, fmt=fmt, base=self.base, **options)

    def report_data(self, kind: str, name: str | None = None, **options: Any):
        """The same report as an object (visualise.report_model.Report); `.to_dict()` is its JSON."""
        from .visualise.report import build_report

        return build_report(self.store, kind, name, **options)

    def evaluate(self, directory: str | Path):
        from .evaluation import evaluate_directory

        return evaluate_directory(Path(directory))

    # -- across meetings (app/linking.py, app/review.py) ----------------------
    def _link_after_ingest(self, paths: list[str]) -> None:
        """Progress reports of the new files, then the recorded review file, then the link stage."""
        from .linking import record_reports

        record_reports(self.store, self.base, paths)
        self.link()

    def link(self):
        """Re-apply the recorded review file and recompute BASE/graph/links; returns a LinkSummary."""
        from .linking import link
        from .review import apply_review, recorded_review_file

        recorded = recorded_review_file(self.store, self.base)
        if recorded is not None:
            apply_review(self.store, self.base, recorded)
        return link(self.store, self.base)

    def index_outdated(self) -> bool:
        """Whether the store's query index has an older layout than this overleg reads (a store made
        by an older version, opened read-only). Opening it writable once remakes the index."""
        from .link_index import index_outdated
        from .linking import links_graph

        return index_outdated(self.store, self.base, links_graph(self.base))

    def review(self, path: str | Path) -> tuple[int, list[str]]:
        """Apply a review YAML file (recorded, re-applied on every ingest); relink.

        Returns (statements reviewed, statement ids not found in the store)."""
        from .linking import link
        from .review import apply_review

        result = apply_review(self.store, self.base, path)
        link(self.store, self.base)
        return result

    def needs_review(self, min_confidence: float = 0.75):
        """What a researcher should look at: a list of ReviewItem."""
        from .review import needs_review

        return needs_review(self.store, self.base, min_confidence=min_confidence)

    def commitment_status(self, as_of: Any = None, status: str | None = None,
                          overdue: bool = False):
        """Commitments with lifecycle status and overdue as of a date (default today)."""
        from datetime import date

        from .link_views import commitment_rows

        day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        return commitment_rows(self.store, self.base, day, status=status, overdue_only=overdue)

    def topic_timeline(self, topic: str) -> list[dict[str, Any]]:
        """Agenda items on a topic concept across meetings and years, oldest first."""
        from .link_views import topic_timeline

        return topic_timeline(self.store, topic)

    # -- lifecycle ------------------------------------------------------------
    def _ensure_ontology(self) -> None:
        graph = f"{self.base}graph/ontology"
        texts = [data_path(name).read_text(encoding="utf-8") for name in ONTOLOGY_FILES
                 if data_path(name).is_file()]
        digest = hashlib.sha256("\n".join([self.base, *texts]).encode()).hexdigest()
        if self.store.graph_hashes().get(graph) == digest:
            return
        combined = "\n".join(t.replace(DEFAULT_BASE_IRI, self.base) for t in texts)
        marker = (f"\n<{graph}> <https://w3id.org/overleg/ontology#sha256> \"{digest}\" .\n")
        self.store.load_turtle(graph, _merge_turtle(combined) + marker)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _merge_turtle(text: str) -> str:
    """Concatenated Turtle files stay valid: prefixes may repeat."""
    return text


def open(store: str | Path | None = None, **options: Any) -> KnowledgeGraph:  # noqa: A001
    """Open (or create) a knowledge graph store; see KnowledgeGraph."""
    return KnowledgeGraph(store, **options)
