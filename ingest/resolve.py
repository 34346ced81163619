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
from datetime import date

from ..ontology.reference import Gazetteer, load_gazetteer
from .due import normalise_due
from .records import (
    Actor,
    ActorMention,
    Extraction,
    Resolved,
    ResolvedStatement,
    Segmented,
)

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
    index = gazetteer.by_alias()
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


def _mention_keys(segmented: Segmented, mentions: tuple[ActorMention, ...], gazetteer: Gazetteer,
                  body: Actor | None, actors: dict[str, Actor]) -> dict[tuple[int, int], str]:
    """Actor key for every mention; coreference looks back within the agenda item."""
    keys: dict[tuple[int, int], str] = {}
    history: dict[int, list[tuple[ActorMention, str]]] = {}
    for mention in mentions:
        item = segmented.item_at(mention.start)
        seen = history.setdefault(item.order if item else 0, [])
        key = _resolve_one(mention, seen, gazetteer, body, segmented.meeting.date)
        if key is None:
            continue
        keys[(mention.start, mention.end)] = key
        if key not in actors:
            actors[key] = _actor_for(mention, key, gazetteer)
        elif mention.text.lower() not in actors[key].aliases:
            old = actors[key]
            actors[key] = Actor(old.key, old.label, old.kind,
                                (*old.aliases, " ".join(mention.text.lower().split())),
                                old.wikidata, old.held_by)
        if not (mention.key or "").startswith("pronoun:"):
            seen.append((mention, key))
    return keys


def _resolve_one(mention: ActorMention, seen: list[tuple[ActorMention, str]], gazetteer: Gazetteer,
                 body: Actor | None, day: date | None) -> str | None:
    label = mention.key or ""
    if label.startswith("pronoun:"):
        wanted = {"group", "organisation"} if mention.kind == "group" else {"person", "post"}
        for earlier, key in reversed(seen):
            if earlier.kind in wanted:
                return key
        return None
    if label.startswith("generic:"):
        return _generic_office(label.split(":", 1)[1], seen, gazetteer, body, day)
    if label:
        return label
    text = _ARTICLES.sub("", " ".join(mention.text.split()))
    return gazetteer.by_alias().get(text.lower()) or slugify(text)


def _generic_office(phrase: str, seen: list[tuple[ActorMention, str]], gazetteer: Gazetteer,
                    body: Actor | None, day: date | None) -> str | None:
    """'de minister': the minister last named, else of the ministry last named, else the chair."""
    office = "staatssecretaris" if "staatssecretaris" in phrase else "minister"
    for _, key in reversed(seen):
        if key.startswith(office + "-"):
            return key
    for _, key in reversed(seen):
        if key.startswith("ministerie-"):
            candidate = office + "-" + key[len("ministerie-"):]
            if candidate in gazetteer.actors:
                return candidate
    chair = gazetteer.chair(body.key if body else None, day)
    if chair and chair.startswith(office):
        return chair
    return office


def _actor_for(mention: ActorMention, key: str, gazetteer: Gazetteer) -> Actor:
    if key in gazetteer.actors:
        actor = _reference_actor(gazetteer, key)
        alias = " ".join(mention.text.lower().split())
        if alias not in actor.aliases:
            actor = Actor(actor.key, actor.label, actor.kind, (*actor.aliases, alias), actor.wikidata)
        return actor
    label = _ARTICLES.sub("", " ".join(mention.text.split()))
    label = label[:1].upper() + label[1:]
    return Actor(key=key, label=label, kind=mention.kind,
                 aliases=(" ".join(mention.text.lower().split()),))


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
