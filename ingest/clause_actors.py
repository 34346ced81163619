"""Who acts in a clause: the subject before a cue, the agent of a passive, an addressee.

Dutch minutes put the actor of a position, commitment or decision in a few
places: the subject before the verb (`Burgemeester X vraagt de politie ...`
is X's request, not the police's), `door X` in a passive, the first actor
after an `Actie:` marker, the person asked in `verzoekt X om ... te`, and the
subject of `is afgesproken dat X ...`. A leading topic phrase (`Ten aanzien
van de Wet veiligheidsregio's is ...`) holds no actor. These helpers work on
one agenda item's clean text and map to original offsets through Segmented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cues_nl as cues
from .records import ActorMention, Segmented

EXCLUDING_PREPOSITIONS = {"met", "aan", "bij", "naar", "over", "tegen", "voor", "op", "in", "uit",
                          "tot", "na", "onder", "binnen", "namens", "zonder", "langs", "tussen",
                          "tegenover", "vanuit", "richting", "om"}
_TOPIC_LEAD = re.compile(r"^\s*(?:ten aanzien van|met betrekking tot|wat betreft|voor wat betreft|inzake|"
                         r"naar aanleiding van|in het kader van|over|aangaande)\s", re.IGNORECASE)
_ARTICLE = re.compile(r"^(de|het)\s+")
_ITEM_MARK = re.compile(r"\d{1,2}[.)]|[a-z]\)")
_FINITE = re.compile(r"\b(?:is|zijn|wordt|worden|heeft|hebben|zal|zullen|was|werd|kan|kunnen|moet|"
                     r"moeten|gaat|gaan|komt|komen|blijft|blijven)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ItemContext:
    """What the checks of one agenda item share: its clean text and mentions."""

    segmented: Segmented
    order: int
    clean_start: int
    text: str
    mentions: list[ActorMention]
    body_names: frozenset[str]
    action_section: bool = False
    stances: list[str] = field(default_factory=list)
    # preceding_word by mention start: every clause scope asks it of every mention in the clause
    words: dict[int, str] = field(default_factory=dict)

    def word_before(self, original_start: int) -> str:
        """`preceding_word` of a mention start, computed once per item."""
        word = self.words.get(original_start)
        if word is None:
            word = self.words[original_start] = preceding_word(self.segmented, original_start)
        return word


def first_actor_after(ctx: ItemContext, start: int, end: int, at: int) -> tuple[ActorMention, ...]:
    """The first actor after an offset in a sentence that is not the meeting's body."""
    segmented = ctx.segmented
    span_end = segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + end)[1]
    cue_start = segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + start + at + 1)[0]
    found = [m for m in ctx.mentions if cue_start <= m.start < span_end and not is_body(ctx, m)]
    return tuple(found[:1])


def body_after(ctx: ItemContext, start: int, end: int, at: int) -> tuple[ActorMention, ...]:
    """The meeting's body right after an offset: in `De voorzitter concludeert dat het AB ...`
    the AB decides, the chair only sums up."""
    segmented = ctx.segmented
    span_end = segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + end)[1]
    cue_end = segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + start + at)[1]
    found = [m for m in ctx.mentions if cue_end <= m.start < span_end]
    return tuple(found[:1]) if found and is_body(ctx, found[0]) else ()


def subject_of(ctx: ItemContext, start: int, end: int, cue_at: int,
               agents_only: bool = False) -> tuple[ActorMention, ...]:
    """The agent (`door X`) or the actors before the cue; nobody when there is no subject."""
    scope = _clause_scope(ctx, start, end, cue_at)
    if scope.agents or agents_only:
        return scope.agents
    return scope.before


@dataclass(frozen=True)
class _ClauseScope:
    """Mentions of one clause sorted by role: `door X` agents, free actors before and after the cue."""

    agents: tuple[ActorMention, ...]
    before: tuple[ActorMention, ...]
    after: tuple[ActorMention, ...]


def _mentions_in(ctx: ItemContext, start: int, end: int) -> list[ActorMention]:
    """Mentions whose start lies in the clean-text range start..end of the item."""
    first, last = ctx.segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + end)
    return [m for m in ctx.mentions if first <= m.start < last]


def _clause_scope(ctx: ItemContext, start: int, end: int, cue_at: int) -> _ClauseScope:
    segmented = ctx.segmented
    cue_end = segmented.original_bounds(ctx.clean_start + start,
                                        ctx.clean_start + min(end, start + cue_at + 1))[1]
    inside = _mentions_in(ctx, start, end)
    agents = tuple(m for m in inside if ctx.word_before(m.start) == "door")
    lead = topic_lead_end(ctx, start, end)
    free = [m for m in inside if ctx.word_before(m.start) not in EXCLUDING_PREPOSITIONS
            and m.start >= lead]
    return _ClauseScope(agents, tuple(m for m in free if m.start < cue_end - 1),
                        tuple(m for m in free if m.start >= cue_end - 1))


