"""Dutch cue lexicons: what marks a position, commitment or decision.

Each cue is a regular expression over a lower-cased clause with white space
folded, paired with the label it signals and a confidence. Cues describe
how minutes phrase things in general (modal verbs, fixed formulas,
negations), never one document's sentences.
"""

from __future__ import annotations

import re

Cue = tuple[re.Pattern[str], str, float]


def _cues(*rows: tuple[str, str, float]) -> tuple[Cue, ...]:
    return tuple((re.compile(pattern), label, confidence) for pattern, label, confidence in rows)


# Decisions: the meeting itself concludes something.
DECISION_CUES = _cues(
    (r"\b(is|zijn|wordt|worden) (?:\w+ ){0,3}(vastgesteld|goedgekeurd|aangenomen|bekrachtigd)\b", "adopted", 0.9),
    (r"\b(stelt|stellen) (?:\w+ ){0,4}vast\b|\bvaststelling van\b", "adopted", 0.8),
    (r"\b(is|wordt|werd) (?:\w+ ){0,2}(afgesproken|besloten|overeengekomen)\b", "agreed", 0.85),
    (r"\b(besluit|besluiten|besloot|spreekt af|spreken af|komen overeen|stemt in met|stemmen in met|"
     r"gaat akkoord met|gaan akkoord met|neemt het besluit|nemen het besluit)\b", "agreed", 0.75),
    (r"^(besluit|besloten|afspraak|afgesproken|conclusie)\s*:", "agreed", 0.9),
    (r"\b(kennis genomen|neemt kennis|nemen kennis|voor kennisgeving|ter kennisname)\b", "noted", 0.85),
    (r"\b(wordt|worden|is|zijn) (?:\w+ ){0,2}(aangehouden|uitgesteld|doorgeschoven)\b|"
     r"\bkomt terug op de agenda\b|\bkomen terug op de agenda\b|\bopnieuw geagendeerd\b|"
     r"\bvolgende vergadering (?:\w+ ){0,3}(besproken|geagendeerd)\b", "deferred", 0.85),
    (r"\b(is|zijn|wordt|worden) (?:\w+ ){0,2}(verworpen|afgewezen)\b", "rejected", 0.8),
    (r"\b(is|zijn|wordt|worden) (?:\w+ ){0,2}(ingetrokken|teruggetrokken|van de agenda gehaald|"
     r"afgevoerd)\b", "withdrawn", 0.8),
)

# A decision that is only reported from an earlier meeting is not a new one.
EARLIER_DECISION = re.compile(
    r"\b(eerder|destijds|vorige keer|vorige vergadering|in \d{4}|zoals (?:eerder )?"
    r"(?:afgesproken|besloten))\b(?:\w|\s){0,40}\b(besloten|vastgesteld)\b"
    r"|\b(zoals|conform) (?:eerder |destijds )?(afgesproken|besloten|vastgesteld)\b")

# Commitments: someone will do something.
COMMITMENT_CUES = _cues(
    (r"^(actie|acties|toezegging|afspraak)\s*:", "action", 0.9),
    (r"\b(zegt|zeggen) (?:\w+ ){0,4}toe\b|\btoegezegd\b|\btoezegging\b", "promise", 0.9),
    (r"\b(zal|zullen)\b(?! (?:\w+ ){0,3}(?:moeten|kunnen|hebben|zijn)\b)", "modal-future", 0.75),
    (r"\bneemt het initiatief\b|\bnemen het initiatief\b|\bneemt contact op\b", "initiative", 0.8),
    (r"\b(?:komt|komen) (?:\w+ ){0,4}terug op\b(?! de agenda)|\bkomt hierop terug\b", "return-to",
     0.85),
    (r"\ber komt een\b|\bwordt (?:\w+ ){0,3}(georganiseerd|gepland|opgesteld|uitgewerkt|"
     r"voorbereid|opgepakt)\b", "planned", 0.65),
    (r"\b(blijft|blijven) (?:\w+ ){0,4}(uitvoeren|doen|verzorgen|leveren)\b", "continues", 0.7),
    (r"\b(gaat|gaan) (?:\w+ ){0,5}(opstellen|uitwerken|organiseren|onderzoeken|regelen|"
     r"verkennen|aanleveren|inventariseren|bespreken|zorgen)\b", "going-to", 0.7),
    (r"\b(stuurt|sturen|levert|leveren|informeert|informeren|zorgt|zorgen) (?:\w+ ){0,6}"
     r"(uiterlijk|vóór|voor (?:\d|eind|begin|medio|de zomer|het einde)|binnen|eind|begin|medio)\b",
     "delivers", 0.6),
)

