"""overleg: meeting minutes to a knowledge graph of actors, topics, positions,
commitments and decisions, every statement tied to the quote it came from."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import KnowledgeGraph, open  # noqa: E402,A004

__all__ = ["KnowledgeGraph", "open", "__version__"]
