"""Repair OCR noise for recognition without losing positions.

Newspaper OCR puts spaces inside words ("进 出口", "台 州") and breaks lines inside sentences. Recognisers are
trained on clean text, so they read a repaired *view* of the text; :class:`RepairedText` keeps, for every
character of the view, its offset in the original, so that spans found in the view map back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

__all__ = ["RepairedText", "repair"]

# Han characters and full-width punctuation: a space or single line break between two of these is OCR noise.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014-\u201f\u2026"
_SPACES = re.compile(r"\s+")
# A line break after these ends a sentence, so it is kept.
_SENTENCE_END = set("。！？；!?;")
# A line of two- and three-character Han groups and nothing else is a list of names (the reporters under a
# headline: "徐子渊 滕洋"); its spaces separate names.
_NAME_LIST = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{2,3}(?:[ \t\u3000]+[\u4e00-\u9fff]{2,3})+[ \t\u3000]*$", re.M)
_LIST_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class RepairedText:
    """A repaired view of ``original``: ``text`` plus ``index[i]``, the original offset of ``text[i]``."""

    original: str
    text: str
    index: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span [start, end) back to the original; the result covers any removed gaps inside.

        >>> r = repair("台 州市")
        >>> r.text, r.to_original(0, 3)
        ('台州市', (0, 4))
        """
        return self.index[start], self.index[end - 1] + 1

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
    line that lists names become "、" in the view.

    >>> repair("进 出口\\n贸易  2021 年\\n\\n台州").text
    '进出口贸易2021年\\n台州'
    >>> repair("标题\\n\\n徐子渊 滕洋\\n\\n孩子放学").text
    '标题\\n徐子渊、滕洋\\n孩子放学'
    """
    name_gaps = {g.start() for line in _NAME_LIST.finditer(text) for g in _LIST_GAP.finditer(text, *line.span())}
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACES.finditer(text):
        for k in range(pos, m.start()):
            out.append(text[k])
            index.append(k)
        gap = m.group(0)
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
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
    for k in range(pos, len(text)):
        out.append(text[k])
        index.append(k)
    return RepairedText(text, "".join(out), tuple(index))


def _is_cjk(char: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", char))
