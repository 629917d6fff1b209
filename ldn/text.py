"""Check and tidy what a patient typed, the same way on every channel.

Messages that can't be read (empty, far too long, no words at all) still go to
Rasa, as the payload below, so the reply comes from the domain and the
conversation records that it happened; the unreadable text itself is not stored.
"""

import json
import re
import unicodedata

from ldn.payloads import refuse_payload

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128

# Spaces fold within a line; line breaks are kept, one for any run of them: a break ends a sentence
# (ldn/sentences.py), and pasted labels, lists and "Title: / Body:" posts are read line by line
# (patients_dev25/46, 2026-11-27: folded into one line, a quoted warning list read as the writer's own).
_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r" ?\n\s*")


def _keep(ch: str) -> bool:
    """Drop control, format, surrogate and private-use characters; keep white space
    and the zero-width joiner that emoji sequences need."""
    return ch.isspace() or ch == "\u200d" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")


# The drug's name as voice typing and patients spell it: "l d n", "l.d.n.", "nal trex own", "naltrexon"
# (patients_dev12, 2026-11-27), "el dee en" (patients_dev87, 2026-11-28). Read the same way by the
# classifier and by the rules.
_SPELLED_LDN = re.compile(r"\bl[. ] ?d[. ] ?n\b\.?|\b(el|elle) (dee|d) (en|n)\b", re.IGNORECASE)
_HEARD_NALTREXONE = re.compile(
    r"\bnal[- ]?trex[- ]?(own|one|on)\b|\bnaltrex(on|own)?\b|\bnaltr[ae]xz?one\b", re.IGNORECASE
)
# The guide's long words as voice typing splits them: "micro glia", "anti in flammatory",
# "new row protection", "endo fins" (patients_dev87, 2026-11-28).
_HEARD_WORDS = (
    (re.compile(r"\bmicro[- ]glia", re.IGNORECASE), "microglia"),
    (re.compile(r"\bin[- ]flamm", re.IGNORECASE), "inflamm"),
    (re.compile(r"\bnew[- ]?row[- ]?protect", re.IGNORECASE), "neuroprotect"),
    (re.compile(r"\bendo[- ]?(fins|phins|r ?fins)\b", re.IGNORECASE), "endorphins"),
)


def spelled_plainly(text: str) -> str:
    """The text with the drug's misspelt or voice-typed names written "ldn" and "naltrexone", and the
    guide's words as voice typing splits them written whole."""
    text = _SPELLED_LDN.sub("ldn", _HEARD_NALTREXONE.sub("naltrexone", text))
    for heard, word in _HEARD_WORDS:
        text = heard.sub(word, text)
    return text


def clean_text(raw: object) -> str:
    """Drop control and format characters, fold white space (a run of line breaks to one)."""
    if not isinstance(raw, str):
        return ""
    lines = "\n".join("".join(ch for ch in raw if _keep(ch)).splitlines())  # any line break, "\r\n" too
    return _LINE_BREAKS.sub("\n", _SPACES.sub(" ", lines)).strip()


def input_problem(text: str) -> str | None:
    """Why a cleaned message can't be answered as a question, or None."""
    if not text:
        return "empty"
    if len(text) > MAX_MESSAGE_CHARS:
        return "too_long"
    if not any(ch.isalnum() for ch in text):
        return "no_words"  # emoji, punctuation only
    return None


def problem_payload(problem: str) -> str:
    return "/nlu_fallback" + json.dumps({"input_problem": problem})


def prepare_message(raw: object) -> tuple[str, str | None]:
    """(text to hand to Rasa, problem or None).

    The assistant's own button payloads (/faq{...}) pass unchanged; any other
    "/..." text is read as words (ldn/payloads.py).
    """
    text = refuse_payload(clean_text(raw))
    problem = input_problem(text)
    return (problem_payload(problem) if problem else text), problem


def valid_sender(sender: object) -> bool:
    return isinstance(sender, str) and 0 < len(sender.strip()) <= MAX_SENDER_CHARS
