"""Repair OCR noise for recognition without losing positions.

Newspaper OCR puts spaces inside words ("进 出口", "台 州") and breaks lines inside sentences, and some pages are
copies in traditional characters (臺州市). Recognisers are trained on clean simplified text, so they read a
repaired *view* of the text; :class:`RepairedText` keeps, for every character of the view, its offset in the
original, so that spans found in the view map back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

from opencc import OpenCC

__all__ = ["RepairedText", "is_traditional", "repair", "to_simplified"]

# Han characters and full-width punctuation: a space or single line break between two of these is OCR noise.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014-\u201f\u2026"
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_QUOTES = str.maketrans("「」『』", "“”‘’")
# A line break after these ends a sentence, so it is kept.
_SENTENCE_END = set("。！？；!?;")
# A line of two- and three-character Han groups and nothing else is a list of names (the reporters under a
# headline: "徐子渊 滕洋"); its spaces separate names.
_NAME_LIST = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{2,3}(?:[ \t\u3000]+[\u4e00-\u9fff]{2,3})+[ \t\u3000]*$", re.M)
_LIST_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")


# Radicals and compatibility ideographs that text taken from PDFs holds in place of the characters they look like
# (⼤ U+2F24 for 大, ⻓ U+2ED3 for 长, as some fonts map their glyphs): the Kangxi radicals and compatibility
# ideographs by NFKC, the simplified radicals of CJK Radicals Supplement that stand for a character by their
# Unicode names (C-SIMPLIFIED LONG: 长). One character for one, so that offsets hold.
LOOKALIKES = {c: unicodedata.normalize("NFKC", chr(c)) for c in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]
              if len(unicodedata.normalize("NFKC", chr(c))) == 1 and unicodedata.normalize("NFKC", chr(c)) != chr(c)}
LOOKALIKES.update(zip(map(ord, "⺟⺠⻄⻅⻆⻉⻋⻓⻔⻙⻚⻛⻜⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳"), "母民西见角贝车长门韦页风飞马鱼鸟卤麦黄黾齐齿龙龟"))


@dataclass(frozen=True)
class RepairedText:
    """A repaired view of ``original``: ``text`` plus ``index[i]``, the original offset of ``text[i]``; ``reading``
    is ``original`` as the view reads it, character for character (in simplified characters for a text written in
    traditional ones), so that a rule matching words on the original's offsets matches 记者 in 記者 too."""

    original: str
    text: str
    index: tuple[int, ...]
    reading: str = ""

    def __post_init__(self) -> None:
        if not self.reading:
            object.__setattr__(self, "reading", self.original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span [start, end) back to the original; the result covers any removed gaps inside.

        >>> r = repair("台 州市")
        >>> r.text, r.to_original(0, 3)
        ('台州市', (0, 4))
        """
        return self.index[start], self.index[end - 1] + 1

    def after_short_lines(self, start: int, end: int) -> int:
        """Where the view span [start, end) starts once cut after the last line of the original inside it that is
        a headline, a caption or a paragraph's end (a line under half the median line length,
        :func:`_after_short_lines`), whose break the view joined: "图片\\n杜桥眼镜综合城" -> 杜桥眼镜综合城.

        >>> r = repair("开业\\n图片\\n杜桥眼镜综合城坐落于杜桥镇环城北路西段\\n南侧，分成国际眼镜商城、城市精品馆\\n"
        ...            "和眼镜配件市场等多个区块，总投资\\n约十亿元。")
        >>> r.text[:11], r.text[r.after_short_lines(0, 11):11]
        ('开业图片杜桥眼镜综合城', '杜桥眼镜综合城')
        """
        starts = [k for k in range(start + 1, end) if self.index[k] in self._after_short_lines]
        return starts[-1] if starts else start

    @cached_property
    def _after_short_lines(self) -> set[int]:
        return _after_short_lines(self.original)

    @cached_property
    def _view_offsets(self) -> dict[int, int]:
        return {k: i for i, k in enumerate(self.index)}

    def to_view(self, start: int, end: int) -> tuple[int, int] | None:
        """Map the original span [start, end) into the view; None when an end is a removed character.

        >>> repair("台 州市").to_view(0, 4)
        (0, 3)
        """
        offsets = self._view_offsets
        if start not in offsets or end - 1 not in offsets:
            return None
        return offsets[start], offsets[end - 1] + 1


def repair(text: str) -> RepairedText:
    """Remove whitespace (at most one line break) next to Chinese characters; collapse other whitespace runs to
    one character. A blank line, or a line break after a sentence end, stays one line break. The spaces of a
    line that lists names become "、" in the view. A text written in traditional characters is read in simplified
    ones (:func:`to_simplified`), and a radical that stands for a character (⼤, from a PDF's font) as it.

    >>> repair("进 出口\\n贸易  2021 年\\n\\n台州").text
    '进出口贸易2021年\\n台州'
    >>> repair("标题\\n\\n徐子渊 滕洋\\n\\n孩子放学").text
    '标题\\n徐子渊、滕洋\\n孩子放学'
    """
    read = text.translate(LOOKALIKES)  # ⼤ read as 大: one character for one
    name_gaps = {g.start() for line in _NAME_LIST.finditer(read) for g in _LIST_GAP.finditer(read, *line.span())}
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACES.finditer(read):
        for k in range(pos, m.start()):
            out.append(read[k])
            index.append(k)
        gap = m.group(0)
        before = read[m.start() - 1] if m.start() > 0 else ""
        after = read[m.end()] if m.end() < len(read) else ""
        if m.start() in name_gaps:
            keep = "、"
        elif gap.count("\n") >= 2 or ("\n" in gap and before in _SENTENCE_END):
            keep = "\n"
        elif (before and _is_cjk(before)) or (after and _is_cjk(after)) or not before or not after:
            keep = ""
        else:
            keep = "\n" if "\n" in gap else " "
        if keep:
            out.append(keep)
            index.append(m.start() + max(gap.find(keep), 0))  # "、" maps to the gap's first char
        pos = m.end()
    for k in range(pos, len(read)):
        out.append(read[k])
        index.append(k)
    view = "".join(out)
    if is_traditional(view):
        return RepairedText(text, to_simplified(view), tuple(index), to_simplified(read))
    return RepairedText(text, view, tuple(index), read if read != text else "")


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters that only traditional writing uses: those OpenCC's table turns into another character and
    not also into themselves (臺, 業; not 於 or 乾, which simplified names keep)."""
    table = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if "\t" in line)
    return frozenset(char for char, targets in rows if len(char) == 1 and char not in targets.split())


