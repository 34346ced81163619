"""The vocabulary layer: ontology, SHACL shapes, alignments and reference actors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a Turtle file shipped with the package (e.g. 'overleg.ttl')."""
    return Path(str(resources.files(__name__).joinpath(name)))


ONTOLOGY_FILES = ("overleg.ttl", "alignments.ttl", "reference/actors.ttl", "reference/topics.ttl")
