"""English cue lexicons: what marks a position, commitment or decision in minutes.

Each cue is a regular expression over a lower-cased clause with white space
folded, paired with the label it signals and a confidence. The cues follow
how UK councils, panels, committees and boards write minutes in general
("RESOLVED that ... be approved", "ACTION: X to Y by DATE", "raised
concerns about", "did not support"), never one document's sentences.
"""

from __future__ import annotations

import re

from .prefilter import compile as prefiltered

Cue = tuple[re.Pattern[str], str, float]


def _cues(*rows: tuple[str, str, float]) -> tuple[Cue, ...]:
    return tuple((prefiltered(pattern), label, confidence) for pattern, label, confidence in rows)


BODY_WORDS = (r"panel|committee|sub-committee|board|cabinet|council|meeting|members|forum|group|"
              r"partnership|executive|trustees|governors|directors|assembly")

# Something the meeting itself concluded (any of these makes a decision). In "that ... be ...ed" a word
# is taken whole (`\w++`): split words reach only the same places, and took time exponential in a
# word's length where no "be" follows ("That he would train all staff before opening.": 13 s).
DECISION_TRIGGERS = _cues(
    (r"^(?:\(?[0-9ivx]{1,4}[.)]\s*)?resolved\b\s*(?:[:\-–—,]\s*)?(?:that\b|to\b|\(|[a-z])", "resolved", 0.95),
    (r"^(?:\(?[0-9a-z]{1,4}[.)]\s*)?that\b (?:\w++[\s,'’()/-]*){1,40}?\bbe\b (?:\w+ ){0,2}\w+(?:ed|en|t)\b",
     "resolution-clause", 0.85),
    (r"^(?:decision|decided|agreed|resolution|conclusion)\s*[:\-–—]\s*\S", "marker", 0.9),
    (r"\b(?:it|this) was (?:\w+ ){0,2}(?:agreed|resolved|decided|accepted|approved|noted(?! that))\b",
     "it-was", 0.9),
    (rf"\b(?:the|all) (?:\w+ ){{0,3}}(?:{BODY_WORDS}) (?:\w+ ){{0,2}}(?:agreed|resolved|decided|approved|"
     r"endorsed|adopted|accepted|noted|ratified|deferred|rejected|refused)\b", "body-concluded", 0.85),
    (r"^(?:agreed|approved|noted|accepted|confirmed)\b(?! with| by)(?: as| that| to|[.:;,]|$)", "marker",
     0.85),
    (rf"^(?:{BODY_WORDS}|senate|court) (?:\w+ ){{0,2}}(?:agreed|resolved|decided|approved|endorsed|adopted|"
     r"accepted|noted|ratified|deferred|rejected|received)\b(?! that| with| from| by)",
     "body-concluded", 0.8),
    (r"^(?:members|trustees|governors|directors|councillors|partners) (?:\w+ ){0,2}(?:agreed|resolved|"
     r"decided|approved|endorsed|noted)\b", "body-concluded", 0.8),
    (r"\b(?:was|were|is|are|be|been) (?:\w+ ){0,2}(?:approved|adopted|ratified|endorsed|confirmed|agreed|"
     r"noted|deferred|postponed|adjourned|held over|withdrawn|rejected|refused|carried|lost|defeated|"
     r"elected|re-elected|appointed|granted|referred back)\b", "passive", 0.8),
    (r"\b(?:motion|amendment|resolution|ordinance|recommendation|proposal)s? (?:was |were )?(?:unanimously )?"
     r"(?:carried|passed|failed|defeated|lost|approved|adopted)\b|\btabled (?:until|to|for|pending)\b",
     "motion", 0.85),
    (r"\b(?:item|matter|hearing|application|motion|ordinance|resolution|report)s? (?:was|were|be|is) "
     r"continued (?:to|until)\b", "continued", 0.8),
    (r"\bvoted (?:\d+|unanimously|by a majority)\b|\b\d+ (?:votes? )?(?:in favour|for)\b(?:\W+\w+){0,3} "
     r"\d+ (?:votes? )?against\b|\bon being put to the vote\b", "vote", 0.8),
    (r"^(?:the )?(?:(?:action )?notes|minutes|actions|agenda|terms of reference|(?:draft )?(?:plan|report|"
     r"budget|policy|strategy|accounts))(?: of (?:the )?(?:last|previous) meeting)? (?:were |was )?"
     r"(?:agreed|approved|endorsed|accepted|noted)\b[^.]{0,40}\.?$", "record-noun", 0.85),
    (r"\bwere (?:\w+ ){0,2}(?:signed|confirmed) (?:\w+ ){0,3}(?:correct|accurate|true) record\b|"
     r"\bas an? (?:correct|accurate|true) record\b", "record", 0.9),
)