def is_traditional(text: str, share: float = 0.1) -> bool:
    """Whether ``text`` is written in traditional characters: at least ``share`` of its Han characters, and at
    least two, are traditional-only. Simplified news stays far under the share (a rare 寀 or 澐 in a name);
    traditional copies of it are over 0.2.

    >>> is_traditional("臺州市椒江區"), is_traditional("台州市椒江区"), is_traditional("臺")
    (True, False, False)
    """
    traditional = _traditional_chars()
    old = sum(char in traditional for char in text)
    return old >= 2 and old >= share * len(_HAN.findall(text))


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC's t2s: phrases first, then characters) and simplified quotes
    (「」 -> “”), one character for one, so that offsets into the result are offsets into ``text``.

    >>> to_simplified("「臺州灣新材料產業園」")
    '“台州湾新材料产业园”'
    """
    simplified = _converter().convert(text)
    if len(simplified) != len(text):  # a phrase rule that changes length: convert character by character
        simplified = "".join(char if len(c := _converter().convert(char)) != 1 else c for char in text)
    return simplified.translate(_QUOTES)


def _after_short_lines(text: str) -> set[int]:
    """Where the lines after a line under half the text's median line length start (their first character that
    is not a space): the line before is a headline, a caption or a paragraph's last line, not a column's line
    broken inside a word (those run the column's full width). A text of fewer than four lines has no typical line
    length, and none."""
    lines = [(m.start() + len(m.group()) - len(m.group().lstrip()), len(m.group().strip()))
             for m in re.finditer(r"[^\n]+", text)]
    lengths = sorted(n for _, n in lines if n)
    if len(lengths) < 4:
        return set()
    median = lengths[len(lengths) // 2]
    return {start for (_, before), (start, n) in zip(lines, lines[1:]) if 0 < before < median / 2 and n}


def _is_cjk(char: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", char))
