"""Split a patient's message into sentences and find the question(s) in it.

Patients write a story and then ask ("I've had fibro for years... anyway, could
LDN help?"), or ask two things at once ("how does it work and what does it
cost"). The scope gate takes the context (condition, pregnancy, medicines, who
it is about) from the whole message, and the question from these pieces.
"""

import functools
import re

# A sentence ends at . ! ? or a line break ("1.5 mg" has no end inside; after a number, a
# full stop ends a sentence when a word follows: "when I was 15. It was a fever", "on LDN 1.5. what's
# known", patients_dev25, 2026-11-27).
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\d\.)\s+|(?<=\d\d\.)\s+(?=[a-zA-Z])|(?<=\.\d\.)\s+(?=[a-zA-Z])|\s*\n+\s*|(?<=[a-z])\.(?=[A-Z])"
)
# A second question inside one sentence: "... and what does it cost", "... also, is it safe";
# "and whats the dose" too, but not ", whats the big deal about it" (one question in two parts);
# "n", "&" and "+" as texts write "and" ("is it safe n what r the side effects", patients_dev33/50).
# A verb that starts a question has its subject next ("and is it safe"); "mum has RA and is on
# methotrexate" goes on telling (patients_dev20, 2026-11-27).
_SUBJECT = (
    r"(?:it|its|it'?s|ldn|naltrexone|low|this|that|there|these|those|i|im|you|u|he|she|they|we|my|his|her|"
    r"their|our|your|the|a|an|people|any|anything|anyone|anybody|someone|somebody|some|all|much|one|taking|using|being)"
)
# "Anyway" turns away from the words before it (a question it opens needs none of them).
_ANYWAY = r"(?:anyway|anyways|anyhow)"
_SECOND_QUESTION = re.compile(
    # ...with voice typing's fillers between: "and also um is it expensive" (patients_dev87, 2026-11-28).
    r"(?:,|;|\band\b|\bn\b|&|\+|\balso\b|\bplus\b|\bbut\b)\s*(?:also\s+|and\s+)?(?:(?:um+|uh+|erm|er)\s+)*(?:roughly\s+|approximately\s+|about\s+|just\s+|realistically\s+|honestly\s+)?"
    # ...and "anyway" after a comma, kept with the question it turns to: "...at the bus stop once years back, anyway
    # how is ldn taken" (the smoke test of make run, 2026-11-28: the story and the question were read as one).
    rf"(?=(?:{_ANYWAY}\s+)?(?:(?:what|how|where|when|why|which|any|whether)(?:'s)?\b\s+\w+|(?:is|are|does|do|can|could|should|will|would)\s+{_SUBJECT}\b))"
    r"|(?:&|\+|\band\b|\balso\b|\bplus\b)\s*(?=(?:whats|hows)\b\s+\w+)",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    # ...after a greeting or voice typing's fillers: "hi yeah so what is LDN" (patients_dev87, 2026-11-28).
    r"^\W*(?:(?:and|also|plus|but|so|oh|ok|okay|then|anyway|btw|roughly|approximately|realistically|honestly|"
    r"hi|hiya|hey|hello|yeah|yes|right|um+|uh+|erm|well)\W+)*"
    r"(what|whats|what's|how|hows|why|when|where|which|who|whether|is|isn'?t|are|aren'?t|does|doesn'?t|do|don'?t|"
    r"did|can|could|should|shall|would|will|won'?t|may|might|has|have|am|any|anyone|anybody|tell me|explain|"
    r"i (wonder|was wondering|want to know|would like to know|need to know)|wondering|curious|"
    r"(i'?m |im )?(dying|keen|desperate|eager) to (know|find out)|does (anyone|anybody) know|"
    r"(i'?m )?trying to understand|need to know|want to know|(can|could) (someone|somebody|you|u) (explain|tell)|"
    r"(please|pls|plz) (tell|explain)|"
    # Requests: "need the lowdown on how it works", "talk me through the dose" (patients_dev37, 2026-11-27).
    r"(i )?need (the |a |some )?(lowdown|rundown|basics|low down|run down)|give me (the )?(lowdown|rundown|basics)|"
    r"tell me about|talk me through|walk me through|info on|sell me on)\b",
    re.IGNORECASE,
)
_QUESTION_INSIDE = re.compile(
    r"\b(is (this|that|it) (normal|ok|okay|safe|common|expected|a side effect)|what (should|do|can) i do|"
    # ..."My daughter wants to know if she can carry on with LDN while breastfeeding" (patients_dev102, 2026-11-28).
    r"i('m| am)? (wonder|wondering)|wants? to know|would like to know|any (advice|ideas|thoughts|tips)|"
    r"(want|need|like|trying) to understand how\b|"
    r"could (ldn|it|naltrexone) help|can (ldn|it|naltrexone) help|does (ldn|it|naltrexone) help|should i|"
    # "...how is it supposed to help pain. seems backwards" (patients_dev51, 2026-11-27).
    r"how (is|would|could|can|does) (it|ldn|naltrexone|that|this) (supposed to |meant to |even |possibly )?(help|work)|"
    # "...why doesnt it make pain worse. seems backwards" (patients_dev58, 2026-11-27).
    r"why (does|doesn'?t|doesnt|would|wouldn'?t|wouldnt) (it|ldn|naltrexone|that|this) (make|help|work|cause))\b",
    re.IGNORECASE,
)


