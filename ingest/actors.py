"""Actor mentions: gazetteer phrases plus patterns for actors not in it.

A PhraseMatcher over every reference alias (case-insensitive), and Matcher
patterns for `burgemeester X`, `minister van X`, `de staatssecretaris van
JenV`, `korpschef Van Essen`, `dhr. Bruls`, `gemeente Utrecht`,
`veiligheidsregio Haaglanden`, collective offices (`de voorzitters`), bare
offices (`de wethouder`, resolved later to whoever holds it here), and
unknown acronyms. Pronouns carry their number from the verb after them
(`zij zal` is one person, `zij zullen` a group). Longest match wins.
`mention_from_span` turns a matched span into the ActorMention the rules use.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..ontology.reference import load_gazetteer
from .lexflags import FlaggedMatcher, anchored_matches, flag
from .match_cache import Barriers, SentenceMatcher, barrier_test, word_level
from .nlp import pipeline
from .records import ActorMention, Segmented

OFFICE_WORDS = {
    "burgemeester": "person", "minister": "post", "staatssecretaris": "post",
    "korpschef": "post", "hoofdofficier": "post", "voorzitter": "post",
    "wethouder": "person", "commissaris": "post", "directeur": "post",
    "procureur-generaal": "post", "politiechef": "post", "secretaris": "post",
    "gedeputeerde": "person", "plaatsvervangend": "post", "portefeuillehouder": "post",
    "officier": "post", "teamchef": "post", "districtschef": "post", "programmamanager": "post",
    "projectleider": "post", "coördinator": "post", "griffier": "post", "commandant": "post",
    "gemeentesecretaris": "post", "eenheidschef": "post", "directeur-generaal": "post",
    "burgemeester-voorzitter": "post", "loco-burgemeester": "post",
    "bestuurssecretaris": "post", "controller": "post", "concerncontroller": "post",
    "secretaris-directeur": "post", "dijkgraaf": "post", "heemraad": "person",
    "teamleider": "post", "zorgcoördinator": "post", "ketenregisseur": "post",
}
_NOT_GENERIC = {"plaatsvervangend", "minister", "staatssecretaris", "korpschef"}
GENERIC_OFFICES = {"de minister": "minister", "minister": "minister",
                   "de staatssecretaris": "staatssecretaris", "staatssecretaris": "staatssecretaris",
                   "de bewindspersoon": "minister", "de bewindspersonen": "minister",
                   "voorzitter": "voorzitter", "secretaris": "secretaris",
                   "de hoofdofficier van justitie": "hoofdofficier",
                   "de officier van justitie": "officier", "de gemeente": "gemeente",
                   **{f"de {word}": word for word in OFFICE_WORDS if word not in _NOT_GENERIC}}
# The meeting's own body, referred to by its kind: resolved to the body.
BODY_REFERENCES = {"de stuurgroep", "het overleg", "de vergadering", "het beraad", "de commissie",
                   "het bestuur", "de raad van bestuur", "het dagelijks bestuur", "het platform",
                   "het algemeen bestuur", "het kernteam", "de regiegroep", "de leden",
                   "alle leden"}
PLURAL_OFFICES = ["voorzitters", "wethouders", "korpschefs", "secretarissen", "directeuren",
                  "ministers", "bewindspersonen", "gedeputeerden", "commissarissen",
                  "burgemeesters", "portefeuillehouders", "partners", "ketenpartners"]
ORGANISATION_TYPES = ["gemeente", "veiligheidsregio", "eenheid", "politie-eenheid", "provincie",
                      "riec", "ggd", "district", "basisteam", "waterschap", "regio", "ministerie",
                      "directie", "dienst"]
HONORIFICS = ["dhr.", "dhr", "mw.", "mw", "mevr.", "mevrouw", "heer", "mr.", "drs.", "dr."]
PRONOUNS = {"ze": "group", "zij": "group", "hij": "person", "hem": "person"}
_SINGULAR_VERBS = {"zal", "is", "heeft", "wil", "kan", "moet", "gaat", "komt", "wordt", "was",
                   "had", "zegt", "geeft", "vindt", "neemt", "stelt", "deelt", "vraagt", "kondigt"}
# Words that every pattern of `_patterns` needs one of (its anchor), besides OFFICE_WORDS,
# HONORIFICS, ORGANISATION_TYPES and PLURAL_OFFICES: a sentence without any holds no match.
JUSTICE_OFFICES = ["officier", "hoofdofficier"]
BODY_ADJECTIVES = ["bestuurlijk", "regionaal", "landelijk", "algemeen", "dagelijks", "driehoeks"]
COUNCIL_WORDS = ["college", "raad", "gemeenteraad"]
INSTITUTION = r"(instelling|dienst|huis|centrum|stichting|corporatie)$"
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
    for reference in BODY_REFERENCES:
        phrases.add("body-ref", [nlp.make_doc(reference)])
    return phrases, exact, _patterns(nlp)


def _patterns(nlp: Language) -> Matcher:
    """Matcher patterns for actors the gazetteer does not list (word predicates as lexeme flags)."""
    patterns = FlaggedMatcher(nlp.vocab)
    title = [{"LOWER": {"IN": list(OFFICE_WORDS)}}]
    name = [{"IS_TITLE": True, "OP": "+"}]
    particle = [{"LOWER": {"IN": ["van", "de", "der", "den", "ter", "ten"]}, "OP": "*"}]
    justice = [{"LOWER": {"IN": JUSTICE_OFFICES}}, {"LOWER": "van"}, {"LOWER": "justitie"}]
    # "directeur GHOR Maas", "commandant brandweer Sluijsmans": the service between office and name
    service = [{"LOWER": {"IN": ["ghor", "brandweer", "politie", "ggd", "veiligheidsregio", "om"]}}]
    patterns.add("office-name", [[*title, *particle, *name], [*justice, *particle, *name],
                                 [*title, *service, *particle, *name]],
                 greedy="LONGEST")
    initials = [{"TEXT": {"REGEX": r"^(?:[A-Z]\.)+$"}, "OP": "+"}]
    particles = [{"LOWER": {"IN": ["van", "de", "der", "den", "ter", "ten"]}, "OP": "+"}]
    # "de heer P. van Leeuwen": initials, then the particles, then the surname
    patterns.add("honorific-name", [[{"LOWER": {"IN": HONORIFICS}}, *particle, *name],
                                    [{"LOWER": {"IN": HONORIFICS}}, *initials, *particles, *name]],
                 greedy="LONGEST")
    patterns.add("named-org", [[{"LOWER": {"IN": ["de", "het"]}, "OP": "?"},
                                {"LOWER": {"IN": ORGANISATION_TYPES}}, {"IS_TITLE": True, "OP": "+"}],
                               [{"LOWER": {"IN": ORGANISATION_TYPES}}, {"IS_UPPER": True}]],
                 greedy="LONGEST")
    institution = {"LOWER": {"REGEX": INSTITUTION}}
    patterns.add("named-org", [[{"LOWER": {"IN": ["de", "het"]}, "OP": "?"}, institution,
                                {"IS_TITLE": True, "OP": "+"}]], greedy="LONGEST")
    patterns.add("body-ref", [[{"LOWER": {"IN": ["het", "de"]}},
                               {"LOWER": {"IN": BODY_ADJECTIVES}},
                               {"LOWER": {"IN": ["overleg", "bestuur", "beraad"]}}]])
    council = [{"LOWER": {"IN": ["het", "de"]}, "OP": "?"},
               {"LOWER": {"IN": COUNCIL_WORDS}}, {"LOWER": "van"}]
    patterns.add("named-org", [[*council, {"IS_TITLE": True, "OP": "+"}],
                               [*council, {"LOWER": "b&w"}],
                               [*council, {"LOWER": "burgemeester"}, {"LOWER": "en"},
                                {"LOWER": "wethouders"}]], greedy="LONGEST")
    patterns.add("group-office", [[{"LOWER": {"IN": ["de", "alle"]}, "OP": "?"},
                                   {"LOWER": {"IN": PLURAL_OFFICES}}]], greedy="LONGEST")
    patterns.add("office-of", [[{"LOWER": "de", "OP": "?"}, *title, {"LOWER": "van"},
                                {"LOWER": {"IN": ["de", "het"]}, "OP": "?"},
                                {"IS_TITLE": True, "OP": "+"}],
                               [{"LOWER": "de", "OP": "?"}, *title, {"LOWER": "van"},
                                {"IS_UPPER": True}],
                               # "de voorzitter van de veiligheidsregio Noord- en Oost-Gelderland"
                               [{"LOWER": "de", "OP": "?"}, *title, {"LOWER": "van"},
                                {"LOWER": {"IN": ["de", "het"]}, "OP": "?"},
                                {"LOWER": {"IN": ORGANISATION_TYPES}}, {"IS_TITLE": True, "OP": "+"},
                                {"TEXT": "-", "OP": "?"}, {"LOWER": "en", "OP": "?"},
                                {"IS_TITLE": True, "OP": "*"}, {"TEXT": "-", "OP": "?"},
                                {"IS_TITLE": True, "OP": "*"}]], greedy="LONGEST")
    return patterns


def find_mentions(doc: Doc, lang: str = "nl") -> list[Span]:
    """Actor spans in a doc, each labelled with its key or pattern name."""
    return [Span(doc, s, e, label=label) for s, e, label in mention_spans(doc, lang)]


def mention_attrs(vocab) -> list[int]:
    """The token columns `mention_spans` reads (pronoun, acronym and anchor flags), so a caller
    can fetch them in the same `Doc.to_array` as other columns."""
    return [*_word_flags(vocab), _anchor_flag(vocab)]


def mention_spans(doc: Doc, lang: str = "nl", marks: numpy.ndarray | None = None,
                  starts: list[int] | None = None,
                  orths: numpy.ndarray | None = None) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of every actor span, as `find_mentions` finds them.

    Plain tuples instead of spaCy Spans (each Span reads two Token objects for its character
    offsets); `marks` are the doc's `mention_attrs` columns and `starts` its sentence starts
    (nlp.sentence_starts) when the caller has them, else they are read from the doc. With
    `orths` (the ORTH column) as well, the patterns run through `_sentence_matcher`: a sentence
    seen before is not matched again.
    """
    phrases, exact, patterns = matchers(lang)
    strings = doc.vocab.strings
    if marks is None:
        marks = doc.to_array(mention_attrs(doc.vocab))
    found = [(s, e, strings[m]) for m, s, e in phrases(doc)]
    found += [(s, e, strings[m]) for m, s, e in exact(doc)]
    by_piece = _sentence_matcher(lang) if orths is not None and starts is not None else None
    if by_piece is None:
        matched = anchored_matches(doc, patterns, marks[:, 2], starts)
    else:
        anchors = numpy.flatnonzero(marks[:, 2]).tolist()
        matched = by_piece(doc, anchors, starts, orths.tolist()) if anchors else []
    found += [(s, e, strings[m]) for m, s, e in matched]
    for i in numpy.flatnonzero(marks[:, 0] | marks[:, 1]).tolist():
        found.append((i, i + 1, _pronoun_label(doc, i) if marks[i, 0] else "acronym"))
    return _longest_first(found)


