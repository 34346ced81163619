"""Topics across meetings: agenda headings linked to shared topic concepts.

Minutes name the same recurring topic differently over the years ("Begroting
politie", "Politiebegroting", "Financiën politie"), so an emitted
`mtg:topic` (one per heading) does not give a timeline. Headings are
normalised (case, accents, numbering, punctuation), matched exactly to the
labels of a curated SKOS scheme (ontology/reference/topics.ttl), then fuzzily
with rapidfuzz; headings that match nothing but recur in two or more meetings
get a concept of their own, so they still have a timeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .ingest.resolve import slugify

FUZZY_CUTOFF = 86.0     # token_sort_ratio: word order free, but no subset-equals-whole
MINT_CUTOFF = 90.0      # unmatched headings this close share one minted concept
_NUMBERING = re.compile(r"^\s*(?:agendapunt|punt|item)?\s*\d{1,2}(?:\.\d{1,2})?[a-z]?[.)]?\s+", re.I)
_NON_WORD = re.compile(r"[^\w]+")
_STOP = frozenset({"de", "het", "een", "van", "en", "voor", "over", "the", "of", "and", "inzake", "tav"})


@lru_cache(maxsize=65536)
def normalise(label: str) -> str:
    """A heading as a comparable key: lower case, no accents, numbering or punctuation."""
    text = _NUMBERING.sub("", label)
    if not text.isascii():  # ASCII has no accents to take off (and NFKD leaves it as it is)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower()
    words = [w for w in _NON_WORD.sub(" ", text).split() if w not in _STOP]
    return " ".join(words)


@dataclass(frozen=True)
class TopicMatch:
    """Where a heading landed: a concept IRI, how (exact, close, minted) and the score."""

    concept: str
    how: str
    score: float


class TopicMatcher:
    """Matches headings to concepts: exact normalised label first, then rapidfuzz."""

    def __init__(self, concepts: dict[str, list[str]]) -> None:
        self._exact: dict[str, str] = {}
        for iri, labels in concepts.items():
            for label in labels:
                self._exact.setdefault(normalise(label), iri)
        self._choices = list(self._exact)

    def match(self, heading: str) -> TopicMatch | None:
        key = normalise(heading)
        if not key:
            return None
        if key in self._exact:
            return TopicMatch(self._exact[key], "exact", 100.0)
        best = process.extractOne(key, self._choices, scorer=fuzz.token_sort_ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        return TopicMatch(self._exact[best[0]], "close", float(best[1]))


@dataclass(frozen=True)
class MintedConcept:
    iri: str
    label: str
    keys: tuple[str, ...]


def mint_concepts(unmatched: dict[str, set[str]], headings: dict[str, Counter],
                  base: str) -> list[MintedConcept]:
    """Concepts for unmatched headings that recur: normalised key -> meetings it occurs in.

    Keys within MINT_CUTOFF of a more frequent key join its concept; a concept is
    kept when its keys together occur in at least two meetings.
    """
    groups: dict[str, list[str]] = {}
    for key in sorted(unmatched, key=lambda k: (-len(unmatched[k]), k)):
        near = process.extractOne(key, list(groups), scorer=fuzz.token_sort_ratio,
                                  score_cutoff=MINT_CUTOFF) if groups else None
        groups.setdefault(near[0] if near else key, []).append(key)
    minted = []
    for lead, keys in groups.items():
        meetings = set().union(*(unmatched[k] for k in keys))
        if len(meetings) < 2:
            continue
        label = headings[lead].most_common(1)[0][0]
        minted.append(MintedConcept(f"{base}concept/{slugify(lead)}", label, tuple(keys)))
    return minted


def link_topics(items: list[dict], concepts: dict[str, list[str]], base: str
                ) -> tuple[dict[str, TopicMatch], list[MintedConcept]]:
    """Item IRI -> match for every item whose heading lands on a concept; plus minted concepts.

    `items` rows need `item`, `title` and `meeting`.
    """
    matcher = TopicMatcher(concepts)
    cache: dict[str, TopicMatch | None] = {}
    found: dict[str, TopicMatch] = {}
    unmatched: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, Counter] = defaultdict(Counter)
    for row in items:
        title = row["title"]
        if title not in cache:
            cache[title] = matcher.match(title)
        if cache[title] is not None:
            found[row["item"]] = cache[title]
        elif key := normalise(title):
            unmatched[key].add(row["meeting"])
            forms[key][title] += 1
    minted = mint_concepts(unmatched, forms, base)
    by_key = {key: concept for concept in minted for key in concept.keys}
    for row in items:
        if row["item"] not in found and (concept := by_key.get(normalise(row["title"]))):
            found[row["item"]] = TopicMatch(concept.iri, "minted", 100.0)
    return found, minted
