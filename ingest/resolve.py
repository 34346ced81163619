"""Stage 4, resolve: Extraction -> Resolved.

Turns surface forms into actors with stable keys: gazetteer aliases to
reference actors, 'de minister' to the minister last named in the agenda
item (else the minister of the ministry last named, else the body's chair),
pronouns to the last fitting actor, unknown names to slugs. Offices get
their holder on the meeting date where the reference data knows it, and due
dates are normalised against the meeting date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from ..ontology.reference import Gazetteer, load_gazetteer
from .actors import GENERIC_OFFICES, OFFICE_WORDS
from .due import normalise_due
from .gazetteer_cache import alias_index
from .records import (
    Actor,
    ActorMention,
    Extraction,
    Resolved,
    ResolvedStatement,
    Segmented,
)

GENERIC_KEYS = {"voorzitter", "burgemeester", "wethouder", "politiechef", "hoofdofficier", "secretaris",
                "directeur", "portefeuillehouder", "gedeputeerde", "gemeente", "minister",
                "staatssecretaris"}
_ARTICLES = re.compile(r"^(de|het|een|the)\s+", re.IGNORECASE)


def slugify(text: str) -> str:
    """A stable ASCII slug for IRIs: 'Burgemeester Halsema' -> 'burgemeester-halsema'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:80] or "x"


def resolve(extraction: Extraction) -> Resolved:
    """Link mentions to actors and statements to actor keys."""
    segmented = extraction.segmented
    gazetteer = load_gazetteer()
    day = segmented.meeting.date
    body = _body_actor(segmented, gazetteer)
    actors: dict[str, Actor] = {}
    if body is not None:
        actors[body.key] = body
    keys = _mention_keys(segmented, extraction.mentions, gazetteer, body, actors)
    statements: list[ResolvedStatement] = []
    for statement in extraction.statements:
        actor_keys = tuple(dict.fromkeys(
            keys[(m.start, m.end)] for m in statement.actors if keys.get((m.start, m.end))))
        if statement.kind == "decision" and not actor_keys and body is not None:
            actor_keys = (body.key,)
        due, precision = (normalise_due(statement.due_text, day) if statement.due_text
                          else (None, None))
        statements.append(ResolvedStatement(statement, actor_keys, due, precision))
    for key in list(actors):
        _add_holder(actors, key, gazetteer, day)
    return Resolved(segmented=segmented, body=body, actors=tuple(actors.values()),
                    statements=tuple(statements))


def _body_actor(segmented: Segmented, gazetteer: Gazetteer) -> Actor | None:
    meeting = segmented.meeting
    if meeting.body_label is None:
        return None
    index = alias_index(gazetteer)
    for name in (meeting.body_label, meeting.body_acronym or ""):
        key = index.get(name.lower())
        if key:
            return _reference_actor(gazetteer, key)
    aliases = tuple(a for a in (meeting.body_label.lower(), (meeting.body_acronym or "").lower()) if a)
    return Actor(key=slugify(meeting.body_acronym or meeting.body_label), label=meeting.body_label,
                 kind="organisation", aliases=aliases)


def _reference_actor(gazetteer: Gazetteer, key: str) -> Actor:
    ref = gazetteer.actors[key]
    return Actor(key=key, label=ref.label, kind=ref.kind, aliases=ref.aliases,  # type: ignore[arg-type]
                 wikidata=ref.wikidata)


@dataclass
class _Context:
    """What coreference looks back on: this item's actors, the document's, the chair."""

    gazetteer: Gazetteer
    body: Actor | None
    day: date | None
    item: list[tuple[ActorMention, str]] = field(default_factory=list)
    document: list[tuple[ActorMention, str]] = field(default_factory=list)
    chair: str | None = None


def _mention_keys(segmented: Segmented, mentions: tuple[ActorMention, ...], gazetteer: Gazetteer,
                  body: Actor | None, actors: dict[str, Actor]) -> dict[tuple[int, int], str]:
    """Actor key for every mention; coreference looks back within the item, then the document."""
    keys: dict[tuple[int, int], str] = {}
    history: dict[int, list[tuple[ActorMention, str]]] = {}
    context = _Context(gazetteer, body, segmented.meeting.date)
    text = segmented.document.text
    for mention in mentions:
        item = segmented.item_at(mention.start)
        context.item = history.setdefault(item.order if item else 0, [])
        mention = _trimmed(mention, text)
        key = _resolve_one(mention, context)
        if key is None:
            continue
        keys[(mention.start, mention.end)] = key
        _remember(actors, mention, key, gazetteer)
        if _CHAIR_AFTER.match(text, mention.end) and context.chair is None:
            context.chair = key
        if not (mention.key or "").startswith("pronoun:"):
            context.item.append((mention, key))
            context.document.append((mention, key))
    return keys


