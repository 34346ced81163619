"""Settings shared by the CLI and the Python API: where the store is, which base IRI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .ontology.terms import DEFAULT_BASE_IRI


@dataclass(frozen=True)
class Settings:
    store: Path | None = field(default_factory=lambda: Path(
        os.environ.get("OVERLEG_STORE", "overleg-data")))
    base_iri: str = field(default_factory=lambda: os.environ.get("OVERLEG_BASE_IRI",
                                                                 DEFAULT_BASE_IRI))
    query_dirs: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        if not self.base_iri.endswith(("/", "#")):
            object.__setattr__(self, "base_iri", self.base_iri + "/")


def examples_dir() -> Path:
    """The bundled example minutes (and their gold annotations)."""
    from importlib import resources

    return Path(str(resources.files(__package__).joinpath("examples")))
