"""Emergency and crisis phrases, matched before anything else the message says.

Plain regular expressions on purpose: recall must be 100% and the behaviour
must be readable by a clinician. A false alarm costs one extra message; a miss
could cost a life, so the patterns lean towards matching.
"""

import re
from typing import List

_PATTERNS = {
    # Self-harm and suicidal thoughts -> crisis line first.
    "crisis": [
        r"suicid",
        r"\bkill(ing)? my ?self\b",
        r"\bend(ing)? (my|it) (own )?(life|all)\b",
        r"\bend it all\b",
        r"\btake my (own )?life\b",
        r"\b(want|wanna|going|gonna) to (die|be dead)\b",
        r"\bwann?a die\b",
        r"\bdon'?t want to (live|be alive|be here|wake up)\b",
        r"\bno (reason|point) (to|in) (live|living|go on|going on)\b",
        r"\bbetter off dead\b",
        r"\bself[- ]?harm",
        r"\bhurt(ing)? my ?self\b",
        r"\bcut(ting)? my ?self\b",
    ],
    # Too much medicine, or a child who swallowed some -> poison control.
    "poisoning": [
        r"\bover ?dos",
        r"\bo\.?d\.?'?(ed|d)\b",
        r"\b(took|taken|swallowed|ate|popped)( like| about| around| maybe)? (all (of )?|a few |a handful of |several |too many |many |lots of |extra |double |triple |a bunch of |a whole |the whole |my whole |the entire |an entire |[3-9] |\d{2,} |three |four |five |six |seven |eight |nine |ten |twenty )+(of )?(my |the |his |her |their )?(ldn |naltrexone |naltrexon )?(pills?|capsules?|caps|tablets?|tabs|doses?|bottle|pack|meds|medicine|medication)\b",
        r"\btoo (many|much) (of )?(my |the )?(ldn|naltrexone|pills?|capsules?|tablets?|medicine|meds|medication|doses?)\b",
        r"\b(took|taken|swallowed) (too many|too much)\b",
        r"\b(child|kid|son|daughter|toddler|baby|grandchild|grandson|granddaughter|nephew|niece|boy|girl|dog|cat)\b.{0,60}\b(swallow|swallowed|ate|eaten|got into|chewed|took|taken|drank|found)\b.{0,40}\b(pills?|capsules?|tablets?|meds|medicine|medication|ldn|naltrexone|bottle|liquid)",
        r"\b(swallowed|ate|eaten|got into|chewed|drank)\b.{0,30}\b(my|the)\b.{0,20}\b(pills?|capsules?|tablets?|meds|medicine|ldn|naltrexone|bottle)",
        r"\bpoison",
        r"\bdouble[- ]?dosed\b",
        r"\btook (it|them|my dose) twice\b.{0,40}\b(sick|dizzy|weird|unwell|bad|scared)",
    ],
    # Signs of a severe allergic reaction.
    "allergy": [
        r"\b(can'?t|cannot|can not|cant|unable to|trouble|difficulty|hard to|struggling to|problems?|hard time) ?(to )?breath",
        r"\bshort(ness)? of breath\b",
        r"\bbreathless",
        r"\bwheez",
        r"\bgasping\b",
        r"\bthroat\b.{0,25}\b(swell|swollen|closing|tight|closing up)",
        r"\b(swell|swollen|swelling|puffy|puffing)\b.{0,25}\b(throat|lips?|tongue|face|mouth|eyes)\b",
        r"\b(lips?|tongue|face|mouth)\b.{0,20}\b(swell|swollen|swelling|puffy|puffing up|blowing up)",
        r"\bhives\b",
        r"\banaphyla",
        r"\ballergic reaction\b",
    ],
    # Heart and fainting.
    "heart": [
        r"\bchest (pain|pains|hurts?|hurting|tight|tightness|pressure|is tight)",
        r"\bpain in (my|the) chest\b",
        r"\bheart\b.{0,20}\b(racing|pounding|beating (so )?fast|going crazy|skipping|attack)",
        r"\bracing heart\b",
        r"\bpalpitation",
        r"\bfaint(ed|ing)?\b",
        r"\bpass(ed|ing)? out\b",
        r"\bblack(ed|ing)? out\b",
        r"\bcollaps",
        r"\bunconscious\b",
        r"\bunresponsive\b",
        r"\bwon'?t wake up\b",
        r"\bseizure",
        r"\bstroke\b",
    ],
}

_COMPILED = {kind: [re.compile(p, re.IGNORECASE) for p in patterns] for kind, patterns in _PATTERNS.items()}

# The order the guidance is given in when a message matches several kinds.
KINDS = ["crisis", "poisoning", "allergy", "heart"]


def emergency_kinds(text: str) -> List[str]:
    """The kinds of emergency a message describes, most urgent guidance first."""
    normalized = text.replace("’", "'")
    return [kind for kind in KINDS if any(p.search(normalized) for p in _COMPILED[kind])]