# Which kind of decision, checked in order; the first that fits names it.
DECISION_TYPES = _cues(
    (r"\b(?:not agreed|not approved|not carried|rejected|refused|defeated|was lost|were lost|fell|failed)\b",
     "rejected", 0.0),
    (r"\bwithdrawn\b", "withdrawn", 0.0),
    (r"\b(?:deferred|postponed|adjourned|held over|carried forward|brought back|tabled|"
     r"continued (?:to|until))\b", "deferred", 0.0),
    (r"\b(?:noted|note the|received the report|be received|received an? (?:\w+ )?(?:update|report))\b",
     "noted", 0.0),
    (r"\b(?:approved|adopted|ratified|endorsed|confirmed|correct record|accurate record|true record|"
     r"carried|passed|to approve|to adopt)\b", "adopted", 0.0),
)

# A short sentence that only confirms the proposal before it ("This was agreed.").
CONFIRMATION = prefiltered(
    r"^(?:(?:on|upon|after|following) (?:being put to )?(?:a|the) vote,? )?"
    r"(?:this|that|the (?:proposal|motion|amendment|recommendation)s?) (?:(?:was|were) )?(?:\w+ ){0,3}"
    r"(?:agreed|not agreed|carried|lost|approved|rejected|defeated|accepted|seconded|passed|failed)\b"
    r"[^.]{0,70}\.?$|"
    r"^(?:(?:all|unanimously) )?(?:agreed|carried|lost|not agreed|approved)"
    r"(?: by all| by everyone| unanimously| by all present| nem\.? ?con\.?)?\.?$")

# "X seconded." between a motion and its vote.
SECONDED = prefiltered(r"^[\w .'’-]{2,60} seconded(?: the motion)?\.?$")
# Opening and closing a meeting are procedure, not decisions.
PROCEDURE = prefiltered(r"\bmeeting (?:was |is )?(?:adjourned|closed|ended|opened|called to order)\b"
                       r"(?! (?:to|until))")
# A decision only reported from an earlier meeting or by a speaker is not a new one.
EARLIER_DECISION = prefiltered(
    r"\bhad (?:\w+ ){0,2}been (?:\w+ ){0,2}(?:approved|agreed|resolved|noted|deferred|adopted|withdrawn)\b|"
    r"\b(?:previously|already|last year|in (?:19|20)\d\d) (?:\w+ ){0,2}(?:approved|agreed|resolved)\b|"
    r"\b(?:reported|explained|said|informed|advised|confirmed) (?:\w+ ){0,3}that\b|\bnoted that\b")

