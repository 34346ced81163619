"""The network picture a report embeds, as a data: URI, when one can be drawn.

Pictures of views are drawn by visualise/picture.py. A report must not fail
because a picture cannot be drawn (the module is missing, the view does not
exist, the drawing library fails on this machine), so every failure here
means "no picture" and is logged, never raised.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from ..store.embedded import EmbeddedStore

log = logging.getLogger(__name__)

# Which view illustrates which report, and with which filters from the report's subject.
FIGURE_VIEWS = {"actor": ("actor-topic", "actor"), "topic": ("actor-topic", "topic"),
                "meeting": ("meeting", "meeting"), "commitments": ("commitments", "actor"),
                "relations": ("actor-actor", None)}


def figure_uri(store: EmbeddedStore, rows: list, kind: str, name: str | None,
               filters: dict[str, Any]) -> str | None:
    """An SVG (or PNG) data: URI of the report's view, or None."""
    view, subject_filter = FIGURE_VIEWS.get(kind, (None, None))
    if view is None:
        return None
    options = {k: v for k, v in filters.items() if v is not None}
    if subject_filter and name:
        options[subject_filter] = name
    try:
        from . import picture
        from .report_rows import view_of_rows

        graph = view_of_rows(store, rows, view, **options)
        if graph.number_of_nodes() == 0:
            return None
        return _as_uri(_draw(picture, graph, f"{view}: {name or 'all'}"))
    except Exception as exc:  # noqa: BLE001 - a missing picture must never break a report
        log.info("no picture for the %s report: %s", kind, exc)
        return None


def _draw(picture: Any, graph: Any, title: str) -> bytes | str:
    """picture.render_svg: SVG text, which keeps labels searchable and prints sharply."""
    return picture.render_svg(graph, title=title)


def _as_uri(data: bytes | str) -> str | None:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if raw.startswith(b"\x89PNG"):
        mime = "image/png"
    elif b"<svg" in raw[:2048]:
        mime = "image/svg+xml"
    else:
        return None
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