# A numbered list inline ("1) what is it 2) what does it cost", "1. dose 2. cost"): each item is a
# sentence, and its number is no part of it ("1) does ldn help" asks like "does ldn help";
# patients_dev28, 2026-11-27; "1." too, patients_dev54, 2026-11-27). A list has a "1)" and a "2)"
# (or "1." and "2."); "I take 2) pills" alone is no list, nor "1.5 mg" a mark.
_A_LIST = re.compile(r"(?:^|\s)\(?1\)\s.*\s\(?2\)\s|(?:^|\s)1\.\s.*\s2\.\s", re.DOTALL)
_LIST_ITEM = re.compile(r"\s+(?=\(?[1-9][.)]\s)")
_LIST_MARK = re.compile(r"^\(?[1-9][.)]\s*")
# A question's own mark: "Q1: can I split it", "Q: what does it cost", "Question 2 - ..." (patients_dev54, 2026-11-27).
_QUESTION_MARK = re.compile(r"^(?:(?:q|question)\s*\d{0,2}\s*[:.)-]|(?:q|question)\s*\d{1,2}\b)\s*", re.IGNORECASE)


# A piece that starts with a list's mark: a bullet, a quote mark or a number ("- fainting", "2) chest pain").
_ITEM_START = re.compile(r"^\s*([-*\u2022\u00b7>]|\(?\d{1,2}[.)])\s")


# Voice typing runs a story and its question into one sentence: "...so I keep reading about LDN um so does
# it actually help pain or is it hype". A sentence this long is cut where a question starts after "so",
# "and", "but", "anyway" or "um", or where the drug is asked about ("...and my knees does LDN help
# arthritis") (patients_dev87, 2026-11-28: the whole run-on was read as the question, and a medicine told
# in the story was refused as if asked about).
RUN_ON_WORDS = 35
_RUN_ON_QUESTION = re.compile(
    r"\s+(?=(?:(?:so|and|but|anyway|um+|uh+|like|well|basically|i mean|you know)\s+)+(?:um+\s+|uh+\s+)?"
    r"(?:what|whats|what's|how|hows|why|where|which|is (?:it|ldn|there|that|this)|are (?:there|they)|"
    r"does (?:it|ldn|naltrexone|low dose)|do (?:you|people|they|i)|can (?:it|ldn|i|you)|could (?:it|ldn|i|you)|"
    r"should (?:i|she|he|we)|would (?:it|ldn)|will (?:it|ldn)|i (?:just )?(?:want|wanted|need) to (?:know|understand)|"
    r"i'?m (?:just )?(?:wondering|asking))\b)"
    # ...not "called low does naltrexone" (voice typing's "low dose"), "how does LDN work", "know what would LDN do".
    r"|(?<!\blow)(?<!\bhow)(?<!\bmuch)(?<!\blong)(?<!\bsoon)(?<!\boften)(?<!\bwhat)(?<!\bwhy)(?<!\bwhen)(?<!\bwhere)\s+(?=(?:does|is|can|could|would|will) (?:ldn|low dose naltrexone|naltrexone)\b)",
    re.IGNORECASE,
)


