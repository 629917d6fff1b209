"""Questions the guide never answers, recognised by what they ask, not by their topic.

"How long until LDN helps my MS?" mentions a covered condition, and a classifier
trained on topics answers it with the MS answer: a confident answer to a
question nobody asked. The guide says nothing about how soon LDN works, alcohol,
children, pets, timing of doses, stopping it, brand names, buying it, storing
it, or joining and following the long-COVID trial, so a message that asks any of
these gets "the guide doesn't cover that" whatever topic it names.

Plain regular expressions, like ldn/emergency.py, so a clinician can read what
is refused. They ask for the *question* ("how long until", "can my dog"), not a
topic word, so "what is LDN used for in children?" is refused while "what are
the side effects?" is not. Every pattern is checked against the training
examples of the answerable intents (tests/ldn/test_not_covered.py).
"""

import re
from typing import Dict, List, Optional

_TRIAL = r"(trials?|stud(y|ies))"
# "the UBC trial", "that long covid study": one particular trial, not research in general.
_A_TRIAL = rf"\b(the|that|this|ubc|british columbia|bc|university'?s?)\b[\w\s'-]{{0,30}}?\b{_TRIAL}\b"

_CHILD = r"(children|child|kids?|toddlers?|infants?|teens?|teenagers?|teenage (son|daughter|boy|girl)|adolescents?|minors?|under[- ]?18s?|\d{1,2} ?(year|yr)s?[- ]?olds?)"

_PATTERNS: Dict[str, List[str]] = {
    # How soon it works, or how long a course lasts.
    "time_to_work": [
        r"\bhow (long|soon|quickly|fast)\b.{0,30}\b(until|till|til|before|to (start|kick|work|help|see|notice|feel|take effect)|does it take|will it take|would it take|for (it|ldn|naltrexone|me) to|do (i|you) (see|notice|feel)|(does|will|would) (it|ldn|naltrexone) (start|kick|begin)|to (reduce|ease|improve|relieve))",
        r"\bhow long (does|do|will|should|would|can) (it|ldn|naltrexone|i|you|people|one)\b.{0,20}\b(take|last|need|stay|keep|be on|use)\b(?! (it|ldn|naltrexone)?\s*(with|by mouth|orally))",
        r"\bwhen (will|would|should|do|does|can) (i|it|ldn|naltrexone|you)\b.{0,20}\b(start|begin|notice|see|feel|kick in|work|help|improve)",
        r"\b(take|takes|taking) (effect|affect)\b.{0,20}\b(how long|when|soon|fast|quickly)\b|\bhow (long|soon|quickly|fast)\b.{0,30}\b(take|takes) (effect|affect)",
        r"\bhow many (days|weeks|months)\b",
    ],
    # When in the day, with food, a missed dose.
    "timing": [
        r"\b(what|which) time\b|\btime of (the )?day\b",
        r"\b(morning|mornings|am)\s+or\s+(at )?(night|evening|bedtime|pm)\b|\b(night|nighttime|evening|bedtime|pm)\s+or\s+(in the )?(morning|am)\b",
        r"\b(at night|at bedtime|before bed|in the morning|on an empty stomach|with food|with meals?|after (eating|meals?|food)|before (eating|meals?|food))\b.{0,15}\?",
        r"\b(miss|missed|missing|forgot|forget|skip|skipped|skipping)\b.{0,15}\b(a |my |one |the |few )?(doses?|pills?|capsules?|days?|nights?)\b",
    ],
    "alcohol": [
        r"\b(alcohol|beers?|wine|booze|liquor|vodka|whisk(e)?y|cocktails?|a drink|drinks|drinking|get drunk|glass of)\b",
    ],
    "children": [
        rf"\b(for|give|giving|given|prescribe\w*|safe|ok|okay|use[ds]?|using|take|taking|dose|dosing|doses)\b.{{0,30}}\b{_CHILD}\b",
        rf"\b{_CHILD}\b.{{0,40}}\b(take|taking|use|using|have|be on|be given|get|on (ldn|naltrexone|it)|dose)\b",
        r"\bp(a)?ediatric\w*",
    ],
    "breastfeeding": [
        r"\bbreast ?-?feed\w*|\bbreast ?milk\b|\blactat\w*|\bnursing (my |a |the )?(baby|infant|newborn)\b|\bnursing mother",
    ],
    "animals": [
        r"\b(my|our|a|the|for|in|give (it )?to)\s+(dogs?|cats?|pets?|pupp(y|ies)|kittens?|horses?|animals?|vet)\b|\bvet(erinar\w*)?\b",
        r"\b(dogs?|cats?|pets?|animals?)\b.{0,20}\b(take|have|use|given|on)\b.{0,10}\b(ldn|naltrexone|it)\b",
        r"\b(ldn|naltrexone)\b.{0,30}\bfor (dogs?|cats?|pets?|animals?)\b",
    ],
    # Stopping, pausing or changing one's own LDN, and personal dose decisions.
    "stopping_or_changing": [
        r"\b(how (do|can|should|would) (i|you|we|one)|can i|should i|could i|do i (have|need) to|is it (ok|okay|safe|fine|bad|dangerous) to|what (if|happens if|happens when) (i|you)|when (can|should|do) (i|you))\b.{0,12}\b(stop|stopping|quit|quitting|come off|coming off|get off|go off|taper|tapering|wean|weaning|pause|take a break)\b",
        r"\b(should|can|could|do) i (go up|increase|raise|lower|decrease|reduce|double|up|bump|titrate|split|cut)\b",
        r"\b(go|going|move|moving|bump|bumping|increase|increasing|raise|raising|up|upping|drop|dropping|lower|lowering)( (it|my dose|the dose|ldn))? (up |down )?to \d",
        r"\b(tips?|ways?|how)\b.{0,20}\b(stop|prevent|avoid|reduce|manage|handle|deal with|get rid of|cope with|minimi[sz]e|ease|fix)\b.{0,30}\b(side ?effects?|dreams?|nightmares?|insomnia|sleep|headaches?|nausea)\b",
    ],
    "brands_and_buying": [
        r"\b(what|which|any|its|the) brand[- ]?(names?)?\b(?!\s+(drugs?|meds|medications?|medicines?|versions?|products?))|\bsold under\b|\btrade names?\b|\bmanufactur\w*|\bwho (makes|made|sells)\b",
        r"\bwhere (can|do|could|should|would|to) (i |you |one |we )?(buy|get|order|purchase|find|fill|pick up)\b",
        r"\b(buy|order|purchase|get)\b.{0,25}\bonline\b|\bonline (pharmacy|pharmacies|store|shop)\b",
        r"\b(can|could|how do|how can|where do|where can) (i|you|we) (get|obtain|access|source)\b.{0,25}\b(through|from|via|online|without|near|at a|at my|prescribed|a prescription|delivered|shipped)\b|\btele-?(health|medicine)\b|\bonline doctors?\b",
        r"\bover the counter\b|\b(otc)\b|\bwithout (a |an )?(prescription|script|rx|doctor)\b|\bcompounding pharmac\w*",
        r"\b(prescribe|prescription|script|rx)\b.{0,25}\b(me|for me|myself|get one|get a)\b|\b(get|need|write|give me) (a |an )?(prescription|script|rx)\b",
    ],
    "storage": [
        r"\b(store|storing|storage|fridge|refrigerat\w*|freez\w*|expir\w*|shelf life|goes? bad|room temperature)\b",
    ],
    "driving": [
        r"\b(drive|driving|operate machinery|heavy machinery)\b",
    ],
    # Taking part in, or the results of, the long-COVID trial (the guide says only what it studies).
    "trial_logistics": [
        rf"\b(sign(ing|ed)?[- ]?up|enrol+\w*|join\w*|take part|taking part|participat\w*|volunteer\w*|get into|be part of|be in|apply|applying)\b.{{0,40}}\b{_TRIAL}\b",
        rf"\b{_TRIAL}\b.{{0,40}}\b(recruit\w*|enrol+ing|accepting|looking for|open to|taking (on |new )?(people|patients|participants|volunteers)|eligib\w*|qualify|criteria|pay|paid|compensat\w*|volunteers|participants|people (are )?in|near me|in my (area|city|state|country))\b",
        rf"\bhow many (people|patients|participants|subjects)\b.{{0,40}}\b{_TRIAL}\b",
        rf"{_A_TRIAL}.{{0,40}}\b(results?|findings|finish\w*|end|ends|ended|over|done|complete\w*|publish\w*|conclude\w*|come out|out yet|found|find\b(?!\s+out)|show(ed|n)?|prove[dn]?|conclusion)\b",
        rf"\b(results?|findings|outcome|conclusions?)\b.{{0,20}}\b(of|from|for)\b{_A_TRIAL}",
        rf"\bwhen (will|does|did|do|is|are)\b.{{0,20}}{_A_TRIAL}",
    ],
    # Sums: "what's 15 percent of 80" reads like a question about a dose to a topic classifier.
    "calculations": [
        r"\b\d+(\.\d+)? ?(percent|%) of \d+",
        r"\b\d+(\.\d+)? (times|plus|minus|divided by|multiplied by) \d+(\.\d+)?\b(?! ?(mg|milligrams?|a day|daily|per|each))",
        r"\b(square root|calculate|calculator|math homework)\b",
    ],
    "appointments": [
        r"\b(book|make|schedule|reschedule|cancel|change|move)\b.{0,15}\b(an |my |the )?(appointment|appt|consult\w*|visit)\b",
    ],
}

