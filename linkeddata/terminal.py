"""Text from the data, made safe to show on a terminal.

Labels, quotes and literals come from annotations and RDF files that anyone may have written. A
terminal acts on the control characters in what it prints: ESC starts sequences that move the
cursor, clear the screen or set the window title (OSC), CR returns to the start of the line and
overwrites it, and the Unicode bidirectional overrides reorder what follows. Shown to a person
(a table of query results, an error message, a validation report), each such character is
written as an escape instead: ``\\x1b``, ``\\r``, ``\\u202e``. Data written to files or in
machine-readable formats (CSV, TSV, JSON, RDF) is never changed.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\t": "\\t", "\n": "\\n"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character but those in ``keep`` written as an escape."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)