def _run_on_cut(sentence: str) -> list[str]:
    if len(sentence.split()) < RUN_ON_WORDS:
        return [sentence]
    return [piece.strip() for piece in _RUN_ON_QUESTION.split(sentence) if piece and piece.strip()]


@functools.lru_cache(maxsize=1024)
def _pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """The message's sentences, stripped, empty ones dropped, each with whether it is a list's item."""
    found = [
        _QUESTION_MARK.sub("", piece)
        for s in _SENTENCE_END.split(text)
        if s and s.strip()
        for piece in _run_on_cut(s.strip())
    ]
    if not _A_LIST.search(text):
        return tuple((s, bool(_ITEM_START.match(s))) for s in found if s)
    items = (s.strip() for sentence in found for s in _LIST_ITEM.split(sentence))
    return tuple((piece, bool(_ITEM_START.match(s))) for s in items if (piece := _LIST_MARK.sub("", s)))


def sentences(text: str) -> list[str]:
    """The message's sentences, stripped, empty ones dropped (a numbered list's items without their numbers)."""
    return [piece for piece, _ in _pieces(text)]


def list_items(text: str) -> list[str]:
    """The sentences of `text` that are items of a list, bulleted or numbered, as `sentences` gives them."""
    return [piece for piece, is_item in _pieces(text) if is_item]


# A question after a comma, with no question mark: "my grandad's friend takes it for something, what
# sort of conditions is it given for." (patients_dev20, 2026-11-27). Not "..., when I was 30".
_QUESTION_AFTER_COMMA = re.compile(
    rf",\s*(?:(?:so|and|but|also|btw|{_ANYWAY})\s+)?(?:what|whats|what's|how|hows|is (?:it|ldn|this|that|there)|are (?:there|they)|"
    r"does (?:it|ldn)|can (?:it|ldn|i|you)|could (?:it|ldn|i)|should i|would (?:it|ldn)|will (?:it|ldn))\b",
    re.IGNORECASE,
)


# A request: "dose range for low dose naltrexone pls, and what's it used for" (patients_dev49, 2026-11-28).
_REQUEST_END = re.compile(r"\b(pls|plz|please)\W*$", re.IGNORECASE)


def is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(
        _QUESTION_START.search(sentence)
        or _QUESTION_INSIDE.search(sentence)
        or _QUESTION_AFTER_COMMA.search(sentence)
        or _REQUEST_END.search(sentence)
    )


# "Why not?", "How come?", "Which one of us is right?": a question whose subject is the sentence before it
# (not "Who's right?", which may weigh two people told of further back: patients_dev75, 2026-11-28).
_ASKS_WHY = re.compile(
    r"\W*(and |but |so )?(why( not| is that| so| though| tho)?|how come|how so|which (one )?of us is right)\W*(\?\W*)?",
    re.IGNORECASE,
)
# A question shorter than this is read with the words just before it ("..., is this normal?").
SHORT_QUESTION_WORDS = 6
_REFERS_BACK = re.compile(r"\b(this|that|both|these|those|them)\b", re.IGNORECASE)


# ...or a topic asked by its name alone: "Mechanism?", "Cost?" (patients_dev37/38, 2026-11-27); not
# "Pregnant? No.", which tells.
_ONE_WORD_QUESTION = re.compile(
    r"\W*(true|really|right|correct|accurate|legit|fact|myth|seriously|mechanism|moa|dose|dosage|dosing|cost|"
    r"costs|price|pricing|benefits|risks|safety|evidence|research|proof|side[- ]?effects)\s*\?+\W*",
    re.IGNORECASE,
)


_TURNS_AWAY = re.compile(rf"^\W*{_ANYWAY}\b", re.IGNORECASE)


def turns_away(question: str) -> bool:
    """ "anyway how is it taken": the question turns away from the words before it."""
    return bool(_TURNS_AWAY.match(question))


