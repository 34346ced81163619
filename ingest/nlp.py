"""The spaCy pipelines: blank Dutch and English with lookup lemmas.

No statistical model can be downloaded here, so tokens, sentences and
lemmas come from spaCy's rule-based pieces (`blank`, `sentencizer`, the
lookup lemmatizer from spacy-lookups-data). Loaded once per process.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def pipeline(lang: str = "nl") -> Language:
    """A blank pipeline for `lang` with sentences and lookup lemmas."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (OSError, ValueError, ImportError):
        # Without spacy-lookups-data lemmas fall back to the lower-cased form.
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    nlp.max_length = 5_000_000
    return nlp