# Someone will do something.
COMMITMENT_CUES = _cues(
    (r"^(?:\(?[0-9a-z]{1,3}[.)]\s*)?(?:actions?\s*(?:point)?|ap|a/p)\s*[:\-–—]", "action", 0.9),
    (r"\b(?:agreed|undertook|offered|promised|committed|pledged|volunteered) to\b(?! the\b| a\b| an\b)",
     "undertook", 0.85),
    (r"\b(?:it was|it is) (?:\w+ )?agreed that (?:[\w'’]+ ){1,5}?(?:would|will|should) (?!be\b)[a-z]+",
     "agreed-that", 0.75),
    (r"(?:^|\b(?:confirmed|assured (?:\w+ ){1,3}?|undertook|stated|said|agreed|promised|indicated|"
     r"advised|told (?:\w+ ){1,3}?)(?:,? ?on behalf of [^,]{2,40},)? ?)(?:and )?(?:that )?"
     r"(?:he|she|they|we|i|his client|her client|their client|the applicant|the licensee|"
     r"the (?:\w+ )?(?:operator|provider|developer|cabinet|council|board|committee|panel|authority|trust|"
     r"executive|department|service|team)|police)"
     r"(?: would|['’]d) (?:not )?(?!be able|need|have to|like|prefer|welcome|support|oppose|object|"
     r"be (?:\w+ )?(?:difficult|necessary|possible|likely|unlikely|needed|required|helpful|useful|"
     r"appropriate|better|an?)\b)"
     r"[a-z]+", "reported-undertaking", 0.7),
    (r"(?:\b(?:will|shall)\b|(?<=\w)['’]ll\b)(?! (?:\w+ ){0,2}(?:need|have|be able|be necessary|"
     r"be required|be difficult|"
     r"depend|continue to be|mean|cost|help|allow|enable|make it|affect|result|remain)\b)", "will", 0.75),
    (r"^(?:that )?(?:(?!(?:proposed|suggested|moved|asked|requested|felt|said|that)\b)[\w'’-]+ ){0,6}?"
     r"(?:was|were|be|is|are) (?:\w+ )?(?:asked|requested|instructed|tasked|directed|invited) to "
     r"(?!the\b|a\b|an\b)\w+", "asked-to", 0.7),
    (r"\b(?:directed|instructed|tasked|charged|to instruct|to direct|to ask|to request) (?:the )?"
     r"(?:\w+ ){0,4}?(?:to|with) (?!the\b|a\b|an\b)\w+",
     "directed", 0.7),
    (r"\boffered (?!(?:condolences|congratulations|apologies|thanks|sympathy|support|comments|views|"
     r"advice|reassurance|no)\b)(?:two|three|four|five|\d+|a|an|the|some|its|their|her|his) \w+", "offered",
     0.7),
    (r"\bwould (?:report|bring|provide|circulate|write|send|arrange|meet|update|liaise|confirm|"
     r"investigate|look into|follow up)\b", "would-report", 0.65),
    (r"\b(?:will|would) be (?:brought|presented|submitted|circulated|provided|reported|published|sent|"
     r"shared|arranged|scheduled|prepared|drafted|commissioned)\b", "planned", 0.65),
    (r"\b(?:is|are) to (?:report|bring|provide|circulate|write|send|arrange|update|liaise|confirm|"
     r"investigate|prepare|draft|review|publish)\b", "is-to", 0.7),
    (r"^(?:the )?(?:(?!(?:asked|told|wanted|\w+ed)\b)[a-z][\w.'’-]*)"
     r"(?: (?!(?:asked|told|wanted|\w+ed)\b)[a-z][\w.'’-]*){0,4} to (?:report|bring|provide|circulate|"
     r"write|send|arrange|update|liaise|confirm|investigate|prepare|draft|review|publish|share|contact|organise|"
     r"organize|produce|submit|present|check|ensure|follow up|look into|seek|obtain|set up|chase)\b",
     "action-infinitive", 0.7),
)

# Subjects whose "will" describes a thing, not an undertaking.
NOT_AN_UNDERTAKING = prefiltered(r"\b(?:it|this|which|that|these|those|there|what|who|they said|he said|"
                                r"she said) (?:\w+ )?(?:will|would|shall)\b(?! be (?:held|arranged|"
                                r"organised|circulated|brought|provided|published|sent|reported))")
# Announcements of the next meeting are no undertaking.
ANNOUNCEMENT = prefiltered(r"\bmeeting (?:will|shall|would) (?:\w+ )?(?:be held|take place|start|begin|"
                          r"be on)\b")
# Greetings are no stance ("The Chair welcomed everyone").
GREETING = prefiltered(r"\bwelcomed (?:everyone|all|those present|attendees|guests|visitors|observers|"
                      r"(?:the )?(?:members of the )?(?:public|press)|"
                      r"(?:the )?new (?:members?|clerk|officers?|councillors?|trustees?|directors?|chair)|"
                      r"(?:[\w'’]+ ){1,6}to (?:the|her|his|their|this) (?:first )?meeting)\b")
# "will" without a named actor commits someone only in the passive of a planned act or "there will be".
PLANNED_PASSIVE = prefiltered(r"\b(?:will|shall) be (?:\w+ )?\w+(?:ed|en|t)\b|\bthere (?:will|shall) be\b")
# A plan called off is not an open commitment.
CALLED_OFF = prefiltered(r"\b(?:will not|won't|shall not|no longer|not (?:be )?going ahead|cancelled|"
                        r"canceled|would not)\b")