def _needs_lead_in(question: str) -> bool:
    if turns_away(question):
        return False
    return len(question.split()) < SHORT_QUESTION_WORDS or refers_back(question)


def refers_back(question: str) -> bool:
    """ "Is this normal?": the question needs the words before it to say what it is about."""
    return bool(_REFERS_BACK.search(question))


# Words a writer takes back: "What are the downsides — sorry no, the opposite, what are the UPSIDES",
# "does it help with my— actually never mind me, I'll ask my doc" (patients_dev89, 2026-11-28: both
# questions were answered). What is asked is read after the last such mark, and a sentence that
# opens with one takes back the sentence before it ("is it ok for eczema... scratch that, psoriasis").
# Only the question is read so: the story keeps every word (an emergency or a caution is never taken back).
_TAKE_BACK = (
    r"(?:sorry,? no|no,? sorry|no,? wait|wait,? no|scratch that|ignore (?:that|my last)|(?:sorry|oops),? i meant|"
    r"(?:actually,? )?never ?mind(?: that| me| about that)?(?=\W*(?:$|[,.;:!?\-\u2014\u2013])))(?!\w)[\s,.:;!\-\u2014\u2013]*"
)
_TAKES_BACK_BEFORE = re.compile(r"^\W*" + _TAKE_BACK, re.IGNORECASE)
_TAKEN_BACK = re.compile(r"^.*(?:[-\u2014\u2013]+|\.\.\.|,)\s*" + _TAKE_BACK, re.IGNORECASE)


def _asked_sentences(text: str) -> list[str]:
    """The message's sentences without the words their writer took back."""
    kept: list[str] = []
    for sentence in sentences(text):
        rest = _TAKES_BACK_BEFORE.sub("", sentence, count=1)
        if rest != sentence and kept:
            kept.pop()
        if rest := _TAKEN_BACK.sub("", rest, count=1).strip():
            kept.append(rest)
    return kept


def question_parts(text: str) -> list[str]:
    """The questions asked, in order: each question sentence, cut again where a second question starts.

    A short question ("is this normal?") keeps the words just before it, which say
    what "this" is. With no question at all, the last sentence is taken as the
    concern ("my fibro is getting worse and I'm thinking about LDN").
    """
    found: list[str] = []
    before = ""  # the last words that were not a question
    for sentence in _asked_sentences(text):
        # "Before I ring the surgery I'd like to know:" introduces the questions after it.
        if not is_question(sentence) or sentence.endswith(":"):
            before = sentence
            continue
        for piece in (p.strip(" ,;") for p in _SECOND_QUESTION.split(sentence)):
            # A fragment of the split is context; "...reduce symptoms. true?" asks ("Pregnant? No." doesn't).
            one_word_question = piece == sentence and bool(_ONE_WORD_QUESTION.fullmatch(piece))
            if (len(piece.split()) < 2 and not one_word_question) or not (is_question(piece) or piece == sentence):
                before = piece
                continue
            found.append(f"{before} {piece}".strip() if _needs_lead_in(piece) else piece)
            before = ""
    if not found:
        parts = sentences(text)
        return parts[-1:] if parts else []
    return found


def question_sentences(text: str) -> list[str]:
    """The whole sentences that ask something (the last sentence when none does).

    What KIND of question is asked is read here: the sentence holds the words that
    say it ("3 weeks in and no different, is that normal?"), the story before it
    doesn't ask anything ("I dreamt my cat was driving").
    """
    parts = _asked_sentences(text)
    asked = []
    for at, sentence in enumerate(parts):
        if at and _ASKS_WHY.fullmatch(sentence) and not is_question(parts[at - 1]):
            # "My doctor said if I'm on tramadol I can't take LDN. Why not?" asks the reason for the words
            # before it (patients_dev79, 2026-11-28: the sentence model read "Why not?" as the benefits);
            # "...not a real medication. which one of us is right" asks about the claim (patients_dev78).
            asked.append(parts[at - 1])
        if is_question(sentence):
            asked.append(sentence)
    return asked or parts[-1:]
