"""Remote SPARQL 1.1 endpoints: queries through SPARQLWrapper, loads by push.

A corpus outgrows one machine by moving to a server (Oxigraph, Fuseki, GraphDB,
Virtuoso, QLever). Queries go through SPARQLWrapper with content negotiation
only (no `format=` parameters that some servers refuse). A push copies every
named graph of the embedded store to the server with replace semantics, one
request per graph, either as SPARQL Update (`DROP SILENT GRAPH; INSERT DATA`,
one atomic request on Oxigraph and Fuseki) or through the Graph Store Protocol
(`PUT ?graph=IRI`). Credentials come from the environment, never from the
command line where they would end up in shell history:

    OVERLEG_ENDPOINT_USER / OVERLEG_ENDPOINT_PASSWORD   HTTP Basic
    OVERLEG_ENDPOINT_TOKEN                              Authorization: Bearer
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import EndpointError, UsageError
from .embedded import EmbeddedStore

PROTOCOLS = ("update", "gsp")
ENV_USER, ENV_PASSWORD, ENV_TOKEN = ("OVERLEG_ENDPOINT_USER", "OVERLEG_ENDPOINT_PASSWORD",
                                     "OVERLEG_ENDPOINT_TOKEN")
CHUNK_TRIPLES = 50_000


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    @classmethod
    def from_env(cls) -> Credentials:
        return cls(os.environ.get(ENV_USER) or None, os.environ.get(ENV_PASSWORD) or None,
                   os.environ.get(ENV_TOKEN) or None)

    def header(self) -> str | None:
        """The Authorization header value, if any credentials are set."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user:
            raw = f"{self.user}:{self.password or ''}".encode()
            return "Basic " + base64.b64encode(raw).decode("ascii")
        return None


@dataclass(frozen=True)
class PushReport:
    """What a push sent: graphs and triples, and where."""

    url: str
    protocol: str
    graphs: int
    triples: int

    def summary(self) -> str:
        return (f"pushed {self.graphs} graph{'s' if self.graphs != 1 else ''}, {self.triples} triples "
                f"to {self.url} ({self.protocol})")


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise UsageError(f"'{url}' is not an http(s) endpoint URL",
                         hint="e.g. http://127.0.0.1:7878/query")
    return url