def _trimmed(mention: ActorMention, text: str) -> ActorMention:
    """A name does not run past a blank line or into the label of the next line
    ('M. Jansen\nAfgemeld: ...'): cut the surface form there (the span keys stay as found)."""
    surface = mention.text
    if "\n" not in surface:
        return mention  # one line: nothing to cut (the common case, without the scan below)
    cut = surface.find("\n\n")
    for line_break in re.finditer(r"\n", surface):
        rest = surface[line_break.end():]
        if rest.strip() and text[mention.end:mention.end + 2].lstrip(" \t")[:1] == ":" \
                and "\n" not in rest.strip():
            cut = line_break.start() if cut < 0 else min(cut, line_break.start())
    if cut <= 0 or not surface[:cut].strip():
        return mention
    head = surface[:cut].rstrip()
    return replace(mention, text=head, end=mention.start + len(head))


_CHAIR_AFTER = re.compile(r"\s*\((?:voorzitter|vz\.?|chair)\)", re.IGNORECASE)
_PARTICLES = {"de", "van", "der", "den", "ter", "ten", "het"}
_NAME_PREFIXES = {"de", "heer", "dhr.", "dhr", "mw.", "mw", "mevr.", "mevrouw", "mr.", "drs.", "dr.",
                  *OFFICE_WORDS}


def _remember(actors: dict[str, Actor], mention: ActorMention, key: str, gazetteer: Gazetteer) -> None:
    """Add the mention's surface form to its actor; a pronoun names nobody, so it is no alias.

    A finder's label ('Mrs Fielding' for 'the Clerk') replaces a label taken from a surface form."""
    if key not in actors:
        actors[key] = _actor_for(mention, key, gazetteer)
        return
    old = actors[key]
    alias = " ".join(mention.text.lower().split())
    aliases = old.aliases
    if alias not in aliases and not _is_pronoun(mention):
        aliases = (*aliases, alias)
    label = old.label
    if mention.label and key not in gazetteer.actors and _surface_label(old):
        label = mention.label
    if (label, aliases) != (old.label, old.aliases):
        actors[key] = Actor(old.key, label, old.kind, aliases, old.wikidata, old.held_by)


def _is_pronoun(mention: ActorMention) -> bool:
    return (mention.key or "").startswith("pronoun:")


def _surface_label(actor: Actor) -> bool:
    """Whether the actor's label is only one of its surface forms (no finder gave it a name)."""
    return _ARTICLES.sub("", actor.label.lower()) in {_ARTICLES.sub("", a) for a in actor.aliases}


def _resolve_one(mention: ActorMention, context: _Context) -> str | None:
    label = mention.key or ""
    gazetteer = context.gazetteer
    if label.startswith("pronoun:"):
        wanted = ({"group", "organisation"} if label.endswith(":pl") else {"person", "post"}
                  if label.endswith(":sg") or mention.kind == "person"
                  else {"group", "organisation", "person", "post"})
        for earlier, key in reversed(context.item):
            if earlier.kind in wanted:
                return key
        return None
    if label.startswith("generic:"):
        phrase = label.split(":", 1)[1]
        return _generic_office(GENERIC_OFFICES.get(phrase, phrase), context)
    if label:
        return label
    text = _ARTICLES.sub("", " ".join(mention.text.split()))
    known = alias_index(gazetteer).get(text.lower())
    if known:
        return known
    if mention.rule in {"office-name", "honorific-name"}:
        name = _name_part(text)
        if _INITIALS_ONLY.match(name):
            return None  # "de heer T." cut before "van Dijk": no name to resolve
        return alias_index(gazetteer).get(name.lower()) or _listed_person(slugify(name), context)
    if mention.rule == "group-office":
        prefix = slugify(text) + "-"
        for _, key in reversed(context.document):
            if key.startswith(prefix):
                return key
    return slugify(text)


_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.\s*)+$")