# Stance cues; a condition always wins, otherwise the one matching earliest (ties: list order).
STANCE_CUES = _cues(
    (r"\b(?:subject to|provided that|providing that|on condition|on the condition|conditional (?:on|upon)|"
     r"as long as|so long as|(?:could|would|can|will|did) not (?:\w+ )?support (?:\w+ ){0,6}without|"
     r"should not (?:\w+ ){0,6}until|not (?:\w+ ){0,5}until|"
     r"(?:support\w*|agree\w*|happy|content|willing|prepared) (?:\w+ ){0,4}(?:if|once|unless))\b",
     "conditional", 0.8),
    (r"\b(?:no objections?|did not object|does not object|raised no (?:objection|concern)s?|not opposed|"
     r"had no concerns?|no concerns? (?:about|with|over)|did not oppose|content with|"
     r"happy to support|no issue with)\b", "support", 0.8),
    (r"\b(?:did not support|does not support|do not support|could not support|cannot support|"
     r"unable to support|not (?:be )?in favour|not supportive|opposed|opposes|oppose|objected|objects to|"
     r"objection to|voted against|spoke against|argued against|disagreed|disagrees|did not agree|"
     r"does not agree|could not agree|rejected|not convinced|against the proposal|"
     r"(?:was|were|is|are) (?:\w+ )?against)\b", "oppose", 0.8),
    (r"\b(?:concerns?|concerned|worried|worries|worry|not satisfied|dissatisf\w*|disappoint\w*|"
     r"insufficient|inadequate|unacceptable|not (?:fully )?(?:re)?assured|"
     r"not persuaded|not acceptable|cautioned|warned|unrealistic|unproven|complained|complaining|frustrat\w*|"
     r"unhappy|angry|annoyed|"
     r"too (?:long|slow|late|high|expensive|costly|risky|little|few)|"
     r"unfair|unreasonable|inappropriate|premature|"
     r"not (?:\w+ ){0,2}(?:enough|sufficient|adequate)|"
     r"reservations?|sceptical|skeptical|(?:serious|significant|major|ongoing|real|growing) (?:problem|issue|"
     r"risk)s?|remain(?:s|ed)? a problem|criticis\w+|criticiz\w+|questioned (?:whether|the)|challenged)\b",
     "concern", 0.75),
    (r"\b(?:asked that|asked for|asked the|asked to|asked (?:\w+ ){1,3}to\b|requested|request(?:s|ed)? that|"
     r"urged|called for|"
     r"called on|calls for|calls? on|proposed that|suggested that|recommended that|moved that|would like|"
     r"moved, seconded by [^,]{2,60}, that|moved as an? (?:amendment|motion) that|proposed (?=\w+ing\b)|"
     r"proposed, seconded by [^,]{2,60}, that|"
     r"(?:proposed|moved) by [^,.]{2,80}? that|"
     r"(?:thought|felt|believed) (?:that )?(?:we|they|the \w+|it) should|"
     r"asked (?:if|whether) (?:the \w+|we|they|it|he|she) (?:\w+ )?could (?!be\b|have\b)\w+|"
     r"wished to|sought|pressed for|wanted|wants|would prefer|prefer|preferred|should be (?:\w+ed)|"
     r"encouraged)\b", "request", 0.7),
    (r"\b(?:supported|supports|support for|welcomed|welcomes|welcome|endorsed|endorses|in favour|"
     r"agreed with|praised|commended|was pleased|were pleased|pleased to|happy with|backed|"
     r"spoke in support|expressed support|supportive|keen|enthusiastic|in support of|"
     r"(?:considered|felt|thought|believed) (?:that )?(?:[\w'’]+ ){1,5}(?:was|were|is|are) (?:\w+ )?"
     r"(?:realistic|reasonable|sensible|achievable|sound|robust|right|appropriate)|"
     r"(?<!the )(?<!a )(?<!which )(?<!that )recommended(?! that))\b",
     "support", 0.75),
)

# Speaker verbs: with one of these a stance holds even beside a decision.
SPEAKER_FRAME = prefiltered(
    r"\b(?:said|says|stated|asked|raised|expressed|spoke|noted that|felt|feel|considered|believed|argued|"
    r"suggested that|proposed that|questioned|emphasised|emphasized|stressed|commented|highlighted|"
    r"urged|requested|indicated|moved|proposed by)\b")
# Questions put ("asked whether ...") report a question, not a stance.
INDIRECT_QUESTION = prefiltered(r"\b(?:asked|enquired|inquired|queried|wondered)\b (?!for\b)"
                               r"(?:(?!that\b|to\b)[\w,]+ ){0,8}"
                               r"(?:whether|if|what|how|when|why|who|which)\b")

CLAUSE_SPLIT = prefiltered(
    r"\s+and\s+(?=that (?:he|she|they|we|it|the|his|her|their)\b)|"
    r"\s+and\s+(?=(?:he|she|they|we|i)(?:['’]d|['’]ll| would| will)\b)|"
    r"\s+and\s+(?=(?:asked|requested|urged|suggested|proposed|expressed|raised|welcomed|supported|"
    r"opposed|objected|said|agreed|undertook|offered|will|would|described|questioned|called|recommended)\b)"
    r"|;\s+|,?\s+but\s+(?=(?:the\s+)?[A-Z]|[a-z]{3,}ed\b|(?:felt|thought|said|sought|did|does|do|was|were|"
    r"had|has|is|are|would|could|also|"
    r"still|not)\b)|,\s+while\s+|,\s+whereas\s+|\s+although\s+")