# A plan called off is not an open commitment.
CALLED_OFF = re.compile(r"\b(gaat niet door|niet door(?:gaan|gegaan)|wordt niet|zal niet|"
                        r"zullen niet|afgeblazen|geannuleerd|komt te vervallen|vervalt)\b")

# Reported speech or attitude: the frame a position hangs in.
ATTITUDE_FRAME = re.compile(
    r"\b(aangegeven|geven aan|geeft aan|gaf aan|gaven aan|benadrukt|benadrukken|benadrukte|"
    r"gesteld|stellen dat|stelt dat|vinden|vindt|vond|menen|meent|pleiten|pleit|vragen|vraagt|"
    r"gevraagd|verzoeken|verzoekt|verzocht|willen|wil graag|hopen|hoopt|wensen|wenst|zijn van "
    r"mening|is van mening|uitgesproken|spreken uit|spreekt uit|roepen op|roept op|dringen aan|"
    r"dringt aan|onderschrijven|onderschrijft|steunen|steunt|is aangegeven|wordt aangegeven|"
    r"merken op|merkt op|opgemerkt|vrezen|vreest|zien|ziet|maken zich|maakt zich|toegelicht|"
    r"bepleit|erkennen|erkent)\b")

# Stance cues, checked in order; the first that fits wins.
STANCE_CUES = _cues(
    (r"\b(mits|onder (?:de )?voorwaarde|op voorwaarde|voorwaardelijk|onder voorbehoud)\b", "conditional", 0.85),
    (r"\b(geen bezwaar|geen bezwaren|niet afwijzend|geen probleem|geen moeite)\b", "support", 0.8),
    (r"\b(niet akkoord|niet mee eens|niet eens|niet van overtuigd|niet overtuigd|niet in met|"
     r"oneens|tegen het|tegen de|tegen dit|tegen deze|wijzen (?:\w+ ){0,3}af|wijst (?:\w+ ){0,3}af|"
     r"afwijzend|verzet|geen voorstander|geen behoefte|geen noodzaak|niet nodig|niet wenselijk|"
     r"onwenselijk|bezwaar|bezwaren)\b", "oppose", 0.8),
    (r"\b(zorgen|zorg over|bezorgd|onvoldoende|niet voldoende|ontoereikend|risico|risico's|"
     r"kritisch|kanttekening|kanttekeningen|vrezen|vreest|twijfel|twijfels|maar nog)\b", "concern", 0.75),
    (r"\b(willen graag|wil graag|graag|vragen|vraagt|gevraagd|verzoeken|verzoekt|verzocht|hopen|hoopt|"
     r"wensen|wenst|pleiten|pleit|behoefte aan|moet ruimte zijn|roepen op|roept op|dringen aan|"
     r"dringt aan|willen|wil)\b", "request", 0.7),
    (r"\b(akkoord|steunen|steunt|steun|positief|onderschrijven|onderschrijft|blij met|"
     r"verwelkomen|verwelkomt|staan achter|staat achter|eens met|instemmen|stemmen in)\b", "support", 0.75),
)

# Strong stance words carry a position even without a reporting frame.
STRONG_STANCE = re.compile(r"\b(bezwaren|bezwaar|mits|akkoord|zorgen|bezorgd|moet ruimte zijn|"
                           r"willen graag|wil graag)\b")

# Indirect questions ("gevraagd welke ...") report a question, not a stance.
INDIRECT_QUESTION = re.compile(r"\b(gevraagd|vraagt|vragen|vroeg)\b (?:\w+ ){0,4}"
                               r"(welke|wat|of|hoe|wanneer|waarom|wie)\b")
# Findings ("hieruit bleek") are reports, not stances.
FINDING = re.compile(r"^(hieruit|daaruit|uit het onderzoek|uit de inventarisatie)\b|\bbleek\b|"
                     r"\bblijkt\b")

CLAUSE_SPLIT = re.compile(r"\s+(?=(?:en )?daarnaast\b)|;\s+|\s+en\s+(?=dat\b)")