def _listed_person(key: str, context: _Context) -> str:
    """'Wethouder Jansen' is the 'M. Jansen' of the attendance list: the surname alone finds
    the one earlier person whose key is initials plus that surname."""
    if re.match(r"^[a-z]-", key):
        return key  # already has initials
    pattern = re.compile(rf"^(?:[a-z]-)+{re.escape(key)}$")
    found = {k for _, k in context.document if pattern.match(k)}
    return found.pop() if len(found) == 1 else key


def _name_part(text: str) -> str:
    """'burgemeester Van Merrienboer' -> 'Van Merrienboer'; 'dhr. Bruls' -> 'Bruls'."""
    words = text.split()
    titles = [i for i, w in enumerate(words[:-1]) if w.lower() in _NAME_PREFIXES - _PARTICLES]
    if titles and words[titles[0] + 1:titles[0] + 3] == ["van", "justitie"]:
        titles.append(titles[0] + 2)
    cut = max((i for i in titles if i < len(words) - 1), default=-1) + 1
    return " ".join(words[cut:])


def _generic_office(office: str, context: _Context) -> str | None:
    """A bare office ('de minister', 'de wethouder') resolved to whoever holds it here."""
    if office in {"minister", "staatssecretaris"}:
        return _minister(office, context)
    if office == "voorzitter":
        return _chair(context)
    if office == "body":
        return context.body.key if context.body else None
    for seen in (context.item, context.document):
        for earlier, key in reversed(seen):
            if earlier.text.lower().startswith(office) and earlier.rule != "generic":
                return key
    return office


def _minister(office: str, context: _Context) -> str:
    """The minister last named (or the office of a person last named), else the ministry's, else the chair."""
    gazetteer = context.gazetteer
    for seen in (context.item, context.document):
        for _, key in reversed(seen):
            if key.startswith(office + "-"):
                return key
            posts = [p for p in gazetteer.posts_of(key, context.day) if p.startswith(office + "-")]
            if posts:
                return posts[0]
    for _, key in reversed(context.item):
        if key.startswith("ministerie-"):
            candidate = office + "-" + key[len("ministerie-"):]
            if candidate in gazetteer.actors:
                return candidate
    chair = gazetteer.chair(context.body.key if context.body else None, context.day)
    if chair and chair.startswith(office):
        return chair
    return office


def _chair(context: _Context) -> str:
    """'de voorzitter': the chair named in the attendance list, else the body's chair office."""
    if context.chair:
        return context.chair
    body_key = context.body.key if context.body else None
    chair = context.gazetteer.chair(body_key, context.day)
    if chair:
        return chair
    return f"voorzitter-{body_key}" if body_key else "voorzitter"


def _actor_for(mention: ActorMention, key: str, gazetteer: Gazetteer) -> Actor:
    if key in gazetteer.actors:
        actor = _reference_actor(gazetteer, key)
        alias = " ".join(mention.text.lower().split())
        if alias not in actor.aliases:
            actor = Actor(actor.key, actor.label, actor.kind, (*actor.aliases, alias), actor.wikidata)
        return actor
    label = _ARTICLES.sub("", " ".join(mention.text.split()))
    if mention.label:
        label = mention.label
    elif mention.rule in {"office-name", "honorific-name"}:
        label = _name_part(label)
    elif key.startswith("voorzitter-") and mention.rule == "generic":
        label = "Voorzitter " + key[len("voorzitter-"):].upper()
    label = label[:1].upper() + label[1:]
    kind = "person" if mention.rule in {"office-name", "honorific-name"} else mention.kind
    if mention.rule == "generic" and key in GENERIC_KEYS:
        kind = "organisation" if key == "gemeente" else "post"
    aliases = () if _is_pronoun(mention) else (" ".join(mention.text.lower().split()),)
    return Actor(key=key, label=label, kind=kind, aliases=aliases)


def _add_holder(actors: dict[str, Actor], key: str, gazetteer: Gazetteer, day: date | None) -> None:
    actor = actors[key]
    if actor.kind != "post":
        return
    holder = gazetteer.holder(key, day)
    if holder is None:
        return
    actors[key] = Actor(actor.key, actor.label, actor.kind, actor.aliases, actor.wikidata, holder)
    if holder not in actors and holder in gazetteer.actors:
        actors[holder] = _reference_actor(gazetteer, holder)
