"""JSON-LD export, compacted with the published context (ontology/context.jsonld).

The context gives the vocabulary short names (`quote`, `meeting`, `holder`,
...) so the export reads like plain JSON. By default it is embedded, so the
file is self-contained and no reader ever fetches anything; with
`context="url"` the document refers to the published context by its IRI
instead (readers then need the context, e.g. from the package, through a
document loader). Compaction is done by rdflib's JSON-LD serialiser; the
quads come from Oxigraph as N-Quads, and named graphs stay named graphs.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
import rdflib

from ..errors import UsageError
from ..ontology import data_path

CONTEXT_URL = "https://w3id.org/overleg/context.jsonld"
CONTEXT_MODES = ("inline", "url")


@cache
def context() -> dict[str, object]:
    """The published @context (the value, without the wrapping object)."""
    return json.loads(data_path("context.jsonld").read_text(encoding="utf-8"))["@context"]


def context_document() -> dict[str, object]:
    """The whole context file, as a JSON-LD document loader would return it."""
    return {"@context": context()}


def to_jsonld(quads: Iterable[ox.Quad], mode: str = "inline") -> str:
    if mode not in CONTEXT_MODES:
        raise UsageError(f"unknown JSON-LD context mode '{mode}'",
                         hint="choose " + " or ".join(CONTEXT_MODES))
    dataset = rdflib.Dataset()
    nquads = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)
    if nquads:
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    with warnings.catch_warnings():  # rdflib's own serialiser still calls its deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        text = dataset.serialize(format="json-ld", context=context(), auto_compact=True)
    data = json.loads(text)
    if isinstance(data, list):  # nothing to compact (empty export)
        data = {"@graph": data}
    data["@context"] = CONTEXT_URL if mode == "url" else context()
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