# Phrases that turn a match back into a question the guide does answer.
_UNLESS: Dict[str, List[str]] = {
    # "Should I stop LDN now that I'm pregnant?" is the pregnancy answer: ask the doctor.
    "stopping_or_changing": [r"\bpregnan|\bexpecting\b"],
    # Naltrexone for drinking is the addiction answer.
    "alcohol": [r"\b(stop|quit|cut|give|giving|reduc)\w*( down| back| up)? (on )?(the )?(drinking|alcohol|booze)|addict\w*|alcoholi\w*|dependen\w*|craving|use disorder|abuse|problem drink|sober|sobriety|recovery"],
    # Someone's own history: "I've had Crohn's since I was a teen".
    "children": [r"\b(since|when) i was\b|\bas a (child|kid|teen\w*)\b"],
}

_COMPILED = {kind: [re.compile(p, re.IGNORECASE) for p in patterns] for kind, patterns in _PATTERNS.items()}
_COMPILED_UNLESS = {kind: [re.compile(p, re.IGNORECASE) for p in patterns] for kind, patterns in _UNLESS.items()}
KINDS = list(_PATTERNS)


def not_covered_kind(text: str) -> Optional[str]:
    """The kind of unanswerable question a message asks, or None."""
    normalized = text.replace("’", "'")
    for kind in KINDS:
        if any(p.search(normalized) for p in _COMPILED[kind]) and not any(
            p.search(normalized) for p in _COMPILED_UNLESS.get(kind, [])
        ):
            return kind
    return None
