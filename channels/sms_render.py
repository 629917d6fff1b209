"""Turn the bot's messages into what a phone can show: plain text, numbered options, parts.

Rasa answers with web-style messages: markdown, HTML, buttons. A phone shows
none of that, so for SMS and WhatsApp:
- markdown and HTML become plain text ("**x**" -> "x", "[text](url)" -> "text (url)");
- buttons become one line, "Reply 1 for Side effects, 2 for Dose range, or 3 for Cost.",
  and a reply of just "2" picks the second option (see `pick_option`);
- the bubbles of one answer are joined and then cut into messages of at most
  1,600 characters (SMS) or 4,096 (WhatsApp), at paragraph or sentence ends.
Pure functions only; channels/twilio.py does the I/O.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SMS_MAX_CHARS = 1600  # Twilio's limit for one SMS body (it is sent as several segments)
WHATSAPP_MAX_CHARS = 4096  # WhatsApp's limit for one text message

# ------------------------------------------------------------------ markdown / HTML -> text

_HTML_LINK = re.compile(r"<a\s[^<>]*?href\s*=\s*[\"']([^\"']+)[\"'][^<>]*>(.*?)</a\s*>", re.I | re.S)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
_HTML_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|ul|ol|tr)\s*>", re.I)
_HTML_LIST_ITEM = re.compile(r"<li(\s[^<>]*)?>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]+)>", re.I)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?'\"]", re.I)
_CODE_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\n?(.*?)```", re.S)
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.S)
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)
_RULE = re.compile(r"^[ \t]*([-*_][ \t]*){3,}$", re.M)
_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACE_AT_LINE_ENDS = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_TOKEN = re.compile(r"\x00(\d+)\x00")

# Typographic characters outside the GSM-7 alphabet make a carrier send the whole
# SMS as UCS-2 (70 instead of 160 characters per segment); plain ones read the same.
_GSM_FRIENDLY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "-",
        "\u00b7": "-",
    }
)


def strip_markup(text: str | None) -> str:
    """Markdown and HTML -> plain text a phone shows as written. Idempotent for plain text."""
    if not text:
        return ""
    protected: list[str] = []

    def protect(value: str) -> str:
        protected.append(value)
        return f"\x00{len(protected) - 1}\x00"

    def link(label: str, url: str) -> str:
        label = _HTML_TAG.sub("", label).strip()
        bare = re.sub(r"^(https?://|mailto:|tel:)", "", url, flags=re.I)
        if not label or label in (url, bare):
            return protect(url)
        return f"{label} ({protect(url)})"

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _HTML_COMMENT.sub("", text)
    text = _CODE_FENCE.sub(lambda m: protect(m.group(1).strip()), text)
    text = _CODE.sub(lambda m: protect(m.group(1)), text)
    # Links first, with their URLs kept out of reach of the emphasis rules below
    # (URLs often contain "_" or "*").
    text = _HTML_LINK.sub(lambda m: link(m.group(2), m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: protect(m.group(1)), text)
    text = _MD_IMAGE.sub(lambda m: link(m.group(1), m.group(2)), text)
    text = _MD_LINK.sub(lambda m: link(m.group(1), m.group(2)), text)
    text = _BARE_URL.sub(lambda m: protect(m.group(0)), text)
    # HTML structure, then the remaining tags.
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_LIST_ITEM.sub("\n- ", text)
    text = _HTML_BLOCK_END.sub("\n\n", text)
    text = _HTML_TAG.sub("", text)
    # Markdown.
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    for _ in range(2):  # nested: **_x_**
        text = _BOLD.sub(r"\2", text)
        text = _STRIKE.sub(r"\1", text)
        text = _ITALIC_STAR.sub(r"\1", text)
        text = _ITALIC_UNDERSCORE.sub(r"\1", text)
    text = html.unescape(text)
    # A decoded "&lt;b&gt;" must not become markup either.
    text = _HTML_TAG.sub("", text)
    while _TOKEN.search(text):
        text = _TOKEN.sub(lambda m: protected[int(m.group(1))], text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AT_LINE_ENDS.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def gsm_friendly(text: str) -> str:
    """Curly quotes, dashes and ellipses as their plain ASCII look-alikes."""
    return text.translate(_GSM_FRIENDLY)


# ------------------------------------------------------------------ numbered options

_NUMBER_REPLY = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def numbered_options(titles: list[str], start: int = 1) -> str:
    """["Side effects", "Dose range"] -> "Reply 1 for Side effects or 2 for Dose range." """
    items = [f"{start + i} for {title.strip()}" for i, title in enumerate(titles)]
    if not items:
        return ""
    if len(items) == 1:
        line = items[0]
    elif len(items) == 2:
        line = f"{items[0]} or {items[1]}"
    else:
        line = ", ".join(items[:-1]) + f", or {items[-1]}"
    line = "Reply " + line
    return line if line[-1] in ".?!" else line + "."


def pick_option(text: str | None, options: list[str]) -> str | None:
    """The payload a reply like "2" (or " 2. ") picks from the last options sent, or None."""
    if not text or not options:
        return None
    match = _NUMBER_REPLY.match(text)
    if not match:
        return None
    index = int(match.group(1))
    return options[index - 1] if 1 <= index <= len(options) else None


# ------------------------------------------------------------------ splitting

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LINE_BREAK = re.compile(r"\n")
_WHITESPACE = re.compile(r"\s")


def _last_end(pattern: re.Pattern, window: str, minimum: int = 1) -> int | None:
    """End of the head before the last match of `pattern` in `window`, at least `minimum` long."""
    best = None
    for match in pattern.finditer(window):
        end = match.end() if pattern is _SENTENCE_END else match.start()
        if end >= minimum and len(window[:end].rstrip()) > 0:
            best = end
    return best


def _cut(text: str, limit: int) -> int:
    window = text[: limit + 1]  # a break right after `limit` characters still fits
    for pattern, minimum in (
        (_PARAGRAPH_BREAK, limit // 2),  # whole bubbles, unless that wastes half a message
        (_SENTENCE_END, 1),
        (_LINE_BREAK, 1),
        (_WHITESPACE, 1),
    ):
        end = _last_end(pattern, window, minimum)
        if end is not None and end <= limit:
            return end
    return limit  # one "word" longer than a message (a very long URL): cut it


def split_message(text: str, limit: int) -> list[str]:
    """Cut `text` into parts of at most `limit` characters, at paragraph or sentence ends if possible."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        end = _cut(text, limit)
        head = text[:end].rstrip()
        parts.append(head)
        text = text[end:].strip()
    if text:
        parts.append(text)
    return parts