@lru_cache(maxsize=2)
def _sentence_matcher(lang: str) -> SentenceMatcher | None:
    """The pattern matcher run on the pieces between barrier words (or on sentences, when no word
    is known to be one), their matches remembered (match_cache); None when a pattern reads more
    than the word or a key has a callback (then its answers need the doc)."""
    patterns = matchers(lang)[2]
    if any(callback is not None for callback in patterns._callbacks.values()) or \
            not word_level(pattern for added in patterns._patterns.values() for pattern in added):
        return None
    barrier = barrier_test(patterns.vocab, patterns)
    return SentenceMatcher(patterns, frozenset(key for key, greedy in patterns._filter.items()
                                               if greedy is not None),
                           Barriers(patterns.vocab, barrier) if barrier is not None else None)


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """spacy.util.filter_spans over (start, end, label), sorted by start: the longest span wins,
    the earlier of equal ones; the same sort (stable) and the same overlap test."""
    ordered = sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for span in ordered:
        if span[0] not in seen and span[1] - 1 not in seen:
            kept.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(kept, key=lambda span: span[0])


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    return frozenset([*OFFICE_WORDS, *JUSTICE_OFFICES, *HONORIFICS, *ORGANISATION_TYPES,
                      *BODY_ADJECTIVES, *COUNCIL_WORDS, *PLURAL_OFFICES])


