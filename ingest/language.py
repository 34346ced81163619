"""Language of a document, so each one gets the rule set (and layout reading) written for it.

Minutes arrive in Dutch and English (and now and then German or French
annexes). Detection uses lingua, restricted to the few languages minutes
here come in and run in its low-accuracy mode: that loads only small n-gram
models on first use (milliseconds, not the seconds of a full preload) and is
still reliable on the paragraph of running text we give it. The result is
recorded on `MeetingInfo.language`, which emit writes as `mtg:language` and
which the rule extractor dispatches on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .records import AgendaItem, Segmented, Span

DEFAULT = "nl"
SAMPLE_CHARS = 4000
# Function words decide very short texts, where n-gram statistics are thin.
_FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "that", "was", "were", "be", "will", "with", "for", "is"},
    "nl": {"de", "het", "een", "en", "van", "dat", "is", "zijn", "wordt", "zal", "met", "voor"},
}
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")  # the same runs in lower-cased ASCII text, found faster
# Words frequent in one of the four languages and rare in the others ("de" and "en" are left out:
# French has them too). When one language's words outnumber every other's by far, lingua would
# only confirm it (checked on the seed, both test corpora and synthetic minutes), so it is not
# asked: it costs a few milliseconds a document. Anything less clear goes to lingua.
_TELLING_WORDS = {
    "nl": {"het", "een", "van", "dat", "zijn", "wordt", "zal", "met", "voor", "niet", "ook", "worden",
           "naar", "bij", "deze", "wel", "door"},
    "en": {"the", "and", "of", "to", "that", "were", "be", "will", "with", "for", "this", "are", "have",
           "has", "by", "which"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "sich",
           "auf", "für", "dem", "des"},
    "fr": {"le", "la", "les", "et", "des", "du", "est", "une", "un", "pour", "que", "qui", "dans", "pas",
           "sur", "au"},
}
CLEAR_MIN, CLEAR_RATIO = 20, 8


@lru_cache(maxsize=1)
def _detector():
    """A lingua detector for the languages minutes come in (built once, models lazy)."""
    from lingua import Language, LanguageDetectorBuilder

    return (LanguageDetectorBuilder
            .from_languages(Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH)
            .with_low_accuracy_mode().build())


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language; Dutch when nothing can be told."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    lowered = sample.lower()
    words = (_ASCII_WORD if lowered.isascii() else _WORD).findall(lowered)
    if len(words) < 8:
        return _by_function_words(words)
    clear = _clear_language(words)
    if clear is not None:
        return clear
    try:
        found = _detector().detect_language_of(sample)
    except ImportError:  # lingua missing: function words still tell Dutch from English
        found = None
    if found is None:
        return _by_function_words(words)
    return found.iso_code_639_1.name.lower()


def _clear_language(words: list[str]) -> str | None:
    """The language whose telling words outnumber every other's CLEAR_RATIO to one, else None."""
    frequency = Counter(words)
    present = frequency.keys()  # the telling words that occur, by one set intersection a language
    counts = {lang: sum(frequency[w] for w in vocab & present) for lang, vocab in _TELLING_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    runner_up = max(count for lang, count in counts.items() if lang != best)
    return best if counts[best] >= CLEAR_MIN and counts[best] >= CLEAR_RATIO * (runner_up + 1) else None


def _by_function_words(words: list[str]) -> str:
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1 else DEFAULT


def with_language(segmented: Segmented) -> Segmented:
    """The segmented document with its language set (and English layouts regrouped).

    Detection runs on the folded clean text, so page furniture and
    hyphenation do not vote. English minutes often put each numbered
    heading in a paragraph of its own; `english_items` joins the paragraphs
    that follow to their heading.
    """
    language = detect(segmented.clean)
    result = replace(segmented, meeting=replace(segmented.meeting, language=language))
    if language == "en":
        result = replace(result, items=english_items(result))
    return result


def english_items(segmented: Segmented) -> tuple[AgendaItem, ...]:
    """Agenda items as an English reader sees them.

    Numbered headings often stand in a paragraph of their own, with the
    discussion in the paragraphs below. When a document has numbered items,
    unnumbered paragraphs after a numbered heading belong to it, and the
    preamble before the first one (title, Present, Apologies lists) is no item.
    A table header line (`Owner | Action | Due`) is never a heading.
    """
    numbered = sum(item.number is not None for item in segmented.items)
    grouped: list[AgendaItem] = []
    for item in segmented.items:
        continues = item.number is None and (numbered >= 2 or "|" in item.heading)
        if continues and grouped:
            last = grouped[-1]
            start = (last.span.start if last.span.end > last.span.start
                     else min(item.heading_span.start, item.span.start))
            grouped[-1] = AgendaItem(last.order, last.heading, last.heading_span,
                                     Span(start, max(last.span.end, item.span.end)), last.number)
        elif not continues or numbered < 2:
            grouped.append(AgendaItem(len(grouped) + 1, item.heading, item.heading_span, item.span,
                                      item.number))
    return tuple(grouped)
