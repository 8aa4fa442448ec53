"""Untrusted text made safe to print on a terminal.

Decks are shared between trainers and clients, so their text is untrusted.
Rich and Textual drop only a few control characters: an ESC in deck text
reaches the terminal, which obeys it (OSC 52 writes the clipboard, OSC 2 the
window title, CSI 2 J wipes the screen). Bidi overrides and isolates reorder
what follows them, even across lines. Every such character is replaced here by
a visible escape, as Python writes it (`\\x1b`, `\\u202e`), so a reader sees
that something was there and what it was. Newline and tab are kept: they are
text.

The deck parser applies this to everything it reads (and the validator refuses
a deck whose fields hold such characters), so the rest of the program never
holds a control character from a deck; messages that echo a file's name or
content apply it too.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls, the line and paragraph
# separators (some terminals break lines on them), the Arabic letter mark, and
# the bidi embeddings, overrides and isolates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def escape_char(char: str) -> str:
    """One unsafe character as the visible escape `inert` puts in its place."""
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every character a terminal would obey shown escaped."""
    if UNSAFE.search(text) is None:  # the common case: nothing to copy
        return text
    return UNSAFE.sub(lambda match: escape_char(match.group()), text)


def unsafe_chars(text: str) -> list[str]:
    """The distinct unsafe characters in `text`, in order of appearance."""
    return list(dict.fromkeys(UNSAFE.findall(text)))


def inert_data(value: Any) -> Any:
    """`inert` applied to every string in parsed data (dicts, lists, keys)."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [inert_data(item) for item in value]
    if isinstance(value, dict):
        return {inert(str(k)): inert_data(v) for k, v in value.items()}
    return value