def _anchor_flag(vocab) -> int:
    """A lexeme flag for the words a pattern match must contain (see `anchored_matches`)."""
    lower = vocab.lex_attr_getters.get(LOWER, str.lower)
    words, institution = _anchor_words(), re.compile(INSTITUTION)
    return flag(vocab, ("nl:anchor",),
                lambda orth: lower(orth) in words or bool(institution.search(lower(orth))))


def _word_flags(vocab) -> tuple[int, int]:
    """Lexeme flags for pronouns and acronyms (`VVD-fractie` included): one test per word
    of the vocabulary instead of one per token."""
    lower = vocab.lex_attr_getters.get(LOWER, str.lower)
    return (flag(vocab, ("nl:pronoun",), lambda orth: lower(orth) in PRONOUNS),
            flag(vocab, ("nl:acronym",),
                 lambda orth: _is_acronym(orth) or bool(_PARTY_GROUP.fullmatch(orth))))


def _pronoun_label(doc: Doc, index: int) -> str:
    """`pronoun:zij:sg` when the verb after it is singular (`zij zal`), `:pl` when plural."""
    word = doc[index].lower_
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    if word in {"zij", "ze"} and following:
        number = "sg" if following in _SINGULAR_VERBS or (
            following.endswith("t") and not following.endswith("en")) else "pl"
        return f"pronoun:{word}:{number}"
    return "pronoun:" + word


