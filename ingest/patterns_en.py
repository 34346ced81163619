"""Matcher patterns and word lists for actors in English minutes (used by actors_en).

The spaCy `Matcher` (with its set and regex predicates as lexeme flags, see
lexflags) and the word lists its patterns are built from, apart from the
logic in actors_en that turns matches into keyed actors. Each item doc is
matched twice (once for the document's office titles, once for its
actors), so the last docs' matches are kept; the matcher runs only over the
sentences that hold an anchor word (lexflags.anchored_matches).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LOWER
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .lexflags import FlaggedMatcher, anchored_matches, flag
from .nlp import pipeline

HONORIFICS = ["cllr", "cllr.", "councillor", "councillors", "cllrs", "mr", "mr.", "mrs", "mrs.", "ms",
              "ms.", "miss", "dr", "dr.", "sir", "dame", "professor", "prof", "prof.", "lord", "lady",
              "baroness", "alderman", "alderwoman", "councilmember", "councilman", "councilwoman", "mayor",
              "supervisor", "senator", "judge", "commissioner", "trustee", "governor", "director",
              "pc", "dc", "ps", "sgt", "sgt.", "sergeant", "insp", "insp.", "inspector", "supt", "supt.",
              "ds", "di", "dci", "rev", "revd", "reverend", "canon", "pcso"]
# Two-word titles used as honorifics before a name (US councils, boards).
TITLE_PAIRS = [("council", "member"), ("council", "members"), ("board", "member"), ("vice", "mayor"),
               ("deputy", "mayor"), ("city", "manager"), ("city", "attorney"), ("city", "clerk"),
               ("county", "councillor"), ("town", "clerk"), ("chief", "constable"), ("vice", "chair"),
               ("county", "counsel"), ("county", "administrator"), ("county", "executive")]
OFFICE_HEADS = ["officer", "manager", "director", "commissioner", "constable", "executive", "secretary",
                "clerk", "treasurer", "chair", "chairman", "chairwoman", "chairperson", "vice-chair",
                "leader", "mayor", "member", "auditor", "head", "controller", "solicitor", "superintendent",
                "inspector", "chief", "deputy", "lead", "advisor", "adviser", "coordinator", "minister",
                "attorney", "administrator", "headteacher", "principal", "headmaster", "headmistress",
                "bursar", "governor", "trustee", "president", "registrar", "coroner", "sheriff", "counsel",
                "chancellor", "provost", "dean", "rector", "warden"]
BODY_HEADS = ["panel", "committee", "sub-committee", "board", "cabinet", "council", "trust", "authority",
              "partnership", "association", "forum", "service", "services", "police", "constabulary",
              "agency", "department", "office", "commission", "assembly", "government", "group"]
GROUPS = ["Everyone", "Everybody", "Members", "Trustees", "Governors", "Directors", "Residents",
          "Councillors", "Officers", "Partners", "Leaders", "Stakeholders", "Objectors", "Tenants", "Parents",
          "Staff"]
QUALIFIERS = ["all", "the", "local", "some", "several", "many", "other", "most", "independent", "opposition",
              "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "ward", "affected", "neighbouring"]

# The words every pattern needs one of (its anchor), besides the lists above.
BODY_WORDS = ["police", "council", "constabulary", "committee", "panel", "board", "cabinet", "sub-committee"]
MEMBER_WORDS = ["member", "members"]
SPEAKERS = ["resident", "parent", "teacher", "speaker", "student", "objector", "neighbour", "tenant",
            "trader", "pupil"]


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    return frozenset([*HONORIFICS, *(first for first, _ in TITLE_PAIRS), *OFFICE_HEADS, *BODY_HEADS,
                      *BODY_WORDS, *(g.lower() for g in GROUPS), *MEMBER_WORDS, *SPEAKERS])


def _anchor_flag(vocab) -> int:
    lower = vocab.lex_attr_getters.get(LOWER, str.lower)
    words = _anchor_words()
    return flag(vocab, ("en:anchor",), lambda orth: lower(orth) in words)


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    nlp = pipeline("en")
    matcher = FlaggedMatcher(nlp.vocab)  # word predicates as lexeme flags (see lexflags)
    title = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "a", "an", "this", "that", "it", "members"]}}
    initial = {"TEXT": {"REGEX": r"^[A-Z]\.$"}}
    surname = {"TEXT": {"REGEX": r"^(?:O'|O’|Mc|Mac)?[A-Z][a-z'’-]+$"}}
    name = [{**initial, "OP": "*"}, {**title, "OP": "?"}, surname]
    pairs = [[{"LOWER": a}, {"LOWER": b}, *name] for a, b in TITLE_PAIRS]
    matcher.add("person", [[{"LOWER": {"IN": HONORIFICS}}, *name], *pairs], greedy="LONGEST")
    office_head = {"LOWER": {"IN": OFFICE_HEADS}, "IS_TITLE": True}
    qualifier = [{"LOWER": {"IN": ["of", "for", "to"]}}, {"LOWER": "the", "OP": "?"},
                 {"IS_TITLE": True, "OP": "+"}]
    # `Vice-Chancellor`, `Pro-Vice-Chancellor`: the tokenizer splits at the hyphens.
    hyphened = [{"TEXT": {"REGEX": r"^[A-Z][a-z]+$"}}, {"ORTH": "-"}]
    words = {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’-]*|\d{2,3})$"}, "LOWER": {"NOT_IN": ["the", "a", "an"]}}
    matcher.add("office", [
        [{"LOWER": "the", "OP": "?"}, {**words, "OP": "*"}, office_head],
        [{"LOWER": "the", "OP": "?"}, {**words, "OP": "*"}, office_head, *qualifier],
        [{"LOWER": "the", "OP": "?"}, *hyphened, *hyphened, office_head],
        [{"LOWER": "the", "OP": "?"}, *hyphened, office_head],
        [{"LOWER": "the", "OP": "?"}, {**title, "OP": "+"}, {"LOWER": "and"}, title, office_head],
        [{"LOWER": "the", "OP": "?"}, title, {"TEXT": ","}, title, {"LOWER": "and"}, title, office_head],
    ], greedy="LONGEST")
    body_head = {"LOWER": {"IN": BODY_HEADS}, "IS_TITLE": True}
    matcher.add("body", [
        [{"LOWER": "the"}, {"LOWER": {"IN": BODY_WORDS[:3]}}],
        [{"LOWER": "the"}, {"LOWER": {"IN": BODY_WORDS[3:]}, "IS_LOWER": True}],
        [{"LOWER": "the", "OP": "?"}, {**words, "OP": "*"}, body_head],
        [{"LOWER": "the", "OP": "?"}, {**title, "OP": "+"}, {"LOWER": "and"}, {**title, "OP": "+"},
         body_head],
    ], greedy="LONGEST")
    group = {"TEXT": {"IN": GROUPS}}
    lowered = {"LOWER": {"IN": [g.lower() for g in GROUPS]}}
    public = [{"LOWER": {"IN": ["a", "one", "two", "three", "several", "some"]}, "OP": "?"},
              {"LOWER": {"IN": MEMBER_WORDS}}, {"LOWER": "of"}, {"LOWER": "the"},
              {"LOWER": "public"}]
    # `A teacher asked ...`: one unnamed speaker from the public.
    speaker = [{"LOWER": {"IN": ["a", "one", "another"]}}, {"LOWER": {"IN": SPEAKERS}}]
    matcher.add("members", [[group], [{"LOWER": {"IN": QUALIFIERS}}, lowered], public, speaker,
                            [group, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {**title, "OP": "+"}]],
                greedy="LONGEST")
    return matcher


@lru_cache(maxsize=64)
def names_matcher(names: tuple[str, ...]) -> PhraseMatcher:
    nlp = pipeline("en")
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for name in names:
        matcher.add("listed", [nlp.make_doc(name)])
    return matcher


_MATCHES: dict[int, tuple[Doc, list[tuple[int, int, int]]]] = {}


def matches(doc: Doc) -> list[tuple[int, int, int]]:
    """The matcher's matches in a doc; each item doc is matched once for the document's office
    titles and again for its actors, so the last docs' results are kept (with the doc itself,
    so an id is never mistaken for another doc's)."""
    cached = _MATCHES.get(id(doc))
    if cached is None or cached[0] is not doc:
        if len(_MATCHES) >= 64:
            _MATCHES.clear()
        found = anchored_matches(doc, matcher(), doc.to_array([_anchor_flag(doc.vocab)]))
        cached = _MATCHES[id(doc)] = (doc, found)
    return cached[1]