# spaCy keeps "Appendix A." with the next sentence: a labelled letter ends a sentence before a capital.
LABEL_LETTER_END = prefiltered(r"\b(?:Appendix|Annex|Annexe|Schedule|Option|Plan|Part|Table|Figure|Band|"
                              r"Category|Class|Grade|Block|Phase|Zone|Area|Item|Section) [A-Z]\.(\s+)"
                              r"(?=[A-Z])")
# spaCy misses a sentence end after a figure ("a deficit of £0.9m. Peter Doyle did not ...").
FIGURE_END = prefiltered(r"\d(?:m|bn|k|%)?\.(\s+)(?=[A-Z][a-z]|[A-Z]{2,4}\b)")
# A resolution header whose items follow ("RESOLVED that:", "It was RESOLVED:").
RESOLUTION_HEADER = prefiltered(r"^(?:decisions? )?(?:it was |the \w+(?: \w+)? )?(?:resolved|agreed|decided)"
                               r"(?: that| to)?\s*[:\-–—]{0,2}\s*$")
ENUMERATOR = prefiltered(r"^\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s")
# Enumerated resolutions ("RESOLVED: (1) That ... (2) That ...") are one decision each.
ENUMERATION_SPLIT = prefiltered(r"(?:(?<=[.:;])|(?<=:-)|(?<=[;,] and)|(?<=[;,] or))\s+"
                               r"(?=\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s)"
                               r"|(?<=\S)\s+(?=[-•*▪–]\s+[A-Z])")

# Extra English due forms beside ingest.due (which has dates, months, quarters, seasons).
DUE_EXTRA = prefiltered(
    r"\bwithin (?:\d+|one|two|three|four|five|six|eight|ten|twelve) (?:working )?(?:days?|weeks?|months?)\b"
    r"|\b(?:by|before) the end of (?:the |this |next )?(?:week|month|year|financial year|quarter|term)\b"
    r"|\b(?:at|for|to|by) the (?:next|following|july|june|september|october|november|december|january|"
    r"february|march|april|may|august) (?:meeting|board|panel|committee)\b",
    re.IGNORECASE)

# A document or application "seeks" or "proposes": it holds no stance of its own.
DOCUMENT_SUBJECT = prefiltered(r"^(?:the|this|that|an?) (?:\w+ ){0,2}(?:application|report|paper|proposal|"
                              r"plan|policy|scheme|strategy|document|bid|consultation|review|study|"
                              r"submission|variation|appendix|annex|recommendation)s? "
                              r"(?!\w+ (?:said|stated|argued))")
# Reporting verbs whose that-clause carries someone else's stance ("informed Members that the Police
# had requested ...").
REPORTED = prefiltered(r"\b(?:informed|reported|advised|explained|told|updated|notified|confirmed) "
                      r"(?:\w+ ){0,3}?that\b")
# Voting procedure ("A recorded vote was requested") is no stance on the matter.
VOTE_PROCEDURE = prefiltered(r"\b(?:recorded|named|roll[- ]call|card|secret) (?:vote|ballot)\b")
# A motion quoted after its mover ("It was moved by Cllr A and seconded by Cllr B:"): its words are theirs.
MOVED_BY = prefiltered(r"\b(?:moved|proposed) by (?P<who>[^:]{2,160}?)\s*:\s*[\"“]?\s*$", re.IGNORECASE)
# "asked if the association could run ...": a request put as a question.
POLITE_REQUEST = prefiltered(r"\basked (?:if|whether) (?:the \w+|we|they|it|he|she) (?:\w+ )?could "
                            r"(?!be\b|have\b)\w+")
# Agreeing on a judgement ("Partners agreed this was not acceptable") is a shared view, not a decision.
SHARED_VIEW = prefiltered(r"\bagreed (?:that )?(?:this|it|that|the \w+) (?:was|were|is|are|had been) "
                         r"(?:not |very |too )?(?!agreed|approved|adopted|noted)\w+(?! by)")
# "Officers were asked to ...": a task handed to someone, not a stance of theirs.
PASSIVE_ASK = prefiltered(r"^(?:that )?(?:(?!(?:proposed|suggested|moved|asked|requested|felt|said|that)\b)"
                         r"[\w'’-]+ ){0,6}?(?:was|were|be|is|are) (?:\w+ )?(?:asked|requested|instructed|"
                         r"tasked|directed) to\b")
# "stated that staff will ...": this "that" opens reported speech, it is no relative pronoun.
REPORTING_THAT = prefiltered(r"\b(?:said|stated|confirmed|advised|reported|explained|indicated|added|"
                            r"(?:assured|informed|told) (?:\w+ ){1,3}?)$")