# "De VVD-fractie" / "de CDA-fractie": a council party group written as one word.
_PARTY_GROUP = re.compile(r"[A-Z][A-Za-z0-9]{1,9}-fractie")


def _is_acronym(text: str) -> bool:
    if text in _STOP_ACRONYMS:
        return False
    return (2 <= len(text) <= 8 and text.isupper() and text.isalpha()
            and text not in _STOP_ACRONYMS) or bool(re.fullmatch(r"[A-Z][a-z]?[A-Z]{1,5}", text))


def make_nlp(lang: str) -> Language:
    return pipeline(lang)


def mention_from_span(segmented: Segmented, clean_start: int, span: Span) -> ActorMention:
    """The ActorMention of a matched span of an item doc (item text from `clean_start`)."""
    return mention_at(segmented, clean_start, span.start_char, span.end_char, span.label_)


def mention_at(segmented: Segmented, clean_start: int, start_char: int, end_char: int,
               label: str) -> ActorMention:
    """The ActorMention of a match at characters start_char..end_char of an item's clean text."""
    first, last = segmented.original_bounds(clean_start + start_char, clean_start + end_char)
    text = segmented.document.text[first:last]
    if label.startswith("pronoun:"):
        parts = label.split(":")
        kind = {"sg": "person", "pl": "group"}.get(parts[2] if len(parts) > 2 else "",
                                                   PRONOUNS[parts[1]])
        return ActorMention(text, first, last, kind, key=label,  # type: ignore[arg-type]
                            rule="pronoun")
    if label == "body-ref":
        return ActorMention(text, first, last, "organisation", key="generic:body",
                            rule="generic")
    if label.startswith("generic:"):
        kind = "organisation" if label.endswith("gemeente") else "post"
        return ActorMention(text, first, last, kind, key=label, rule="generic")
    if label in _PATTERN_KINDS:
        return ActorMention(text, first, last, _PATTERN_KINDS[label],  # type: ignore[arg-type]
                            key=None, rule=label)
    reference = load_gazetteer().actors[label]
    return ActorMention(text, first, last, reference.kind, key=label,  # type: ignore[arg-type]
                        label=reference.label, rule="gazetteer")


# The kind of actor each Matcher pattern names.
_PATTERN_KINDS = {"acronym": "organisation", "named-org": "organisation", "group-office": "group",
                  "office-name": "person", "honorific-name": "person", "office-of": "post"}
