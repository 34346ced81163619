"""Actor mentions: gazetteer phrases plus patterns for actors not in it.

A PhraseMatcher over every reference alias (case-insensitive), and Matcher
patterns for `burgemeester X`, `minister van X`, `de staatssecretaris van
JenV`, `korpschef Van Essen`, and unknown acronyms. Longest match wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..ontology.reference import load_gazetteer
from .nlp import pipeline

OFFICE_WORDS = {
    "burgemeester": "person", "minister": "post", "staatssecretaris": "post",
    "korpschef": "post", "hoofdofficier": "post", "voorzitter": "post",
    "wethouder": "person", "commissaris": "post", "directeur": "post",
    "procureur-generaal": "post", "politiechef": "post", "secretaris": "post",
}
GENERIC_OFFICES = {"de minister": "minister", "minister": "minister",
                   "de staatssecretaris": "staatssecretaris", "staatssecretaris": "staatssecretaris",
                   "de bewindspersoon": "minister", "de bewindspersonen": "minister"}
PRONOUNS = {"ze": "group", "zij": "group", "hij": "person", "hem": "person"}
_STOP_ACRONYMS = {"VOG", "NB", "PDF", "OK", "CC", "BV", "NV", "ICT", "AVG", "EU", "Q1", "Q2",
                  "Q3", "Q4", "II", "III", "IV"}


@lru_cache(maxsize=2)
def matchers(lang: str = "nl") -> tuple[PhraseMatcher, PhraseMatcher, Matcher]:
    nlp = pipeline(lang)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    gazetteer = load_gazetteer()
    for alias, key in gazetteer.by_alias().items():
        if " " in alias or "-" in alias:
            phrases.add(key, [nlp.make_doc(alias)])
        else:
            # One-word aliases can be ordinary words ("om", "blok"): match them
            # only as an acronym (upper case) or a name (title case).
            variants = {alias.upper(), alias.title(), alias[:1].upper() + alias[1:]}
            acronym = gazetteer.actors[key].acronym
            if acronym:
                variants.add(acronym)
            if len(alias) > 4 and gazetteer.actors[key].kind != "person":
                variants.add(alias)
            exact.add(key, [nlp.make_doc(v) for v in sorted(variants)])
    for generic in GENERIC_OFFICES:
        phrases.add("generic:" + generic, [nlp.make_doc(generic)])
    patterns = Matcher(nlp.vocab)
    title = [{"LOWER": {"IN": list(OFFICE_WORDS)}}]
    name = [{"IS_TITLE": True, "OP": "+"}]
    particle = [{"LOWER": {"IN": ["van", "de", "der", "den", "ter", "ten"]}, "OP": "*"}]
    patterns.add("office-name", [[*title, *particle, *name]], greedy="LONGEST")
    patterns.add("office-of", [[{"LOWER": "de", "OP": "?"}, *title, {"LOWER": "van"},
                                {"LOWER": {"IN": ["de", "het"]}, "OP": "?"},
                                {"IS_TITLE": True, "OP": "+"}],
                               [{"LOWER": "de", "OP": "?"}, *title, {"LOWER": "van"},
                                {"IS_UPPER": True}]], greedy="LONGEST")
    return phrases, exact, patterns


def find_mentions(doc: Doc, lang: str = "nl") -> list[Span]:
    """Actor spans in a doc, each labelled with its key or pattern name."""
    phrases, exact, patterns = matchers(lang)
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in phrases(doc)]
    spans += [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in exact(doc)]
    spans += [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in patterns(doc)]
    for token in doc:
        if token.lower_ in PRONOUNS:
            spans.append(Span(doc, token.i, token.i + 1, label="pronoun:" + token.lower_))
        elif _is_acronym(token.text):
            spans.append(Span(doc, token.i, token.i + 1, label="acronym"))
    return sorted(filter_spans(spans), key=lambda s: s.start)


def _is_acronym(text: str) -> bool:
    if text in _STOP_ACRONYMS:
        return False
    return (2 <= len(text) <= 8 and text.isupper() and text.isalpha()
            and text not in _STOP_ACRONYMS) or bool(re.fullmatch(r"[A-Z][a-z]?[A-Z]{1,5}", text))


def make_nlp(lang: str) -> Language:
    return pipeline(lang)