class RemoteEndpoint:
    """A SPARQL 1.1 query endpoint (and optionally its update or graph store URL)."""

    def __init__(self, url: str, *, timeout: float = 120.0, credentials: Credentials | None = None
                 ) -> None:
        self.url = check_url(url)
        self.timeout = timeout
        self.credentials = credentials or Credentials.from_env()

    def _wrapper(self, url: str, sparql: str, form: str):
        """A SPARQLWrapper for one request. The form (SELECT, CONSTRUCT, INSERT, ...) is
        set by us: SPARQLWrapper guesses it from the first keyword-like word, and a
        word such as 'copy' in a comment makes it send a query as an update."""
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(url, updateEndpoint=url)
        wrapper.setQuery(sparql)
        wrapper.queryType = form
        wrapper.setOnlyConneg(True)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(self.timeout))
        header = self.credentials.header()
        if header:
            wrapper.addCustomHttpHeader("Authorization", header)
        return wrapper

    def select(self, sparql: str) -> dict:
        """SELECT or ASK: the SPARQL 1.1 JSON results document."""
        from SPARQLWrapper import JSON

        wrapper = self._wrapper(self.url, sparql, "SELECT")
        wrapper.setReturnFormat(JSON)
        raw = self._send(wrapper, self.url)
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise EndpointError(f"{self.url} answered something that is not SPARQL JSON results",
                                hint="is this the query URL (e.g. .../query, .../sparql)?") from exc

    def construct(self, sparql: str) -> list[ox.Triple]:
        """CONSTRUCT or DESCRIBE: the triples, asked for as N-Triples."""
        wrapper = self._wrapper(self.url, sparql, "CONSTRUCT")
        wrapper.addCustomHttpHeader("Accept", "application/n-triples")
        raw = self._send(wrapper, self.url)
        return list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))

    def update(self, sparql_update: str, url: str | None = None) -> None:
        """Send one SPARQL Update request (to `url`, default the endpoint URL)."""
        from SPARQLWrapper import POSTDIRECTLY

        target = check_url(url or self.url)
        wrapper = self._wrapper(target, sparql_update, "INSERT")
        wrapper.setRequestMethod(POSTDIRECTLY)
        self._send(wrapper, target)

    def put_graph(self, graph: str, ntriples: bytes, url: str | None = None) -> None:
        """Graph Store Protocol: replace one named graph with these N-Triples."""
        target = check_url(url or self.url)
        sep = "&" if "?" in target else "?"
        request = urllib.request.Request(f"{target}{sep}{urllib.parse.urlencode({'graph': graph})}",
                                         data=ntriples, method="PUT")
        request.add_header("Content-Type", "application/n-triples")
        header = self.credentials.header()
        if header:
            request.add_header("Authorization", header)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except (urllib.error.URLError, OSError) as exc:
            raise _endpoint_error(target, exc) from exc

    def _send(self, wrapper, url: str) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            response = wrapper.query()
            return response.response.read()
        except (SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            raise _endpoint_error(url, exc) from exc


def _endpoint_error(url: str, exc: Exception) -> EndpointError:
    reason = str(getattr(exc, "reason", None) or exc).strip().splitlines()
    text = " ".join(reason)[:300]
    code = getattr(exc, "code", None)
    hint = {401: f"set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}",
            403: "the credentials lack permission, or the server is read-only",
            404: "check the URL path (e.g. /query, /update, /store)"}.get(code or 0,
                                                                          "is the server running?")
    if "Unauthorized" in type(exc).__name__:
        hint = f"set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}"
    return EndpointError(f"{url}: {type(exc).__name__}: {text}", hint=hint)


def push_store(store: EmbeddedStore, endpoint: RemoteEndpoint, protocol: str = "update",
               url: str | None = None, graphs: Iterable[str] | None = None,
               on_graph: Callable[[str, int], None] | None = None) -> PushReport:
    """Copy named graphs to the endpoint, each replacing the graph of the same IRI there."""
    if protocol not in PROTOCOLS:
        raise UsageError(f"unknown push protocol '{protocol}'", hint="use update or gsp")
    known = store.named_graphs()
    missing = sorted(set(graphs or ()) - set(known))
    if missing:  # pushing an unknown graph would empty that graph on the server
        raise UsageError(f"the store has no named graph {', '.join(missing)}",
                         hint="'overleg stats' or SELECT DISTINCT ?g WHERE { GRAPH ?g {} } lists them")
    total = count = 0
    for graph in list(graphs) if graphs else known:
        triples = [f"{q.subject} {q.predicate} {q.object} ." for q in store.quads(graph)]
        if protocol == "gsp":
            endpoint.put_graph(graph, ("\n".join(triples) + "\n").encode("utf-8"), url)
        else:
            _push_update(endpoint, graph, triples, url)
        total, count = total + len(triples), count + 1
        if on_graph is not None:
            on_graph(graph, len(triples))
    return PushReport(url or endpoint.url, protocol, count, total)


def _push_update(endpoint: RemoteEndpoint, graph: str, triples: list[str], url: str | None) -> None:
    """DROP + INSERT DATA in one request; a very large graph continues in more INSERTs."""
    name = str(ox.NamedNode(graph))
    chunks = [triples[i:i + CHUNK_TRIPLES] for i in range(0, len(triples), CHUNK_TRIPLES)] or [[]]
    for index, chunk in enumerate(chunks):
        body = "\n".join(chunk)
        insert = f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}"
        endpoint.update(f"DROP SILENT GRAPH {name} ;\n{insert}" if index == 0 else insert, url)