# ------------------------------------------------------------------ one turn


@dataclass
class RenderedReply:
    parts: list[str] = field(default_factory=list)  # the messages to send, in order
    options: list[str] = field(default_factory=list)  # payloads that "1", "2", ... pick


def _button_payload(button: dict[str, Any]) -> str | None:
    payload = button.get("payload") or button.get("title")
    return str(payload) if payload else None


def render_reply(messages: Iterable[dict[str, Any]], whatsapp: bool = False) -> RenderedReply:
    """The bot's messages of one turn (CollectingOutputChannel dicts) -> phone messages."""
    blocks: list[str] = []
    options: list[str] = []
    for message in messages:
        lines = []
        text = strip_markup(message.get("text"))
        if text:
            lines.append(text)
        for key in ("image", "attachment"):
            value = message.get(key)
            if isinstance(value, str) and value.strip():
                lines.append(value.strip())
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("text"), str):
            lines.append(strip_markup(custom["text"]))
        buttons = [
            (b, payload)
            for b in (message.get("buttons") or message.get("quick_replies") or [])
            if isinstance(b, dict) and (payload := _button_payload(b))
        ]
        if buttons:
            titles = [strip_markup(str(b.get("title") or b.get("payload"))) for b, _ in buttons]
            lines.append(numbered_options(titles, start=len(options) + 1))
            options.extend(payload for _, payload in buttons)
        if lines:
            blocks.append("\n\n".join(lines))
    body = "\n\n".join(blocks)
    if not whatsapp:
        body = gsm_friendly(body)
    limit = WHATSAPP_MAX_CHARS if whatsapp else SMS_MAX_CHARS
    return RenderedReply(parts=split_message(body, limit), options=options)
