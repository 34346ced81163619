"""The spaCy pipelines: blank Dutch and English with rule-based sentences.

No statistical model can be downloaded here, so tokens and sentences come
from spaCy's rule-based pieces (`blank`, `sentencizer`). No rule reads
lemmas (actor patterns and cues match surface forms), so the lookup
lemmatizer is left out: it cost a Python call per token. Loaded once per
process.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def pipeline(lang: str = "nl") -> Language:
    """A blank pipeline for `lang` with sentence boundaries."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp
