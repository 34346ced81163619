"""An agenda item's spaCy tokens read as arrays: its sentences and actor mentions.

The rule extractor needs two things of each item's tokens: sentence
boundaries (spaCy's Sentencizer rule, nlp.sentence_starts) and actor spans
(actors.mention_spans). Both come from one `Doc.to_array` of the columns they
read, and both are handed over as character ranges, so no spaCy Span or
Token object is made for them (each costs Python calls per token it covers)
and the sentence boundaries are never written into the doc to be read back.
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language

from .actors import mention_at, mention_attrs, mention_spans
from .nlp import boundary_attrs, make_doc, sentence_starts
from .records import ActorMention, Segmented


class ItemTokens:
    """One text's tokens: the same sentences as the pipeline's `overleg_sentences` gives
    (`Doc.sents`) and the same mentions as `find_mentions`, as character ranges of the text."""

    def __init__(self, nlp: Language, text: str) -> None:
        self.doc = make_doc(nlp, text)
        marks = self.doc.to_array(_columns(self.doc.vocab))
        self.starts = sentence_starts(self.doc, marks[:, 2:4])
        self.marks = marks[:, 4:7]
        self.orths = marks[:, 7]
        self.begins: list[int] = marks[:, 0].tolist()
        self.ends: list[int] = (marks[:, 0] + marks[:, 1]).tolist()

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) characters of each sentence, as `Doc.sents` spans give them."""
        bounds = [*self.starts, len(self.begins)]
        return [(self.begins[a], self.ends[b - 1]) for a, b in zip(bounds, bounds[1:], strict=False)]

    def mentions(self, segmented: Segmented, clean_start: int) -> list[ActorMention]:
        """The actor mentions, for a text that starts at `clean_start` of the clean text."""
        return [mention_at(segmented, clean_start, self.begins[s], self.ends[e - 1], label)
                for s, e, label in mention_spans(self.doc, marks=self.marks, starts=self.starts,
                                                 orths=self.orths)]


_COLUMNS: dict[int, list[int]] = {}


def _columns(vocab) -> list[int]:
    """The attribute ids ItemTokens reads, looked up once per vocabulary (flags are per vocab)."""
    columns = _COLUMNS.get(id(vocab))
    if columns is None:
        columns = _COLUMNS[id(vocab)] = [IDX, LENGTH, *boundary_attrs(vocab), *mention_attrs(vocab), ORTH]
    return columns
