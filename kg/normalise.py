"""From mentions to entities: one real entity, one node.

Each mention's surface is cleaned (OCR spaces removed, full-width folded, quotes unified, titles around person
names stripped, a congress's term left out: 市十七届人大 -> 市人大); then mentions are grouped into entities by
these rules, each recorded as the alias's ``rule``:

- ``same``: the same cleaned name and type;
- ``ocr-variant``: within one article, a name one character away from another of the same type that cuts into
  dictionary words better (文赚讲出口 -> 文赚进出口);
- ``short-form``: within one article, an ORG written short (市工商联, 中杭水泵) that the article also writes in
  full (台州市工商联, 浙江中杭水泵股份有限公司): a name that is the end of a longer name of the same type led by a
  place, or a firm's name without its place and legal form; a PROJECT that is the end of the article's one
  longer project, or the one it names most (开发区 -> 奉化经济开发区, 和合小镇 -> 天台山和合小镇);
- ``bracket-alias``: an organisation's other name, in brackets right after its own (总商会 in
  台州市工商联(总商会); marked by :func:`mark_bracketed_names`);
- ``abbreviation``: within one article (else on its page), a name whose characters the one longer name of the
  same type keeps in order, taking a character from each of its words (经开区 -> 苍南经济开发区; not 台州市委 ->
  台州市最美妇联执委); a zone the NER took for a place (经开区 as LOC) joins the project it abbreviates; across
  the corpus, an organisation of two or three characters, one from each word of the one organisation it
  shortens (浙大 -> 浙江大学, 浙报 -> 浙江日报);
- ``home-place``: within one article, 市委/区政府-style names with no full form, resolved to the 市/区/县/省 the
  article spells out most (at least twice): 市委 -> 台州市委; else to its page's (bare names counted for the
  division the gazetteer gives them: 台州 -> 台州市; named once will do when the page names no other place of
  that level); a 省 to the corpus's province (浙江 -> 浙江省); a town's, village's or community's body written by
  its unit (镇党委, 村党支部, 乡政府, 镇委) to the one such place the article names, or the one it names most, at
  least twice, a place named inside a body of that unit counting too (村党委 -> 由桥村党委, 镇委 -> 龙港镇委; not a
  city whose name ends in 镇: 景德镇);
- ``admin-suffix``: across the corpus, places that differ only by an administrative suffix or 地区 (台州/台州市,
  浙江/浙江省, 沿江/沿江镇, 凤鸣/凤鸣街道, 长三角/长三角地区; a village or community too, unless its name alone is a
  town or another place: 陶坑/陶坑村, 北干一苑/北干一苑社区), when both forms occur and the short one has
  only that full form, or several of which one is the division the gazetteer gives it (温岭 -> 温岭市, not
  温岭县, the county's old name, which joins 温岭市 too, not being a division of the gazetteer); not where the
  suffix ends a word that names another kind of place (大麦屿港区, a port's area, is no 大麦屿港 district);
- ``separator``: across the corpus, a name written with and without a dash or dot between its parts
  (浙江在线-台州频道, 浙江在线台州频道);
- ``project-suffix``: across the corpus, a project written with and without a closing 项目, when both forms
  occur (鉴洋湖城市湿地公园首启区项目, 鉴洋湖城市湿地公园首启区);
- ``people-s``: across the corpus, a government, court or procuratorate written with and without 人民, when
  both forms occur (浙江省人民政府, 浙江省政府; 市政府 resolved to 浙江省政府 counts);
- ``party-prefix``: a party committee or its department written with and without 中共 before its place or level
  (中共张家港市委, 张家港市委; 中共市委, resolved to its home place as 市委 is);
- ``majority-type``: a name tagged with several types gets the type most of its mentions have;
- ``user``: the user's own table of aliases (``kg build --aliases FILE``: :func:`read_aliases`,
  :func:`apply_aliases`) has the last word: 杭城 -> LOC:杭州市, 艾莉贝 -> PER:艾莉贝, or no entity at all.

A place or organisation named by a common word of jieba's dictionary (工作站, 行业协会, 地球) that no rule resolved
makes no entity, as a mention with nothing name-like left (张) makes none: it names no one real entity. Nor does a
country named inside one of the set phrases of political news that use it for a style (中国特色社会主义,
中国式现代化, 马克思主义中国化; marked by :func:`mark_set_phrases`): the NER tags it, as the news corpora do, but
as a node it would join 中国 to every name of every report that quotes the phrase.

The canonical name of an entity is its most frequent cleaned surface (the longer on a tie), but a place is
named by the division the gazetteer gives another of its names (台州 -> 台州市); its id carries the type:
``PER:潘军明``, ``LOC:台州市``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Sequence

import jieba
import jieba.posseg

from .bodies import BODIES, declared_short_name, firm_short_name, is_body
from .errors import InputError
from .gazetteer import former_division, full_name, is_place_name, is_town_stem, prefecture_of, province_of
from .read import read_text
from .recognise import LABELS
from .tagger import is_common_word

__all__ = ["Mention", "Entity", "clean_name", "role_in_name", "roles_before", "mark_bracketed_names",
           "mark_set_phrases", "resolve", "read_aliases", "apply_aliases"]

_QUOTE_FOLD = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”", "‘": "“", "’": "”"})
_ASCII_QUOTES = re.compile(r'"([^"]*)"')
# Titles and forms of address around a person's name: "区委书记潘军明", "潘军明同志", "黄策先生".
_PER_PREFIX = re.compile(
    r"^(?:(?:省|市|区|县|镇|乡|村|党|团|委|局|厅|部|院|校|会|办|司|中心|公司|集团)*"
    r"(?:总书记|副?书记|副?主席|副?主任|副?省长|副?市长|副?区长|副?县长|副?镇长|副?局长|副?部长|副?院长|副?校长|"
    r"董事长|总经理|副?经理|委员|常委|记者|通讯员|代表|同志|老师|教授|医生|师傅))+"
)
_PER_SUFFIX = re.compile(
    r"(?:同志|先生|女士|老师|教授|师傅|书记|主席|主任|省长|市长|区长|县长|镇长|局长|部长|院长|校长|董事长|总经理|经理|大爷|大妈|阿姨)+$"
)
# What a person's role (position, post) ends with, written right before the name (区委书记潘军明, 公司负责人黄策,
# 记者王媛媛).
_ROLE_END = re.compile(
    r"(?:书记|主席|主任|省长|市长|区长|县长|镇长|乡长|村长|局长|厅长|处长|科长|部长|院长|校长|所长|站长|队长|馆长|厂长|行长|"
    r"社长|会长|理事长|秘书长|董事长|总经理|经理|总裁|总监|负责人|主办|委员|常委|代表|政委|组长|网格员|干事|法官|检察官|"
    r"民警|警官|医生|护士|教师|老师|教授|研究员|工程师|院士|专家|记者|通讯员|编辑|创始人|董事|律师|村民|居民|市民)$")
_ROLE_STOP = frozenset("，,、。；;：:！？!?“”\"'()（）《》【】[]|\n")  # what ends the words before a name
_ROLE_VERBS = frozenset("有是为请让叫见听看任当")  # a one-character verb before a role: 有区长, 是村支书
_ROLE_CUT = ("p", "u", "r", "t", "x")  # jieba's tags after which a role starts (据, 的, 该, 今年; not 本 of 本网记者)
# A congress's term (市十七届人大, 省第十四届人大常委会): one body across its terms, so one node.
_TERM = re.compile(r"第?[一二三四五六七八九十]+届(?=(?:全国)?(?:人大|人民代表大会|政协))")
ADMIN_SUFFIXES = ("省", "市", "县", "区")
TOWN_SUFFIXES = ("镇", "乡", "街道")
ZONE_HEADS = ("开发区", "经开区", "高新区", "新区", "园区", "工业区", "保税区", "综保区")
_PLACE_PREFIX = re.compile(r"^(省|市|区|县|镇|乡|街道)")


@dataclass
class Mention:
    """One recognised span in one article; ``entity`` is filled in by :func:`resolve`."""

    article_id: str
    start: int
    end: int
    label: str
    text: str
    entity: str = ""
    renames: int | None = None  # the start of the name this one is another name of (:func:`mark_bracketed_names`)
    in_set_phrase: bool = False  # a place named for a style in a set phrase (:func:`mark_set_phrases`): no entity

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text, "entity": self.entity}


@dataclass
class Entity:
    """A node of the graph: a canonical name, a type, and every surface it was found as."""

    id: str
    name: str
    type: str
    aliases: Counter = field(default_factory=Counter)  # cleaned surface -> mentions
    rules: dict = field(default_factory=dict)  # cleaned surface -> rule that merged it
    types: Counter = field(default_factory=Counter)  # type -> mentions, before the majority vote
    articles: list = field(default_factory=list)  # article ids, in reading order, de-duplicated

    @property
    def mentions(self) -> int:
        return sum(self.aliases.values())


def role_in_name(surface: str) -> str:
    """The title a person's mention starts with, which :func:`clean_name` strips ("" when none).

    >>> role_in_name("区委书记潘军明"), role_in_name("潘军明")
    ('区委书记', '')
    """
    name = "".join(surface.split())
    title = _PER_PREFIX.match(name)
    return title.group() if title and _ROLE_END.search(title.group()) and len(name) - title.end() >= 2 else ""


def roles_before(text: str, start: int, after: int = 0) -> list[tuple[int, int]]:
    """Where ``text`` gives the roles (posts, positions) of the person whose name starts at ``start``: (start, end)
    of each, written right before the name and ending in a title (书记, 局长, 负责人, 记者 …): the words back to the
    clause's start (or to ``after``, where the person named before ends: 记者 章建辉 通讯员 叶艳景), less a
    preposition, particle, pronoun or time word and what comes before it, and the adverbs, conjunctions and verbs
    they start with (又, 和, 有, 陪同; not 戴 of 戴家村); roles joined by 、 are each one. [] when the words before
    the name end in no title. A role may hold an OCR space (台州海关统计分析科 二级主办).

    >>> def roles(text, name, after=0):
    ...     return ["".join(text[s:e].split()) for s, e in roles_before(text, text.index(name), after)]
    >>> text = "据玉环市发改局副局长王敏介绍，陪同省委书记张三。市委副书记、市长李跃旗，今年56岁的村民陈大，本报讯(记者 王媛媛)"
    >>> [roles(text, name) for name in ("王敏", "张三", "李跃旗", "陈大", "王媛媛")]
    [['玉环市发改局副局长'], ['省委书记'], ['市委副书记', '市长'], ['村民'], ['记者']]
    >>> roles("台州海关统计分析科 二级主办蔡蓉隽表示", "蔡蓉隽"), roles("他和王敏", "王敏")
    (['台州海关统计分析科二级主办'], [])
    >>> roles("记者 章建辉 通讯员 叶艳景", "叶艳景", after=6), roles("戴家村党委书记宋志红", "宋志红")
    (['通讯员'], ['戴家村党委书记'])
    >>> roles("(本网记者 肖晓敏)", "肖晓敏"), roles("多凤小学校长苏耀棠", "苏耀棠")
    (['本网记者'], ['多凤小学校长'])
    """
    found: list[tuple[int, int]] = []
    end = start
    while end > after and text[end - 1] in " \t\u3000":  # an OCR space before the name
        end -= 1
    while True:
        begin = end
        while begin > after and end - begin < 30 and text[begin - 1] not in _ROLE_STOP:
            begin -= 1
        run = "".join(text[begin:end].split())
        words = list(jieba.posseg.cut(run)) if run else []
        cut = max((i + 1 for i, w in enumerate(words) if w.flag.startswith(_ROLE_CUT) and w.word != "本"), default=0)
        words = words[cut:]
        while words and (words[0].flag.startswith(("d", "c")) or words[0].flag.startswith("v") and (
                len(words[0].word) >= 2 or words[0].word in _ROLE_VERBS)):
            words.pop(0)  # 陪同省委书记, 有区长, 又相继撰写…: what the clause says, not the role (戴家村: a name)
        role = "".join(w.word for w in words)
        if not 2 <= len(role) <= 20 or not _ROLE_END.search(role):
            return found
        role_start, left = end, len(role)
        while left:  # back over the role's characters, and the spaces among them
            role_start -= 1
            left -= not text[role_start].isspace()
        found.insert(0, (role_start, end))
        if cut or len(role) < len(run) or begin <= after or text[begin - 1] != "、":
            return found
        end = begin - 1  # 市委副书记、市长李跃旗: the role before the 、 too


def mark_bracketed_names(text: str, mentions: Sequence[Mention]) -> None:
    """Mark each organisation named in brackets right after another (台州市工商联(总商会)) as that one's other name
    (``renames``: the other's start), so that :func:`resolve` makes them one entity; and so each short name the
    text declares for the name before it (桂林蓝宇航空轮胎发展有限公司(下称“桂林蓝宇”)), of either's type.
    Either is marked wherever the article writes it. ``text`` is the article's.

    >>> text = "台州市工商联(总商会)召开，桂林蓝宇航空轮胎发展有限公司(下称“桂林蓝宇”)研发。总商会走进桂林蓝宇"
    >>> ms = [Mention("a", 0, 6, "ORG", "台州市工商联"), Mention("a", 7, 10, "ORG", "总商会"),
    ...       Mention("a", 14, 28, "ORG", "桂林蓝宇航空轮胎发展有限公司"), Mention("a", 32, 36, "ORG", "桂林蓝宇"),
    ...       Mention("a", 40, 43, "ORG", "总商会"), Mention("a", 45, 49, "ORG", "桂林蓝宇")]
    >>> mark_bracketed_names(text, ms)
    >>> [m.renames for m in ms]
    [None, 0, None, 14, 0, 14]
    """
    ending = {m.end: m for m in mentions}
    for m in mentions:
        before = ending.get(m.start - 1)
        if not (m.label == "ORG" and before is not None and before.label == "ORG"
                and text[m.start - 1:m.start] in ("(", "（") and text[m.end:m.end + 1] in (")", "）")):
            declared = declared_short_name(text, m.start, m.end)
            before = ending.get(declared) if declared is not None else None
            if before is None or before.label != m.label:
                continue
        for same in mentions:
            if same.label == m.label and same.text == m.text and same.renames is None:
                same.renames = before.start


# What follows a country in the set phrases of political news that use its name for a style; 化 only after
# 马克思主义 (马克思主义中国化), as a place before 化 is more often a firm's (浙江化工).
_STYLE_AFTER = re.compile(r"\s*(?:特\s*色\s*社\s*会\s*主\s*义|式\s*现\s*代\s*化)")


def mark_set_phrases(text: str, mentions: Sequence[Mention]) -> None:
    """Mark each place named for a style in a set phrase of political news (中国特色社会主义, 中国式现代化,
    马克思主义中国化) as naming no entity (``in_set_phrase``). ``text`` is the article's.

    >>> text = "坚持中国特色社会主义，推进中国式现代化和马克思主义中国化，在中国建厂，浙江化工"
    >>> ms = [Mention("a", s, s + 2, "LOC", text[s:s + 2]) for s in (2, 13, 25, 30, 35)]
    >>> mark_set_phrases(text, ms)
    >>> [m.in_set_phrase for m in ms]
    [True, True, True, False, False]
    """
    for m in mentions:
        if m.label != "LOC":
            continue
        before = "".join(text[max(0, m.start - 8):m.start].split())  # OCR spaces left out
        if _STYLE_AFTER.match(text, m.end) or (text.startswith("化", m.end) and before.endswith("马克思主义")):
            m.in_set_phrase = True


def clean_name(text: str | None, label: str) -> str | None:
    """The cleaned form of a surface, or None when nothing name-like is left.

    >>> clean_name("台 州市", "LOC"), clean_name("区委书记潘军明", "PER"), clean_name("ＡＢＣ公司", "ORG")
    ('台州市', '潘军明', 'ABC公司')
    >>> clean_name("1", "LOC") is None, clean_name("张", "PER") is None
    (True, True)
    >>> clean_name("温岭市十七届人大", "ORG"), clean_name("浙江省第十四届人大常委会", "ORG")
    ('温岭市人大', '浙江省人大常委会')
    """
    if text is None:
        return None
    name = unicodedata.normalize("NFKC", "".join(text.split())).translate(_QUOTE_FOLD)
    name = _ASCII_QUOTES.sub(r"“\1”", name).replace('"', "“")  # "善治永宁" -> “善治永宁”
    name = name.strip("，,。.、；;：:!！?？·-—")
    if label == "ORG":
        name = _TERM.sub("", name)
    if label == "PER":
        stripped = _PER_SUFFIX.sub("", _PER_PREFIX.sub("", name))
        if len(stripped) >= 2:
            name = stripped
    if len(name) < 2 or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
        return None
    return name


def _is_generic(name: str, label: str) -> bool:
    """Whether a place or organisation is named by a common word (工作站, 行业协会, 地球) or is a bare body
    (党支部, 居委会, 人大: :func:`is_bare_body`) rather than a name: each article's 工作站 is another one, and one
    node for them all would join unrelated articles. Places of the gazetteer (三门) and bodies named by their
    level (市委, which the home place resolves) are names.

    >>> [_is_generic(n, lab) for n, lab in [("工作站", "ORG"), ("三门", "LOC"), ("区委", "ORG"), ("台州", "LOC")]]
    [True, False, False, False]
    """
    if label == "ORG" and is_bare_body(name):
        return True
    return label in ("ORG", "LOC") and is_common_word(name) and not is_place_name(name) and not is_body(name)


# Bodies that every place, village, community or firm has; with no name before them they say which kind of body,
# not which one.
_GENERIC_BODIES = frozenset(BODIES) | {"居委会", "村委会", "居委", "村委", "党委", "党工委", "党总支", "党支部",
                                       "支部", "总支", "业委会", "工会", "总工会", "工作站", "联络站"}
_GENERIC_UNITS = ("社区", "村", "小区", "企业", "机关", "基层", "单位", "人大代表", "代表")


def is_bare_body(name: str) -> bool:
    """Whether ``name`` is a body with nothing to tell which one it is: no place, no level, no named unit before it
    (居委会, 党支部, 人大; also 社区党总支, 村党支部, whose 社区/村 names no community or village, and
    人大代表工作站, which every town has).

    >>> [is_bare_body(n) for n in ("党支部", "社区党总支", "人大", "区人大", "湖畔社区党总支", "新昌县总工会")]
    [True, True, True, False, False, False]
    >>> is_bare_body("人大代表工作站"), is_bare_body("新前街道人大代表联络站")
    (True, False)
    """
    while name not in _GENERIC_BODIES:
        unit = next((u for u in _GENERIC_UNITS if name.startswith(u) and len(name) > len(u)), None)
        if unit is None:
            return False
        name = name[len(unit):]
    return True


def _pick(aliases: Counter) -> str:
    """The canonical name: the most frequent surface, the longer one on a tie, then the first in sort order."""
    return sorted(aliases, key=lambda a: (-aliases[a], -len(a), a))[0]


def _division_named(aliases: Counter) -> str | None:
    """The alias that is the division the gazetteer gives another alias (台州 -> 台州市, 玉环县 -> 玉环市): a place's
    name, however often its short form or former name is written; of the most used such alias where there are
    several."""
    for alias in sorted(aliases, key=lambda a: -aliases[a]):
        division = full_name(alias) or former_division(alias)
        if division is not None and division in aliases:
            return division
    return None


def _in_order(short: str, full: str) -> bool:
    """True when ``full`` is longer than ``short`` and keeps all its characters in order."""
    rest = iter(full)
    return len(full) > len(short) and all(c in rest for c in short)


def _names_part(short: str, full: str) -> bool:
    """True when a project ``short`` is the quoted name of ``full`` (善治永宁 of “善治永宁”元治理平台) or its end
    from a head on (商城二期项目 of 中国日用品商城二期项目).

    >>> _names_part("善治永宁", "“善治永宁”元治理平台"), _names_part("商城二期项目", "中国日用品商城二期项目")
    (True, True)
    >>> _names_part("二期项目", "中国日用品商城二期项目")
    False
    """
    return f"“{short}”" in full or (len(short) >= 5 and full.endswith(short))


def _is_abbreviation(short: str, full: str) -> bool:
    """True when ``short`` keeps ``full``'s characters in order, with the same first and last character, and a
    character of each of its words of two characters or more, as Chinese abbreviations do (经开区 in 经济开发区,
    苍南经开区 in 苍南经济开发区); 台州市委 skips two words of 台州市最美妇联执委 and is a name of its own.

    >>> _is_abbreviation("经开区", "经济开发区"), _is_abbreviation("开发区", "经济开发区")
    (True, False)
    >>> _is_abbreviation("台州市委", "台州市最美妇联执委")
    False
    """
    return (len(short) >= 3 and short[0] == full[0] and short[-1] == full[-1] and _in_order(short, full)
            and _keeps_every_word(short, full))


def _shortens(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` written short word by word, one character of each of its words in order, the
    first its first (浙大 of 浙江大学, 台报 of 台州日报, 瑞中 of 瑞安中学); words as jieba's search mode cuts them
    finest. A first word kept whole is no such short form: 新荣记 is a restaurant, 新荣记学院 its school.

    >>> _shortens("浙大", "浙江大学"), _shortens("台报", "台州日报"), _shortens("瑞中", "瑞安中学")
    (True, True, True)
    >>> _shortens("浙大", "浙江大学医学院"), _shortens("江大", "浙江大学"), _shortens("清华", "清华大学")
    (False, False, False)
    """
    if short[0] != full[0] or not _in_order(short, full):
        return False
    words = _finest_words(full)
    starts = list(accumulate(map(len, words), initial=0))
    at, used = 0, []
    for c in short:  # first fit, as _in_order found it
        at = full.index(c, at)
        used.append(bisect_right(starts, at) - 1)  # the word that holds it
        at += 1
    return used == list(range(len(words)))


@lru_cache(maxsize=100_000)
def _finest_words(text: str) -> tuple[str, ...]:
    """``text`` cut into jieba's words, a word of four characters or more cut again into the shorter words of
    jieba's search mode where they cover it end to end (浙江大学 -> 浙江, 大学).

    >>> _finest_words("浙江大学医学院")
    ('浙江', '大学', '医学院')
    """
    finest: list[str] = []
    for word in jieba.lcut(text, HMM=False):
        parts, at = [], 0
        if len(word) >= 4:
            inner = sorted(((s, e) for _, s, e in jieba.tokenize(word, mode="search") if e - s < len(word)),
                           key=lambda span: (span[0], -span[1]))
            for s, e in inner:
                if s == at:
                    parts.append(word[s:e])
                    at = e
        finest += parts if parts and at == len(word) else [word]
    return tuple(finest)


def _keeps_every_word(short: str, full: str, tail: tuple[str, ...] = ()) -> bool:
    """Whether ``short``, fitted into ``full`` character by character (first fit), keeps a character of each of
    ``full``'s dictionary words of two characters or more; words of ``tail`` that end ``full`` may go.

    >>> _keeps_every_word("甬台温高速改扩建", "甬台温高速公路改扩建工程", tail=("工程",))
    True
    >>> _keeps_every_word("路院一级公路", "路院一级公路南山互通绿化项目", tail=("项目",))
    False
    """
    kept, at = set(), 0
    for c in short:
        at = full.index(c, at)
        kept.add(at)
        at += 1
    words = jieba.lcut(full, HMM=False)
    while words and words[-1] in tail:
        words.pop()
    at = 0
    for word in words:
        if len(word) >= 2 and not kept & set(range(at, at + len(word))):
            return False
        at += len(word)
    return True


def _homes(ids: Iterable[int], labels: list[str], keys: list[str], gazetteer: bool = True,
           province: str | None = None) -> dict[str, str]:
    """The home place of each administrative level among these mentions: {"市": "台州市"} when 台州市 (bare 台州
    counted in) is the 市 they name most, at least twice and strictly more than any other. A bare name is
    counted for the full form that the mentions use (台州市, also as the start of 台州市工商联), or else, with
    ``gazetteer`` (a page's homes), for the one division the gazetteer gives it (浙江 -> 浙江省); a page's home
    may then be named once, when it names no other place of that level (富阳 once: 区委 is 富阳区委), and a page
    that names a district or county but no city has the prefecture-level city the district belongs to (柯桥区
    -> 绍兴市), if it spells the district out or the district lies in the corpus's ``province``."""
    counts = Counter((labels[i], keys[i]) for i in ids)
    spelled = set()  # full places the mentions spell out: 台州市, or 台州市 in 台州市工商联
    for lab, key in counts:
        place = key if lab == "LOC" else next((key[:n] for n in (3, 4) if key[n - 1:n] in ADMIN_SUFFIXES), "")
        if place.endswith(ADMIN_SUFFIXES) and len(place) >= 3:
            spelled.add(place)
    levels: dict[str, Counter] = defaultdict(Counter)
    for (lab, key), n in counts.items():
        if lab != "LOC":
            continue
        home = key if key in spelled else next((key + s for s in ADMIN_SUFFIXES if key + s in spelled), None)
        if home is None and gazetteer:
            home = full_name(key)
        if home and home.endswith(ADMIN_SUFFIXES):
            levels[home[-1]][home] += n
    homes = {}
    for level, places in levels.items():
        (home, n), *rest = places.most_common(2)
        if (n >= 2 or gazetteer and not rest) and (not rest or rest[0][1] < n):
            homes[level] = home
    county = homes.get("区") or homes.get("县")
    parents = prefecture_of(county) if gazetteer and county and "市" not in homes else None
    if parents and parents[0].endswith("市") and (county in spelled or parents[1] == province):
        homes["市"] = parents[0]  # a page about 柯桥区 alone: its 市委 is 绍兴市委 (but 江口 is no 江口县 of 铜仁市)
    return homes


def _other_province(ids: Iterable[int], labels: list[str], keys: list[str], corpus: str | None) -> str | None:
    """The province a page's places lie in, where that is not the corpus's ``corpus``: the one its place mentions
    (provinces, cities and counties, by the gazetteer) belong to, where they name two places of it or more, three
    times or more, and no place of the corpus's province (a page of another province's paper in the folder, not
    a report on another province: 河南 named twice in a 台州 paper); None otherwise, and for a city that is a
    province of its own (北京市: a 省委 there is still the corpus's) or a region (广西壮族自治区), which have no 省.

    >>> keys = ["景德镇", "景德镇", "浮梁县", "江西", "沿江镇"]
    >>> _other_province(range(5), ["LOC"] * 5, keys, "浙江省"), _other_province(range(5), ["LOC"] * 5, keys, None)
    ('江西省', None)
    >>> _other_province(range(2), ["LOC"] * 2, ["河南", "河南"], "浙江省")  # one place twice: not enough
    >>> _other_province(range(4), ["LOC"] * 4, ["河南", "郑州", "开封", "台州"], "浙江省")  # a place of the corpus's
    >>> _other_province(range(3), ["LOC"] * 3, ["北京", "北京", "海淀区"], "浙江省")  # a city of its own: no 省
    """
    if corpus is None:
        return None
    places = Counter((p, keys[i]) for i in ids if labels[i] == "LOC" and (p := province_of(keys[i])))
    mentions = Counter(p for p, _ in places.elements())
    if not mentions or corpus in mentions:
        return None
    province, n = mentions.most_common(1)[0]
    if not province.endswith("省") or n < 3 or sum(1 for p, _ in places if p == province) < 2:
        return None
    return province


_NOT_OCR = set("0123456789一二三四五六七八九十百千东西南北上下前后中新老大小")


def _ocr_variant(label: str, name: str, names: set, counts: Counter) -> str | None:
    """The name of the same type in the article that ``name`` is an OCR misreading of: as long (six characters or
    more), one character different, and better cut into dictionary words (台州市文赚讲出口有限公司 ->
    台州市文赚进出口有限公司: 进出口 is a word); None when there is none. Numbers, directions and 新/老 tell
    real names apart (第一中学/第二中学), so a difference there is not a misreading.

    >>> names = {("ORG", "台州市文赚讲出口有限公司"), ("ORG", "台州市文赚进出口有限公司"), ("ORG", "台州市第一中学"),
    ...          ("ORG", "台州市第二中学")}
    >>> counts = Counter(dict.fromkeys(names, 1))
    >>> [_ocr_variant("ORG", n, names, counts) for n in ("台州市文赚讲出口有限公司", "台州市文赚进出口有限公司", "台州市第一中学")]
    ['台州市文赚进出口有限公司', None, None]
    """
    if len(name) < 6:
        return None
    for lab, other in names:
        if lab != label or len(other) != len(name) or other == name:
            continue
        diff = [k for k, (a, b) in enumerate(zip(name, other)) if a != b]
        if len(diff) != 1 or name[diff[0]] in _NOT_OCR or other[diff[0]] in _NOT_OCR:
            continue
        words, other_words = len(jieba.lcut(name, HMM=False)), len(jieba.lcut(other, HMM=False))
        if (other_words, -counts[(label, other)]) < (words, -counts[(label, name)]):
            return other
    return None


def _is_place(prefix: str) -> bool:
    """Whether the part a full name adds before its short form is a place: 台州市 (工商联), 浙江 (中杭水泵股份有限公司)."""
    return prefix.endswith(ADMIN_SUFFIXES) or is_place_name(prefix)


def _abbreviates(short: str, full: str) -> bool:
    """True when ``short`` abbreviates the end of ``full`` (经开区 -> 苍南经济开发区) without being its tail."""
    return not full.endswith(short) and any(_is_abbreviation(short, full[k:]) for k, c in enumerate(full)
                                            if c == short[0])


def _resolve_in_article(ids: list[int], labels: list[str], keys: list[str], why: list[str],
                        page_homes: dict[str, str] | None = None) -> None:
    """Rewrite ``keys`` of one article's mentions: short forms to the full form of the same type used in the
    article (市工商联 -> 台州市工商联), abbreviations to the one name they abbreviate (经开区 -> 苍南经济开发区,
    when the article writes it as 经济开发区 after a place), and 市委/区政府-style names to the article's home
    place (市委 -> 台州市委 when 台州 is the 市 the article names most, at least twice; the Youth League's 团县委
    -> 共青团新昌县委), or, when the article has none of that level, to the home place of its page
    (``page_homes``)."""
    counts = Counter((labels[i], keys[i]) for i in ids)
    names = set(counts)
    # An article overrides its page's home place only with a place it spells out in full: a report on another
    # place (河南郑州 named twice in a 台州 paper) still means the paper's own 市委.
    homes = {**(page_homes or {}), **_homes(ids, labels, keys, gazetteer=False)}
    original = {i: keys[i] for i in ids}
    for i in ids:
        variant = _ocr_variant(labels[i], keys[i], names, counts)
        if variant:
            keys[i], why[i] = variant, "ocr-variant"
    counts = Counter((labels[i], keys[i]) for i in ids)
    names = set(counts)
    for i in ids:
        label, short = labels[i], keys[i]
        if label not in ("ORG", "PROJECT") or len(short) < 2:
            continue
        same = [full for lab, full in names if lab == label and len(full) > len(short)]
        longer = [full for full in same if (full.endswith(short) and len(short) >= 3
                  and (_PLACE_PREFIX.match(short) or _is_place(full[: len(full) - len(short)])))
                  or (label == "ORG" and firm_short_name(full) == short)
                  or (label == "PROJECT" and full.endswith(short))]  # 开发区, 和合小镇: the article's one
        longer = [full for full in longer if not any(o != full and o.endswith(full) for o in longer)]  # the fullest
        abbreviated = [full for full in same if _abbreviates(short, full)]
        at_home = homes[short[0]] + short[1:] if short[0] in homes else None
        if longer:
            full = _most_used(longer, label, counts)
            if full:
                keys[i], why[i] = full, "short-form"
            elif at_home in longer:  # 台州市工商联 and 临海市工商联 equally used: 市工商联 is the home city's
                keys[i], why[i] = at_home, "home-place"
        elif abbreviated:
            full = _most_used(abbreviated, label, counts)
            if full:
                keys[i], why[i] = full, "abbreviation"
        elif label == "ORG" and short[0] in ADMIN_SUFFIXES and short[:2] not in _NOT_ADMIN and short[0] in homes:
            keys[i], why[i] = homes[short[0]] + short[1:], "home-place"
        elif label == "ORG" and short[0] == "团" and short[1:2] in homes and short[2:] == "委":  # 团县委: the Youth
            keys[i], why[i] = "共青团" + homes[short[1]] + "委", "home-place"  # League's 共青团新昌县委
        elif label == "ORG" and (local := _local_home(short, counts)):
            keys[i], why[i] = local, "home-place"
    # a form resolved to another that is resolved in turn (经开区 -> 苍南经开区 -> 苍南经济开发区) goes to the end
    target = {(labels[i], original[i]): keys[i] for i in ids}
    for i in ids:
        seen = {keys[i]}
        while (nxt := target.get((labels[i], keys[i]), keys[i])) not in seen:
            keys[i] = nxt
            seen.add(nxt)


# A town's, village's or community's own body written by its unit alone: 镇党委, 村党支部, 社区居委会, 乡政府.
_LOCAL_UNITS = ("社区", "街道", "村", "镇", "乡")
_LOCAL_BODIES = frozenset(BODIES) | _GENERIC_BODIES | {"委", "委会", "办事处", "人民政府"}


def _local_home(name: str, counts: Counter) -> str | None:
    """``name`` (镇党委) with the one town, village or community of its unit that the article names (石林镇党委),
    or the one it names most, at least twice; None when ``name`` is no such body or no place is clear. A place
    named only inside the article's own body of that unit counts too (龙港镇 of 龙港镇委: 镇委 -> 龙港镇委).

    >>> _local_home("村党委", Counter({("LOC", "由桥村"): 1, ("LOC", "大桥镇"): 2}))
    '由桥村党委'
    >>> _local_home("镇委", Counter({("ORG", "龙港镇委"): 2})), _local_home("镇人大", Counter({("ORG", "龙港镇委"): 2}))
    ('龙港镇委', '龙港镇人大')
    >>> _local_home("镇海区委", Counter({("LOC", "石林镇"): 1})), _local_home("村党委", Counter())
    (None, None)
    >>> _local_home("镇政府", Counter({("LOC", "景德镇"): 13}))  # a city (景德镇市) whose name ends in 镇: no town
    """
    unit = next((u for u in _LOCAL_UNITS if name.startswith(u) and name[len(u):] in _LOCAL_BODIES), None)
    if unit is None:
        return None
    places: Counter = Counter()
    for (label, key), n in counts.items():
        if label == "ORG":  # 龙港镇委: the town, named inside a body of its unit
            key = next((key[:at] for at in range(2 + len(unit), len(key))
                        if key.endswith(unit, 0, at) and key[at:] in _LOCAL_BODIES), "")
        elif label != "LOC":
            continue
        if key.endswith(unit) and len(key) > len(unit) + 1 and not full_name(key):
            places[key] += n
    (place, n), *rest = places.most_common(2) or [("", 0)]
    if place and (not rest or n >= 2 and rest[0][1] < n):
        return place + name[len(unit):]
    return None


def _page_of(article_id: str) -> str:
    """The page (or file) an article "FILE#N" was cut from; a file name may hold a # itself.

    >>> _page_of("2024#05.txt#3"), _page_of("a1")
    ('2024#05.txt', 'a1')
    """
    return article_id.rsplit("#", 1)[0]


# The rules that keep a surface a full form of its entity's name (the others make short forms of it).
_FULL_FORM_RULES = ("same", "admin-suffix", "separator", "majority-type", "project-suffix", "people-s",
                    "party-prefix")
# Marks written between the parts of one name, or left out (浙江在线-台州频道, 浙江在线台州频道).
_SEPARATORS = re.compile(r"[-－–—·•・‧丨|]")
# 温岭市人民政府 is 温岭市政府; 人民医院 is a hospital's own name, which the form without 人民 need not share.
_PEOPLES = re.compile(r"^(.+?)人民(政府|法院|检察院)$")
# Places named by a word that ends in an admin character, not by a place and its level: 大麦屿港区 is the port's
# area, not 大麦屿港 as a district; 飞龙湖区 is no 飞龙湖; unless the gazetteer has the name as a division (龙湾区,
# 萧山区). 市区 and 城区 are the city's own (温州市区 is 温州市).
_NOT_SUFFIXED = {"港区", "园区", "景区", "社区", "小区", "片区", "街区", "校区", "厂区", "矿区", "湾区", "山区", "林区",
                 "湖区", "库区", "营区", "海区", "古镇", "小镇", "超市"}
_LOCAL_PLACES = ("村", "社区")  # a village and a community, written by their name alone too
# Words that start with an admin character but are not "the city's …": 市场 (market), 市民 (citizens), …
_NOT_ADMIN = {"市场", "市民", "市区", "市域", "区域", "县域", "省份", "区块", "市值"}


def _most_used(candidates: list[str], label: str, counts: Counter) -> str | None:
    """The candidate the article uses most; None on a tie (two bodies could be meant)."""
    ranked = sorted(set(candidates), key=lambda c: -counts[(label, c)])
    if len(ranked) > 1 and counts[(label, ranked[0])] == counts[(label, ranked[1])]:
        return None
    return ranked[0]


def resolve(mentions: list[Mention]) -> dict[str, Entity]:
    """Group ``mentions`` into entities; sets each mention's ``entity`` id (None-named mentions get "").

    Returns the entities by id, in order of first mention.
    """
    # 1. clean each surface; drop mentions with nothing name-like left
    cleaned: list[tuple[Mention, str]] = []
    for m in mentions:
        name = clean_name(m.text, m.label)
        if name is None or m.in_set_phrase:
            m.entity = ""
            continue
        cleaned.append((m, name))
    why = ["same"] * len(cleaned)  # the rule that gave each mention its key

    # 2. within an article, short forms resolve to the full form the article uses
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, (m, _) in enumerate(cleaned):
        by_article[m.article_id].append(i)
    keys: list[str] = [name for _, name in cleaned]
    labels = [m.label for m, _ in cleaned]
    for i, label in enumerate(labels):
        rest = keys[i][2:]
        if label == "ORG" and keys[i].startswith("中共") and (_PLACE_PREFIX.match(rest) or any(
                is_place_name(rest[:n]) for n in range(2, min(len(rest), 6) + 1))):
            keys[i], why[i] = rest, "party-prefix"  # 中共张家港市委 is 张家港市委; not 中共中央
    by_page: dict[str, list[int]] = defaultdict(list)  # a page (or file): the articles "FILE#N" of one source
    for article_id, ids in by_article.items():
        by_page[_page_of(article_id)].extend(ids)
    # a local corpus keeps to one province, which a page's reports on other places do not change: 省委 -> 浙江省委;
    # but a page whose places lie in another province is another province's paper (a folder of several papers)
    corpus_province = {k: v for k, v in _homes(range(len(keys)), labels, keys).items() if k == "省"}
    page_homes = {}
    for page, ids in by_page.items():
        own = _other_province(ids, labels, keys, corpus_province.get("省"))
        province = {"省": own} if own else corpus_province
        page_homes[page] = {**_homes(ids, labels, keys, province=province.get("省")), **province}
    for article_id, ids in by_article.items():
        _resolve_in_article(ids, labels, keys, why, page_homes[_page_of(article_id)])
    # an organisation's other name in brackets (总商会 in 台州市工商联(总商会)) is that organisation
    starting = {(m.article_id, m.start): i for i, (m, _) in enumerate(cleaned)}
    for i, (m, _) in enumerate(cleaned):
        j = starting.get((m.article_id, m.renames)) if m.renames is not None else None
        if j is not None and labels[j] == labels[i]:
            keys[i], why[i] = keys[j], "bracket-alias"

    # 2b. across the corpus, a project named without its place (市域铁路S2线) joins the one project that adds it,
    # and one written short (甬台温高速改扩建) the one longer project that keeps its characters in order
    # (甬台温高速公路改扩建工程), starting as it does and keeping a character of each of its words but a closing
    # 工程/项目 (路院一级公路 is not 路院一级公路南山互通绿化项目 written short)
    projects = {k for k, (m, _) in zip(keys, cleaned) if m.label == "PROJECT"}
    for i, (m, _) in enumerate(cleaned):
        if m.label != "PROJECT" or why[i] != "same":
            continue
        if _PLACE_PREFIX.match(keys[i]):
            fuller = [p for p in projects if p.endswith(keys[i]) and p != keys[i]]
            if len(fuller) == 1:
                keys[i], why[i] = fuller[0], "short-form"
        elif len(keys[i]) >= 6:
            fuller = [p for p in projects if p[:3] == keys[i][:3] and _in_order(keys[i], p)
                      and _keeps_every_word(keys[i], p, tail=("工程", "项目"))]
            if len(fuller) == 1:
                keys[i], why[i] = fuller[0], "abbreviation"

    # 2c. on one page, an abbreviation left unresolved in its article (经开区) joins the one name of its type that
    # the page spells out and it abbreviates (苍南经济开发区); a zone the NER took for a place (经开区 as LOC)
    # joins the one project it abbreviates
    for ids in by_page.values():
        names = {(labels[i], keys[i]) for i in ids}
        for i in ids:
            zone = labels[i] == "LOC" and keys[i].endswith(ZONE_HEADS)
            if why[i] != "same" or (labels[i] not in ("ORG", "PROJECT") and not zone):
                continue
            label = "PROJECT" if zone else labels[i]
            spelled = {k for lab, k in names if lab == label and k != keys[i] and (
                _abbreviates(keys[i], k) or (label == "PROJECT" and _names_part(keys[i], k)))}
            if len(spelled) == 1:
                keys[i], labels[i], why[i] = spelled.pop(), label, "abbreviation"

    # 2d. across the corpus, an organisation written short that no rule resolved (浙大, 浙报) joins the one
    # organisation of the corpus that it shortens word by word (浙江大学, 浙江日报); not a place's level and body
    # (市委 is no short form of 市发改委)
    orgs_by_first: dict[str, set[str]] = defaultdict(set)
    for key, label in zip(keys, labels):
        if label == "ORG":
            orgs_by_first[key[0]].add(key)
    unresolved = [i for i, key in enumerate(keys) if labels[i] == "ORG" and why[i] == "same" and 2 <= len(key) <= 3
                  and not is_place_name(key) and not _PLACE_PREFIX.match(key)]
    shortened = {key: [k for k in orgs_by_first[key[0]] if _shortens(key, k)] for key in {keys[i] for i in unresolved}}
    for i in unresolved:
        if len(fuller := shortened[keys[i]]) == 1:
            keys[i], why[i] = fuller[0], "abbreviation"

    # 3. majority type for each name
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for label, key in zip(labels, keys):
        type_votes[key][label] += 1
    type_of = {key: sorted(votes, key=lambda t: (-votes[t], t))[0] for key, votes in type_votes.items()}

    # 4. places differing only by an administrative suffix, when both forms occur; where the corpus writes the
    # stem with several (温岭市 and the county's old name 温岭县), the division the gazetteer knows it by. A
    # village or a community too (陶坑 -> 陶坑村, 北干一苑 -> 北干一苑社区), unless its stem names a town or
    # another place (塘栖 is 塘栖镇, whose seat is 塘栖村; 东海 is a sea, 东海村 a village)
    loc_names = {k for k, t in type_of.items() if t == "LOC"}
    full_forms: dict[str, list[str]] = defaultdict(list)
    for name in loc_names:
        for suffix in ADMIN_SUFFIXES + TOWN_SUFFIXES + ("地区",) + _LOCAL_PLACES:
            stem = name[:-len(suffix)]
            if (name.endswith(suffix) and len(stem) >= 2 and stem in loc_names
                    and (name[-len(suffix) - 1:] not in _NOT_SUFFIXED or is_place_name(name))
                    and (suffix not in _LOCAL_PLACES or not (is_place_name(stem) or is_town_stem(stem)))):
                full_forms[stem].append(name)
    merge_to: dict[str, str] = {}
    for stem, fulls in full_forms.items():
        division = full_name(stem)
        if len(fulls) == 1:
            merge_to[stem] = fulls[0]
        elif division in fulls:
            merge_to[stem] = division  # and an old name of the division (温岭县, 奉化市) is the division
            merge_to.update({f: division for f in fulls if f != division and f.endswith(ADMIN_SUFFIXES)
                             and not is_place_name(f)})
    # a county's old name beside the city or district it became (玉环县, 玉环市) is that division
    merge_to.update({name: current for name in loc_names if (current := former_division(name)) in loc_names
                     and name not in merge_to})
    # 5. one name written with and without a dash or a dot between its parts (浙江在线-台州频道, 曹娥里·十三弄)
    separated = {key: joined for key in type_of if (joined := _SEPARATORS.sub("", key)) != key and joined in type_of}
    merge_to.update(separated)
    # 6. one project written with and without a closing 项目 (…首启区项目, …首启区)
    suffixed = {key: key[:-2] for key, t in type_of.items()
                if t == "PROJECT" and key.endswith("项目") and type_of.get(key[:-2]) == "PROJECT"}
    merge_to.update(suffixed)
    # 7. one government, court or procuratorate written with and without 人民 (浙江省人民政府, 浙江省政府)
    peoples = {key: short for key, t in type_of.items() if t == "ORG" and (people := _PEOPLES.match(key))
               and type_of.get(short := people.group(1) + people.group(2)) == "ORG"}
    merge_to.update(peoples)

    entities: dict[str, Entity] = {}
    by_key: dict[str, Entity] = {}
    groups: dict[str, list[tuple[Mention, str, str]]] = defaultdict(list)
    for (m, surface), key, reason in zip(cleaned, keys, why):
        final, seen = key, {key}
        while merge_to.get(final, final) not in seen:  # 温岭 -> 温岭市 -> 温岭市区: one place
            final = merge_to[final]
            seen.add(final)
        if reason == "same" and final == key and _is_generic(key, m.label):
            m.entity = ""
            continue
        if final != key:
            if key in suffixed or key in peoples:  # a surface that resolved to the longer form keeps its rule
                reason = ("project-suffix" if key in suffixed else "people-s") if reason == "same" else reason
            else:
                reason = "separator" if key in separated else "admin-suffix"
        if m.label != type_of[key] and reason == "same":
            reason = "majority-type"
        groups[final].append((m, surface, reason))
    for final, items in groups.items():
        type_ = type_of[final]
        whys = {surface: reason for _, surface, reason in reversed(items)}
        aliases = Counter(surface for _, surface, _ in items)
        full = Counter({a: n for a, n in aliases.items() if whys[a] in _FULL_FORM_RULES})
        name = _pick(full) if full else final  # only short forms seen: name it by the full form they resolve to
        if type_ == "LOC":
            name = _division_named(aliases) or name
        entity = by_key.get(f"{type_}:{name}") or Entity(id=f"{type_}:{name}", name=name, type=type_)
        for m, surface, reason in items:
            entity.aliases[surface] += 1
            entity.rules.setdefault(surface, reason)
            entity.types[m.label] += 1
            m.entity = entity.id
        entity.articles = list(dict.fromkeys(entity.articles + [m.article_id for m, _, _ in items]))
        by_key[entity.id] = entity
    # stable order: by first mention
    order: dict[str, int] = {}
    for m in mentions:
        if m.entity and m.entity not in order:
            order[m.entity] = len(order)
    for entity in sorted(by_key.values(), key=lambda e: order[e.id]):
        entities[entity.id] = entity
    return entities


def read_aliases(path: str | Path) -> dict[str, str]:
    """The user's table of aliases: a CSV file with a header row naming the columns ``alias`` and ``entity`` (other
    columns are ignored, so rows of an output aliases.csv can be copied into it), in UTF-8, UTF-16 or GB18030.
    ``entity`` is an entity id, ``TYPE:name`` (LOC:杭州市), or empty: the alias names no entity. Returns alias ->
    entity id, aliases written without spaces, as aliases.csv writes them; raises InputError naming the file, the
    line and the value at fault.

    >>> import tempfile
    >>> table = Path(tempfile.mkdtemp()) / "aliases.csv"
    >>> _ = table.write_text("alias,entity,rule\\n杭城,LOC:杭州市,\\n回浦系 男篮,,\\n", encoding="utf-8")
    >>> read_aliases(table)
    {'杭城': 'LOC:杭州市', '回浦系男篮': ''}
    """
    path = Path(path)
    rows = csv.DictReader(io.StringIO(read_text(path), newline=""))
    if not {"alias", "entity"} <= set(rows.fieldnames or ()):
        raise InputError(f"{path}: its first line must name the columns alias and entity "
                         f"(it names {', '.join(rows.fieldnames or ()) or 'none'})")
    table: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        alias = re.sub(r"\s+", "", row["alias"] or "")
        entity = (row["entity"] or "").strip()
        type_, _, name = entity.partition(":")
        if not alias:
            raise InputError(f"{path}:{line}: no alias")
        if entity and (type_ not in LABELS or not name.strip()):
            raise InputError(f"{path}:{line}: entity {entity!r} is not TYPE:name with TYPE one of "
                             f"{', '.join(LABELS)} (or empty, for no entity)")
        entity = f"{type_}:{name.strip()}" if entity else ""
        if table.get(alias, entity) != entity:
            raise InputError(f"{path}:{line}: alias {alias} is given to {table[alias] or 'no entity'} on line "
                             f"{line_of[alias]} and to {entity or 'no entity'} here; the table applies to every "
                             "article alike, so keep only the rows you mean to decide (aliases.csv lists a name "
                             "that the rules resolve article by article, such as 市委, once for each entity)")
        table[alias], line_of[alias] = entity, line
    return table


def apply_aliases(mentions: Sequence[Mention], entities: dict[str, Entity], table: dict[str, str]
                  ) -> dict[str, Entity]:
    """Give each mention whose cleaned name is an alias of ``table`` (from :func:`read_aliases`) the entity the
    table gives it, over what :func:`resolve` found (rule ``user``): the user merges what the rules kept apart,
    separates what they merged, corrects a type, or removes a name that is none (an empty entity). An entity left
    with no mention is gone. Returns the entities by id, in order of first mention; a new entity is named and typed
    by its id.

    >>> ms = [Mention("a", 0, 2, "LOC", "杭城"), Mention("a", 3, 6, "LOC", "杭州市"), Mention("a", 7, 10, "LOC", "艾莉贝")]
    >>> entities = apply_aliases(ms, resolve(ms), {"杭城": "LOC:杭州市", "艾莉贝": "PER:艾莉贝"})
    >>> [(e.id, dict(e.aliases), e.rules) for e in entities.values()]
    [('LOC:杭州市', {'杭州市': 1, '杭城': 1}, {'杭州市': 'same', '杭城': 'user'}), ('PER:艾莉贝', {'艾莉贝': 1}, {'艾莉贝': 'user'})]
    """
    for m in mentions:
        surface = clean_name(m.text, m.label)
        if surface is None or surface not in table:
            continue
        if (old := entities.get(m.entity)) is not None:
            old.aliases[surface] -= 1
            old.types[m.label] -= 1
            if not old.aliases[surface]:
                del old.aliases[surface]
                old.rules.pop(surface, None)
            old.types += Counter()  # drops the types left with no mention
        m.entity = table[surface]
        if m.entity:
            type_, _, name = m.entity.partition(":")
            entity = entities.setdefault(m.entity, Entity(id=m.entity, name=name, type=type_))
            entity.aliases[surface] += 1
            entity.rules[surface] = "user"
            entity.types[m.label] += 1
    articles: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.entity:
            articles[m.entity].append(m.article_id)
    for id_, article_ids in articles.items():
        entities[id_].articles = list(dict.fromkeys(article_ids))
    return {id_: entities[id_] for id_ in articles}