def topic_lead_end(ctx: ItemContext, start: int, end: int) -> int:
    """Original offset where a leading topic phrase ('Ten aanzien van X is ...') ends, else 0."""
    clause = ctx.text[start:end]
    if not _TOPIC_LEAD.match(clause):
        return 0
    verb = _FINITE.search(clause)
    if verb is None:
        return 0
    at = ctx.clean_start + start
    return ctx.segmented.original_bounds(at, at + verb.start() + 1)[1]


def is_body(ctx: ItemContext, mention: ActorMention) -> bool:
    names = {(mention.label or "").lower(), _ARTICLE.sub("", mention.text.lower())}
    return mention.key == "generic:body" or bool(names & ctx.body_names)


def leading_subject(ctx: ItemContext, start: int, end: int) -> ActorMention | None:
    """The actor that opens a clause (after at most an article and one word), if any."""
    inside = _mentions_in(ctx, start, end)
    if not inside:
        return None
    lead = ctx.text[start:ctx.segmented.to_clean(inside[0].start) - ctx.clean_start].split()
    if lead and (lead[0].endswith(":") or _ITEM_MARK.fullmatch(lead[0])):
        lead = lead[1:]  # "Conclusie: de politiechef ...", "1. Gemeente X ...": markers are no part
    if len(lead) > 1 or (lead and lead[0].lower() not in {"de", "het", "ook", "en", "-", "•"}):
        return None
    return None if is_body(ctx, inside[0]) else inside[0]


def addressee(ctx: ItemContext, start: int, end: int, at: int, clause: str) -> tuple[ActorMention, ...]:
    """Who is given the task: inside `geeft X opdracht`, or just before `X te vragen ... op te stellen`."""
    match = cues.COMMITMENT_CUES[[c[1] for c in cues.COMMITMENT_CUES].index("assigned")][0].search(clause)
    cue_end = match.end() if match else at
    first = ctx.segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + end)[0]
    limit = ctx.segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + start + cue_end)[1]
    inside = [m for m in ctx.mentions if first <= m.start < limit and not is_body(ctx, m)]
    return tuple(inside[-1:])


def that_subject(ctx: ItemContext, start: int, end: int) -> tuple[ActorMention, ...]:
    """The subject of `afgesproken dat X ...`, unless X is the meeting's own body."""
    inside = _mentions_in(ctx, start, end)
    if not inside or ctx.word_before(inside[0].start) != "dat":
        return ()
    subject = inside[0]
    return () if is_body(ctx, subject) else (subject,)


def clause_agents(ctx: ItemContext, c_start: int, c_end: int, cue_at: int,
                  first_after: bool = False) -> tuple[ActorMention, ...]:
    """The acting actors of a clause: `door X`, else the subject before the cue, else after it."""
    scope = _clause_scope(ctx, c_start, c_end, cue_at)
    if scope.agents:
        return scope.agents
    if scope.before and not first_after:
        return scope.before
    lead = ctx.text[c_start:c_start + cue_at].lower().split()
    if not first_after and all(word in {"en", "maar", "ook", "tevens", "daarnaast"} for word in lead):
        return ()  # a second predicate ("... en vraagt de minister"): the subject is inherited
    return scope.after[:1] if first_after else scope.after


class LazyAgents:
    """The first non-empty of several actor sources, worked out only when asked.

    A sentence's rules carry actors forward (`X ontraadt de motie, maar zegt
    toe ...`: X promises; the subject of one clause acts in the next), but
    most clauses have no next clause that asks: the carried actors were
    computed for nothing. Sources are actor tuples, other LazyAgents, or
    functions returning a tuple (clause_agents over a range; pure, since the
    item's mentions do not change while its sentences are read).
    """

    def __init__(self, *sources: object) -> None:
        self._sources = sources
        self._value: tuple[ActorMention, ...] | None = None

    def get(self) -> tuple[ActorMention, ...]:
        if self._value is None:
            self._value = ()
            for source in self._sources:
                value = source.get() if isinstance(source, LazyAgents) else (
                    source() if callable(source) else source)
                if value:
                    self._value = value
                    break
        return self._value


def preceding_word(segmented: Segmented, original_start: int) -> str:
    """The word before a mention, skipping articles, in the clean text."""
    clean_index = segmented.to_clean(original_start)
    words = segmented.clean[max(0, clean_index - 40):clean_index].lower().split()
    while words and words[-1] in {"de", "het", "een", "alle", "veel", "diverse"}:
        words.pop()
    return words[-1].strip("(,") if words else ""
