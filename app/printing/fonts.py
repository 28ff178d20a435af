"""The one font every printed document uses: WenQuanYi Micro Hei, shipped in
``resources/fonts`` and embedded (subset) into each PDF, so a receipt reads the same on a
machine without any Chinese font. Also what text the font can draw, and how wide it is."""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.i18n import RESOURCES_DIR

FONT_NAME = "WenQuanYiMicroHei"
FONT_PATH = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
SUBFONT_INDEX = 0  # the proportional face; 1 is WenQuanYi Micro Hei Mono
FALLBACK = "?"

# Spaces the font may lack or a printer may garble (Babel puts U+202F before AM/PM).
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u202f\u205f\u3000\t",
    ),
    " ",
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), "")

_lock = threading.Lock()
_font: TTFont | None = None

# ReportLab reads glyphs for the embedded subset through one shared cursor in the font
# file, so two documents must not be drawn and saved at the same moment (a print worker
# and a preview): the renderers hold this while they use a canvas.
drawing_lock = threading.Lock()


def register_font() -> str:
    """Register the CJK font with ReportLab once (safe to call from any thread) and return
    its name for ``setFont``."""
    global _font
    if _font is None:
        with _lock:
            if _font is None:
                font = TTFont(FONT_NAME, str(FONT_PATH), subfontIndex=SUBFONT_INDEX)
                pdfmetrics.registerFont(font)
                _font = font
    return FONT_NAME


def _cmap() -> dict[int, int]:
    register_font()
    assert _font is not None
    return _font.face.charToGlyph


def has_glyph(char: str) -> bool:
    """Whether the embedded font can draw ``char``."""
    return ord(char) in _cmap()


@lru_cache(maxsize=65536)
def _printable_char(char: str) -> str:
    code = ord(char)
    if code in _SPACES:
        return " "
    if code in _INVISIBLE:
        return ""
    if unicodedata.category(char) == "Cc":
        return " " if char in "\n\r\v\f" else ""
    if code in _cmap():
        return char
    decomposed = unicodedata.normalize("NFKC", char)
    if decomposed != char and all(ord(c) in _cmap() for c in decomposed):
        return decomposed
    return FALLBACK


def printable(text: str) -> str:
    """``text`` with every character the font lacks replaced: odd spaces become a plain
    space, invisible marks go, anything else missing becomes ``?``."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(map(_printable_char, text))


def text_width(text: str, size: float) -> float:
    """Width in points of already printable ``text`` at ``size``."""
    return pdfmetrics.stringWidth(text, register_font(), size)


# -- wrapping --------------------------------------------------------------------------------

_NO_LINE_START = set("，。、；：？！）》」』】〕〉’”,.;:?!)]}%·…—～")
_NO_LINE_END = set("（《「『【〔〈‘“([{¥$#")


def _is_wide(char: str) -> bool:
    """CJK and full-width characters: a line may break before or after any of them."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character, one run of spaces, or one Latin word; closing
    punctuation sticks to what precedes it, opening punctuation to what follows."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char == " " or _is_wide(char):
            if word:
                tokens.append(word)
                word = ""
            if char == " " and tokens and tokens[-1].isspace():
                tokens[-1] += char
            else:
                tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    merged: list[str] = []
    glue_next = False
    for token in tokens:
        if merged and (glue_next or (token[0] in _NO_LINE_START and not merged[-1].isspace())):
            merged[-1] += token
        else:
            merged.append(token)
        glue_next = len(token) == 1 and token in _NO_LINE_END
    return merged


def _split_long(token: str, size: float, width: float) -> list[str]:
    """A token wider than a whole line, cut at character boundaries."""
    pieces: list[str] = []
    piece = ""
    for char in token:
        if piece and text_width(piece + char, size) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` made printable and broken into lines no wider than ``width`` points at
    ``size``: CJK between any two characters, Latin between words, newlines kept."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        paragraph = printable(paragraph).strip()
        if text_width(paragraph, size) <= width:
            lines.append(paragraph)
            continue
        line = ""
        line_width = 0.0
        for token in _tokens(paragraph):
            if token.isspace() and not line:
                continue
            token_width = text_width(token, size)
            if line_width + token_width <= width:
                line += token
                line_width += token_width
                continue
            if token.isspace():
                continue  # a break: the space is not carried to the next line
            if line.strip():
                lines.append(line.rstrip())
            line, line_width = "", 0.0
            if token_width > width:
                *full, token = _split_long(token, size, width)
                lines.extend(full)
                token_width = text_width(token, size)
            line, line_width = token, token_width
        if line.strip() or not lines:
            lines.append(line.rstrip())
    return lines


def fit(text: str, size: float, width: float) -> str:
    """One printable line no wider than ``width``: cut with an ellipsis if it must be."""
    text = printable(text)
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
