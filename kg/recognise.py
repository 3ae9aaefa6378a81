"""Recognition as a spaCy pipeline: every backend sets ``doc.ents`` with PER/ORG/LOC/PROJECT.

Components (registered factories, so ``spacy.load`` rebuilds them from the pipeline's config):

- ``kg_tagger``: the shipped character BiLSTM-CRF (:mod:`kg.tagger`) for PER/ORG/LOC and PROJECT;
- ``kg_bodies``: ORG names of bodies named by their level alone (市政府, 区人大) by rule (:mod:`kg.bodies`);
- ``kg_repeats``: a name found once in a doc, tagged wherever the doc repeats it;
- ``kg_lists``: the items of a list closed by what they are (…等企业, …等品牌) take that type (:mod:`kg.lists`);
- ``kg_projects``: PROJECT names by rule (:mod:`kg.projects`), after whatever NER ran before it, whose own
  PROJECT names must pass the rules' vetoes.

All read the OCR-repaired view of ``doc.text`` (:mod:`kg.clean`) and map spans back, so entity offsets always
index the original text. :func:`load_pipeline` turns a ``--ner`` choice into a pipeline.
"""

from __future__ import annotations

import hashlib
import re
import site
from bisect import bisect_left, insort
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import spacy
import torch
import jieba
from jieba import posseg
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .bodies import (FIRM_SUFFIXES, LEVELS, STRINGER, bracketed_names, committee_names, declared_short_name,
                     find_bodies, find_media, find_new_media, firm_short_name, quoted_bodies)
from .clean import RepairedText, repair
from .errors import ModelError
from .gazetteer import (TOWN_SUFFIXES, countries, full_name, is_division, is_place_name, is_town_stem, place_names,
                        prefecture_of, town_in, well_known_matches, well_known_places)
from .lists import find_list_items, honoured_places, looks_like_name, quoted_guesthouses, town_lists
from .projects import (DATE_OR_COUNT, DEFAULT_HEADS, DEFAULT_NOT_AFTER, FUNCTION_CHARS, HONOUR, NAME_VERBS,
                       after_clause, after_leading_verb, before_run_on, before_time_word, before_zone_projects,
                       clause_place, find_projects, is_new_town_being_built, is_project_name, is_site_in_use,
                       join_paired_places, join_routes, leading_divisions, names_more_fully, quoted_name,
                       short_zone_names, split_joined, with_section)
from .tagger import Tagger, is_common_word, is_word

__all__ = ["GROUP_CHARS", "group_chars_of", "groups_by_chars", "TaggerComponent", "BodyComponent", "RepeatComponent", "ListComponent", "ProjectComponent", "load_pipeline", "new_pipeline", "DEFAULT_MODEL", "find_default_model", "model_places", "LABELS"]

LABELS = ("PER", "ORG", "LOC", "PROJECT")


def model_places() -> list[Path]:
    """Where the shipped model may be, in order: ``models/kg-ner`` beside the package in a source checkout (``pip
    install -e .``), else the copy a wheel installs as data (``pip install .``): ``share/kg/models/kg-ner`` under
    ``sys.prefix``, or under the user base for ``pip install --user``."""
    installed = Path("share") / "kg" / "models" / "kg-ner"
    return [Path(__file__).resolve().parent.parent / "models" / "kg-ner", Path(sys.prefix) / installed,
            Path(site.getuserbase()) / installed]


def find_default_model(places: Sequence[Path] | None = None) -> Path:
    """The first of ``places`` (by default :func:`model_places`) that holds a pipeline (a ``config.cfg``); with
    none, the first place.

    >>> str(find_default_model([Path("/nonexistent/a"), Path("/nonexistent/b")]))
    '/nonexistent/a'
    """
    places = list(places) if places is not None else model_places()
    return next((place for place in places if (place / "config.cfg").is_file()), places[0])


DEFAULT_MODEL = find_default_model()


# The characters of text the tagger predicts at a time (``group_chars``): ``kg build --processes`` cuts its work
# into the same groups (:func:`groups_by_chars`), so that it batches the texts as one process does.
GROUP_CHARS = 32000
Item = TypeVar("Item")


def groups_by_chars(items: Iterable[Item], chars: Callable[[Item], int], limit: int) -> Iterator[list[Item]]:
    """``items`` in order, in runs that close once they hold ``limit`` characters (``chars`` of each item).

    >>> list(groups_by_chars(["台州市", "路桥区", "黄岩", "椒江区"], len, 5))
    [['台州市', '路桥区'], ['黄岩', '椒江区']]
    """
    group: list[Item] = []
    size = 0
    for item in items:
        group.append(item)
        size += chars(item)
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group


if not Doc.has_extension("kg_view"):
    Doc.set_extension("kg_view", default=None)


def repaired_view(doc: Doc) -> RepairedText:
    """The OCR-repaired view of ``doc.text``, computed once per doc and kept in ``doc._.kg_view`` so that every
    component reads the same view. (A Doc's text never changes, and ``doc.text`` is costly on a doc of
    one-character tokens, so the view is not checked against it again.)"""
    view = doc._.kg_view
    if view is None:
        view = doc._.kg_view = repair(doc.text)
    return view


_EDGE_PUNCT = set("，。、；：！？,.;:!?“”\"'‘’《》〈〉·-—…丨|/／_ \n\t")
_PAIRS = {"（": "）", "(": ")", "【": "】", "[": "]", "“": "”", "《": "》"}


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past punctuation and unbalanced brackets at its edges ("郭玲）" -> "郭玲"), keeping
    balanced ones ("南排工程(一期)").

    An opening bracket that the span does not close ends it ("台州市工商联(总商会" -> "台州市工商联"); a closing
    quote inside the span whose opening one stands just before it takes that one in ("工韵清风”读书会" ->
    "“工韵清风”读书会").

    >>> text = "（通讯员郭玲）近日，台州市工商联(总商会)召开，成立“工韵清风”读书会"
    >>> text[slice(*trim_span(text, 4, 7))], text[slice(*trim_span(text, 10, 20))]
    ('郭玲', '台州市工商联')
    >>> text[slice(*trim_span(text, 27, 35))], "越城区/滨海新区"[slice(*trim_span("越城区/滨海新区", 3, 8))]
    ('“工韵清风”读书会', '滨海新区')
    >>> text = "据英国《金融时报》报道，“工韵清风”。"
    >>> text[slice(*trim_span(text, 1, 9))], text[slice(*trim_span(text, 12, 18))]
    ('英国《金融时报》', '工韵清风')
    """
    for opening, closing in _PAIRS.items():
        at = text.find(opening, start + 1, end)
        if at != -1 and closing not in text[at:end]:
            end = at
        shut = text.find(closing, start, end)
        if 0 < start and text[start - 1] == opening and shut != -1 and opening not in text[start:shut]:
            start -= 1  # 工韵清风”读书会: the name opens with the quote before it
    while start < end:
        head, tail = text[start], text[end - 1]
        # a closing bracket whose opening is in the name is part of it (南排工程(一期)), and so is a closing quote or
        # book-title mark whose opening is inside it, after its start (英国《金融时报》; not “工韵清风”)
        inside = text[start + 1:end - 1] if tail in _EDGE_PUNCT else text[start:end - 1]
        closes = tail in _PAIRS.values() and any(o in inside for o, c in _PAIRS.items() if c == tail)
        if (_PAIRS[head] not in text[start + 1:end]) if head in _PAIRS else (head in _EDGE_PUNCT or head in _PAIRS.values()):
            start += 1
        elif not closes and (tail in _EDGE_PUNCT or tail in _PAIRS or tail in _PAIRS.values()):
            end -= 1
        else:
            break
    return start, end


_CLOSING = {"(": ")", "（": "）"}
# What a name may not run back over: a verb, a preposition, a conjunction, a particle or a function character.
_NOT_IN_NAME_POS = ("v", "p", "c", "u", "d", "r", "y", "e", "o", "f")


def name_at_bracket(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the name ``text[start:end]`` when it starts with an opening bracket, which no name of the
    annotated local news does (about 20,000 names): the name inside the brackets when they close at its end
    (…项目(定海海洋科学城二期)), else the name with the words before the bracket that are part of it (卓尔博 +
    (宁波)公司年产…项目, 瑞安8GW高效异质结 + (HJT)光伏电池…项目, 黄岩经济开发区 + (高铁新区)管委会), back to a
    punctuation mark, a verb or a function word; ``(start, end)`` for any other span, or where no word before the
    bracket can be part of a name.

    >>> text = "包括瑞安8GW高效异质结(HJT)光伏电池项目，科技港项目(定海海洋科学城二期)"
    >>> [text[slice(*name_at_bracket(text, s, e))] for s, e in ((12, 23), (29, 40))]
    ['瑞安8GW高效异质结(HJT)光伏电池项目', '定海海洋科学城二期']
    """
    close = _CLOSING.get(text[start:start + 1])
    if close is None:
        return start, end
    if text.find(close, start) == end - 1:
        return start + 1, end - 1
    first = start
    words = list(posseg.cut(text[max(0, start - 16):start]))
    for word in reversed(words):
        if not re.fullmatch(r"[\w·]+", word.word) or word.flag.startswith(_NOT_IN_NAME_POS) and word.flag != "eng" or (
                len(word.word) == 1 and word.word in FUNCTION_CHARS):
            break
        first -= len(word.word)
    while first < start and (m := DATE_OR_COUNT.match(text, first, start)):  # not from a count (4个…)
        first = m.end()
    return first, end


_BOUND = re.compile(r"^[东西南北](?:起|至|到|接|邻|临|交|连|联)(?=.{2})")
_ADMIN_LEVEL = re.compile(r"^(.{2,}?(?:省|自治区|市|县|区))(?!城)(?=.{2,}(?:市|县|区|镇|乡|街道|村|社区|路|大道|广场)$)")
_TOWN_LEVEL = re.compile(r"^(.{2,}?(?:镇|乡|街道))(?!办)(?=.{2,}(?:村|社区|路|大道|街|山|岛|湖|溪|江|河|港|湾|岙|桥|站|公园|广场)$)")


def split_places(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A place that chains administrative levels, split into one place per level, as the news corpora annotate
    them (湖北省/枝江市/百里洲镇): 临海市沿江镇 -> 临海市 + 沿江镇, a country before a place in it (MSRA train: 305
    such pairs apart, none whole), and a known place without its suffix before
    another place (玉环东岙小区 -> 玉环 + 东岙小区). OCR spaces inside are allowed. A leading direction of a
    route (西起, 东至) or of a border (北交, 东联) is left out.

    >>> text = "在台州市仙居县南峰街道和温岭市区，东至机场北路"
    >>> [text[s:e] for s, e in split_places(text, 1, 11)], [text[s:e] for s, e in split_places(text, 12, 16)]
    (['台州市', '仙居县', '南峰街道'], ['温岭市区'])
    >>> [text[s:e] for s, e in split_places(text, 17, 23)]
    ['机场北路']
    >>> text = "玉环东岙小区和台州府城"
    >>> [text[s:e] for s, e in split_places(text, 0, 6)], [text[s:e] for s, e in split_places(text, 7, 11)]
    (['玉环', '东岙小区'], ['台州府城'])
    >>> text = "中华人民共和国香港特别行政区和几内亚比绍"
    >>> [text[s:e] for s, e in split_places(text, 0, 14)], [text[s:e] for s, e in split_places(text, 15, 20)]
    (['中华人民共和国', '香港特别行政区'], ['几内亚比绍'])
    """
    first = _dateline_place_length(text, start, end)
    if first:
        return [(start, start + first), (start + first, end)]
    at = [i for i in range(start, end) if not text[i].isspace()]
    name = "".join(text[i] for i in at)
    bound = _BOUND.match(name)  # "西起吉利大道、东至机场北路": the direction is not part of the place
    if bound:
        at, name = at[bound.end():], name[bound.end():]
        start = at[0]
    pieces = []
    offset = 0
    while length := _first_place_length(name[offset:]):
        pieces.append((at[offset], at[offset + length - 1] + 1))
        offset += length
    pieces.append((at[offset], end) if pieces else (start, end))
    return pieces


_DATELINE_BEFORE = re.compile(r"[ \t\u3000]*(?:【[^】\n]*】)?[ \t\u3000]*$")
_DATELINE_AFTER = re.compile(r"[ \t\u3000]*[:：]")


def _dateline_place_length(text: str, start: int, end: int) -> int:
    """The length of the city or county that opens a headline's dateline of two places (临海大田：… -> 临海 +
    大田, 【新华网】温州泰顺:…), 0 for any other place: the place after it, a town or a sight, is often unknown to the
    gazetteer, so the two are read as one.

    >>> text = "临海大田：高水平建设产城\\n【新华网】温州泰顺:乡村宜业\\n滨海新城：新貌，临海大田"
    >>> _dateline_place_length(text, 0, 4), _dateline_place_length(text, 18, 22)
    (2, 2)
    >>> _dateline_place_length(text, 28, 32), _dateline_place_length(text, 36, 40)
    (0, 0)
    """
    line_start = text.rfind("\n", 0, start) + 1
    name = text[start:end]
    if not _DATELINE_BEFORE.fullmatch(text, line_start, start) or not _DATELINE_AFTER.match(text, end) or any(
            c.isspace() for c in name) or is_place_name(name):
        return 0
    for n in (3, 2):
        if len(name) - n >= 2 and (full_name(name[:n]) is not None or is_division(name[:n])):
            return n
    return 0


_UNIT_PLACE = re.compile(r"^[^\W\d_]{2,}(?:镇|乡|街道|村|社区|小区|岛)$")


def _first_place_length(name: str) -> int:
    """The length of the first of the places ``name`` chains, 0 when it is one place: an administrative level
    followed by a lower one, a road or a square (临海市 + 沿江镇, 台州市 + 市府广场; not 县城), a country followed
    by a place it holds (中华人民共和国 + 香港特别行政区, 日本 + 东京; not 几内亚比绍, itself a country), a gazetteer place
    followed by a place of its own named by a stem of two characters or more and a unit (玉环 + 东岙小区,
    桐乡 + 凤鸣街道, 三门 + 蛇蟠岛), not by the rest of one name (台州府城, 朝鲜半岛, 太平店村), or a town followed
    by a village, a road or a sight in it (须水镇 + 西岗村, 葭沚街道 + 体育场路, 桑洲镇 + 屿南山: the training batches
    write such pairs as two places 9 times, as one never)."""
    level = _ADMIN_LEVEL.match(name)
    if level:
        return level.end()
    names, longest = place_names()
    if name not in names and name not in well_known_places():  # a country before a place in it: 日本 + 东京
        for n in range(len(name) - 2, 1, -1):
            if name[:n] in countries() and (name[n:] in names or name[n:] in well_known_places()):
                return n
    for n in range(min(longest, len(name) - 3), 1, -1):
        if name[:n] in names and _UNIT_PLACE.match(name[n:]):
            return n
    for n in range(min(longest, len(name) - 2), 1, -1):
        if name[:n] in names and _county(name[:n]) and (town_in(name[:n], name[n:]) or _county(name[n:]) == _county(name[:n])):
            return n  # 玉环 + 坎门 (坎门街道 is a town of 玉环), 龙港 + 龙湾 (two counties of 温州), not 北海银滩
    town = _TOWN_LEVEL.match(name)  # a town followed by a place in it: 须水镇 + 西岗村, 葭沚街道 + 体育场路
    return town.end() if town else 0


def _county(name: str) -> tuple[str, str] | None:
    """The prefecture-level city and province of a county-level division (full name or short form), else None."""
    return prefecture_of(name if is_division(name) else full_name(name) or "")


def town_after(text: str, start: int, end: int) -> int:
    """The end of a town written without its unit right after the county or city ``text[start:end]`` (温岭 +
    石塘 of 温岭石塘, 乐清 + 柳市), or ``end`` when none follows: the tagger often takes the county alone.

    >>> text = "温岭石塘等景点，乐清柳市镇，温岭市委，杭州城南"
    >>> [text[s:town_after(text, s, e)] for s, e in ((0, 2), (8, 10), (14, 17), (19, 21))]
    ['温岭石塘', '乐清柳市镇', '温岭市', '杭州']
    """
    place = "".join(text[start:end].split())
    if text.startswith("城", end) and _county(place) is None:
        return end  # 杭州城南: the south of the city, not 城南街道
    for n in (3, 2):
        if _HAN_RUN.fullmatch(text, end, end + n) and town_in(place, text[end:end + n]):
            unit = next((u for u in TOWN_SUFFIXES if text.startswith(u, end + n)), "")
            return end + n + len(unit)
    return end


# Words for a part of a place that the annotated local news keeps inside the place's name (社区, 片区, 互通, 老街,
# 东站, …), each far more often inside than after a LOC of the training batches; a division (镇, 区) takes none.
_PLACE_UNITS = ("社区", "小区", "街道", "村", "片区", "互通", "古镇", "古城", "平原", "老街", "街区", "景区", "港区", "区块",
                "东站", "西站", "南站", "北站")


_UNIT_END = re.compile(r"(?:省|市|县|区|镇|乡|街道|村|社区|小区|岛|港|道|路|街|(?<![社机])会|联|局|委|院|校|学)$")
_BODY_END = ("会", "所", "院", "室", "组", "办", "部", "处", "站", "队", "团", "社")


def cut_at_verb(name: str) -> int:
    """The length of ``name`` before a verb that follows a place or body (四方花园小区 | 打造中心花园, 市工商联 |
    协助市委), where the tagger ran a name on into the sentence; ``len(name)`` when there is no such verb. A verb
    inside a body's own name is kept (北京市保护消费者权益委员会: the rest ends like a body).

    >>> [cut_at_verb(n) for n in ("四方花园小区打造中心花园", "市工商联协助市委", "北京市保护消费者权益委员会")]
    [6, 4, 13]
    >>> [cut_at_verb(n) for n in ("湖畔社区将党支部", "台州市借助党代表联络室", "北干一苑社区由北干一苑小区")]
    [4, 3, 6]
    """
    if len(name) < 5:  # a place or body of two characters, a verb of two and something after it at the least
        return len(name)
    at = 0
    for word, tag in posseg.dt.cut(name):
        if at >= 2 and _UNIT_END.search(name[:at]) and at + len(word) < len(name) and (
                word in _CLAUSE_OPENERS or tag == "v" and len(word) >= 2 and not name.endswith(_BODY_END)):
            return at
        at += len(word)
    return len(name)


# Words that open a clause and sit inside no name (湖畔社区 | 将党支部建在楼道, 台州市 | 借助党代表联络室,
# 北干一苑社区 | 由北干一苑小区…组成).
_CLAUSE_OPENERS = frozenset(("将", "把", "被", "向", "从", "由", "借助", "通过", "依托", "围绕", "聚焦"))


def extend_place(text: str, start: int, end: int) -> int:
    """The end of a place extended over a unit word that follows it directly (湖畔 + 社区 -> 湖畔社区), as the
    tagger often stops before the unit when the name before it is a common word. A unit that starts another
    word is left out (村民, 村里).

    >>> text = "湖畔社区和湖畔村民，余姚互通，干江镇老街，小屿门区块"
    >>> text[0:extend_place(text, 0, 2)], text[5:extend_place(text, 5, 7)], text[10:extend_place(text, 10, 12)]
    ('湖畔社区', '湖畔', '余姚互通')
    >>> text[21:extend_place(text, 21, 24)]
    '小屿门区块'
    >>> text[15:extend_place(text, 15, 18)]
    '干江镇'
    """
    if text[start:end].endswith(_PLACE_UNITS + LEVELS):  # 李祖村 + 村集体, 干江镇 + 老街: the place has its unit
        return end
    for unit in _PLACE_UNITS:
        if text.startswith(unit, end):
            if len(unit) == 1 and end + 2 <= len(text) and is_word(text[end:end + 2]):
                return end
            return end + len(unit)
    return end


def extend_to_town(text: str, start: int, end: int) -> int:
    """The start of a place moved back to the start of a town's name of three characters or more that it cuts
    in two (屿港 in 大麦屿港 -> 大麦屿港, as 大麦屿街道 is a town): the tagger drops the first characters of a
    name when they make a common word (大麦). Shorter town names (在中镇, 和中乡) are too often a word and a place.

    >>> text = "站在玉环大麦屿港，在中国"
    >>> text[extend_to_town(text, 6, 8):8], text[extend_to_town(text, 7, 8):8], text[extend_to_town(text, 10, 12):12]
    ('大麦屿港', '大麦屿港', '中国')
    """
    names = place_names()[0]
    if any(text[start:start + n] in names for n in range(2, min(end - start, 4) + 1)):
        return start  # the span starts with a place of its own (中国 after 在中镇's 在中)
    for before in (1, 2, 3):
        # a whole town name before a span of one or two characters (大麦屿 + 港) counts too
        for inside in range(0 if before == 3 and end - start <= 2 else 1, min(3, end - start) + 1):
            stem = text[start - before:start + inside] if start >= before else ""
            if len(stem) >= 3 and not any(c.isspace() for c in stem) and is_town_stem(stem):
                return start - before
    return start


# A span ending in one of these is a meeting or a show, not an organisation (…疫情防控工作会商会, 二手车展);
# 大会 and 会议 are left out: 全国人民代表大会 and 中国人民政治协商会议 are bodies.
MEETINGS = ("会商会", "协商会", "座谈会", "推进会", "现场会", "动员会", "交流会", "研讨会", "推介会", "发布会", "车展",
            "博览会", "展销会", "党代会")


_PRONOUNS = ("我们", "咱们", "你们", "他们", "她们")
# Words for the people of a place: 中国网民, 台州市民 name no organisation, only their place.
PEOPLE = ("网民", "市民", "居民", "村民", "农民", "群众", "人民")


_PHOTO_CREDIT = re.compile(r"[\s/／]*摄$")


_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "公孙", "慕容", "尉迟", "夏侯", "端木",
                      "长孙", "宇文", "司徒", "西门", "南宫")
_SPACE = re.compile(r"[ \t\u3000]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NAME_END = re.compile(r"[ \t\u3000\n)）]|$")


def names_a_space_separates(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The persons in a span the tagger read as one person across a space, where the space ends a name of two
    characters or more and the span stops inside the next name (吴华清 项一|嵚 in a byline: the tagger reads the
    page without its spaces): the first name, and the next one whole where it has two or three characters, a
    common surname, and a space, a bracket or the line's end after it, as in a byline. Any other span is one
    person (潘 军明, 王 珏; 潘军 明来到, 王大 明说: a name OCR split, then running text).

    >>> text = "本报讯(黄程 吴华清 项一嵚 袁红薇)，潘 军明，潘军 明来到"
    >>> [text[s:e] for s, e in names_a_space_separates(text, 7, 13)], names_a_space_separates(text, 21, 25)
    (['吴华清', '项一嵚'], [(21, 25)])
    >>> names_a_space_separates(text, 26, 30)
    [(26, 30)]
    """
    parts = _SPACE.split(text[start:end])
    if (len(parts) != 2 or not 2 <= len(parts[0]) <= 4 or parts[0] in _COMPOUND_SURNAMES
            or not _HAN_RUN.fullmatch(parts[0]) or not _HAN_RUN.match(text, end)):
        return [(start, end)]
    second = _HAN_RUN.match(text, end - len(parts[1]))
    if second is None or not 2 <= len(second.group()) <= 3 or not _NAME_END.match(text, second.end()):
        return [(start, end)]  # 潘军 明来到, 王大 明说: a name OCR split, then running text
    names = [(start, start + len(parts[0]))]
    return names + [second.span()] if second.group()[0] in SURNAMES else names


def _person_or_place(text: str, start: int, end: int) -> tuple[str, int]:
    """The label and end of a span the tagger read as a person: a name that ends in a place's unit is a place
    (李祖村: 李 is a surname, 村 ends no given name), and neither a photo credit's 摄 (记者 韩坚 摄) nor the 边 of
    边看边问 is part of the name.

    >>> text = "李祖村走出了新路。本报记者 韩坚 摄，陈新边看边问"
    >>> _person_or_place(text, 0, 3), _person_or_place(text, 14, 18), _person_or_place(text, 19, 22)
    (('LOC', 3), ('PER', 16), ('PER', 21))
    """
    name = text[start:end]
    if end - start >= 3 and name.endswith(_PLACE_UNITS + ("镇", "乡")):
        return "LOC", end
    credit = _PHOTO_CREDIT.search(name)
    if credit and credit.start() >= 2:
        return "PER", start + credit.start()
    if end - start >= 3 and name.endswith("边") and text.startswith("边", end + 1):
        return "PER", end - 1  # 陈新 | 边看边问
    return "PER", end


_VILLAGE_TITLES = ("特色", "精品", "示范", "生态", "文明", "先进", "明星", "小康", "卫生", "美丽", "景区", "未来", "善治",
                   "共富", "样板", "民主法治")
_TITLE_LEVELS = ("", "省", "市", "县", "区", "国家级", "全国", "省级", "市级", "县级")


def _is_village_title(name: str) -> bool:
    """Whether a place named as a village is a title villages are given (县生态村, 农家乐特色村, 美丽乡村精品村),
    not a village's name: the title follows nothing, a level or a common word. 茶园村 and 下庄村 are villages.

    >>> [_is_village_title(n) for n in ("县生态村", "农家乐特色村", "美丽乡村精品村", "茶园村", "上明星村")]
    [True, True, True, False, False]
    """
    title = next((t for t in _VILLAGE_TITLES if name.endswith(t + "村")), None)
    if title is None:
        return False
    stem = name[: -len(title) - 1]
    return stem in _TITLE_LEVELS or stem.endswith(("乡村", "农家乐")) or len(stem) >= 2 and is_common_word(stem)


def _is_task_group(name: str) -> bool:
    """Whether an organisation's name is only a task a group was formed for and its group word (调研组, 慰问组,
    考评团): a delegation of the day, not an organisation.

    >>> [_is_task_group(n) for n in ("调研组", "考评团", "专家组", "中央巡视组")]
    [True, True, False, False]
    """
    if len(name) != 3 or name[-1] not in "组团":
        return False
    return any(w.word == name[:2] and w.flag in ("v", "vn") for w in posseg.dt.cut(name[:2]))


# A delegation on a visit named by the place it comes from (德清县党政代表团, 常山县党政考察团): the place's leaders on
# a visit, not an organisation; the annotated local news tags the place (8 times of 8). A bare 代表团 stays: it is
# also a congress's delegation (洪家代表团), and the news corpora tag a country's team so (中国代表团).
_DELEGATION = re.compile(r"(?:党政(?:代表团|考察团|参观团|访问团)|考察团|采访团|参观团|访问团|观摩团)$")


def _delegation_place(text: str, start: int, end: int) -> int:
    """Where the place that names a delegation ends, or 0 if ``text[start:end]`` is no delegation named by a place.

    >>> text = "德清县党政代表团，宁波市镇海区党政考察团，日本播州友好访问团，富阳区党政代 表团"
    >>> [_delegation_place(text, s, e) for s, e in ((0, 8), (9, 20), (21, 30), (31, 40))]
    [3, 15, 0, 34]
    """
    at = [i for i in range(start, end) if not text[i].isspace()]  # OCR spaces inside: 德清县党政代 表团
    joint = _DELEGATION.search("".join(text[i] for i in at))
    if joint is None or joint.start() == 0:
        return 0
    place_end = at[joint.start() - 1] + 1
    places = split_places(text, start, place_end)
    return place_end if all(is_place_name("".join(text[s:e].split())) for s, e in places) else 0


# A road named where a text bounds a site by its roads (位于广场南路以南, 东至环岛路, 北靠桃湾路): a place, which the
# tagger often misses there.
_ROAD_WORD = re.compile(r"大道|公路|大街|路|街|巷")
_BOUND_BEFORE = re.compile(r"(?:[东南西北](?:至|临|靠|接|邻|起)|起于|止于|位于)$")  # not 终于: also "at last"
_SIDE_AFTER = re.compile(r"以[东南西北]|两侧|交叉口|路口")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_NOT_ROADS = frozenset(("道路", "公路", "马路", "铁路", "线路", "大道", "大街", "街巷", "小路", "新路", "一路"))


def bounding_roads(text: str) -> list[tuple[int, int]]:
    """(start, end) of the roads ``text`` bounds a site by: a road's name (two to eight characters before 路, 街,
    大道, …, back to a break, a bound's word, or a 和, 与, 及 or 在 before it) right after a bound's word (东至, 北靠,
    位于) or right before a side's (以南, 两侧, 交叉口).

    >>> text = "项目位于广场南路以南、春潮路以北；东至环岛路，北靠桃湾路和翁山路交叉口，一路向北，道路以南，北接路桥大道"
    >>> [text[s:e] for s, e in bounding_roads(text)]
    ['广场南路', '春潮路', '环岛路', '桃湾路', '翁山路', '路桥大道']
    >>> text = "在九江路路口，东至规划道路，位于和平路以南，终于踏上归乡路"
    >>> [text[s:e] for s, e in bounding_roads(text)]
    ['九江路', '和平路']
    """
    found = []
    for word in _ROAD_WORD.finditer(text):
        start = word.start()
        while start > 0 and word.start() - start < 8 and _NAME_CHAR.match(text, start - 1) \
                and not _BOUND_BEFORE.search(text, max(0, start - 2), start):  # a bound's word is two characters
            start -= 1
        joint = max(text.rfind(c, start, word.start() - 2) for c in "和与及在从到")
        if joint >= start:
            start = joint + 1  # 桃湾路和 + 翁山路, 在 + 九江路 (not 和平路: two characters of name at least)
        name = text[start:word.end()]
        if len(name) < 3 or name in _NOT_ROADS or name.endswith("道路") or "规划" in name:
            continue  # 对道路两侧, 东至规划道路: no road's name
        if _BOUND_BEFORE.search(text, max(0, start - 2), start) or _SIDE_AFTER.match(text, word.end()):
            found.append((start, word.end()))
    return found


def with_bounding_roads(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` and, as LOC, the roads ``text`` bounds a site by (:func:`bounding_roads`) where the tagger found no
    name or only a piece of the road's (亚澳 of 亚澳路); a name it found there stays (a project: 甬台温高速公路).

    >>> text = "东至亚澳路，西至甬台温高速公路"
    >>> [(text[s:e], label) for s, e, label in with_bounding_roads(text, [(2, 4, "LOC"), (8, 15, "PROJECT")])]
    [('亚澳', 'LOC'), ('甬台温高速公路', 'PROJECT'), ('亚澳路', 'LOC')]
    """
    return list(spans) + [(s, e, "LOC") for s, e in bounding_roads(text)
                          if all(e <= a or b <= s or label == "LOC" and s <= a and b <= e for a, b, label in spans)]


# An organisation's head in the clause after a place, which then starts the organisation's name the tagger missed
# (浙江 + 建设职业技术学院, 突尼斯 + 全国行政学院), not a place of its own.
_ORG_HEAD = re.compile(r"学院|大学|学校|公司|集团|银行|协会|学会|商会|基金会|委员会|中心|医院|研究院|研究所")
_CLAUSE_END = re.compile(r"[，。、；：！？,.;:!?\s“”\"（）()《》]")


def with_well_known_places(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` and, as LOC, the countries and China's provinces (:func:`kg.gazetteer.well_known_places`) that
    ``text`` writes as words of their own where the tagger found nothing: a country is a place in every sentence,
    but CLUENER, trained on beside the news corpora, leaves countries untagged 454 times of 507, and the tagger
    doubts 中国 in 中国选手共夺得… Not in a title (《…》), a slogan (美丽中国, 中国式, 中国梦, 中国特色) or
    where an organisation's head follows in the clause (浙江建设职业技术学院).

    >>> text = "中国选手共夺得三项冠军,发展中国家,美丽中国,浙江建设职业技术学院"
    >>> [(text[s:e], label) for s, e, label in with_well_known_places(text, [])]
    [('中国', 'LOC')]
    """
    longest: dict[int, int] = {}  # the longest name at each start
    for start, end in well_known_matches(text):
        longest[start] = max(longest.get(start, end), end)
    taken = {i for s, e, _ in spans for i in range(s, e)}  # the tagger's characters
    found, last = list(spans), 0
    for start, end in sorted(longest.items()):
        if start < last:
            continue  # inside the name before
        last = end
        line = text.rfind("\n", 0, start) + 1
        if (not taken.isdisjoint(range(start, end)) or text[end:end + 1] in ("式", "梦")
                or text[end:end + 2] == "特色" or text.endswith(_SLOGAN_WORDS, 0, start)
                or text.rfind("《", line, start) > text.rfind("》", line, start)
                or _ORG_HEAD.search(_CLAUSE_END.split(text[end:end + 14])[0])
                or not _is_own_word(text, start, end)):
            continue
        found.append((start, end, "LOC"))
    return found


def _is_own_word(text: str, start: int, end: int) -> bool:
    """Whether jieba, cutting the clause around ``text[start:end]``, cuts it before and after (not 发展|中国家)."""
    left = max(0, start - 12)
    right = min(len(text), end + 12)
    cuts, at = {left}, left
    for word in jieba.cut(text[left:right], HMM=True):
        at += len(word)
        cuts.add(at)
    return start in cuts and end in cuts


_DIRECTIONS = ("以东", "以南", "以西", "以北", "一带")
# An address's house, building or floor number after a street, a compound or a building (体育场路10号, 财富大厦25楼,
# 西四苑6幢): not part of the place (13 times of 14 in the annotated local news).
_ADDRESS_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百]+(?:号楼|号|楼|幢|栋|层|室)$")
# Slogans made of a quality and a place (美丽台州, 平安中国, 数字临平): the place inside is not tagged (19 times of 20
# in the annotated local news, 3 of 3 in MSRA train).
_SLOGAN_WORDS = ("平安", "美丽", "健康", "数字", "品质", "幸福", "活力", "清廉", "法治", "智慧", "魅力")
_PARTY_AND_GOVERNMENT = re.compile(r"[省市县区镇乡]委\s*(?=[省市县区镇乡]政府$)")


def _split_party_and_government(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An organisation read as the party committee and the government of one place together (区委区政府, 台州市委市政府)
    is two bodies.

    >>> text = "台州市委市政府和区政府"
    >>> [text[s:e] for s, e in _split_party_and_government(text, 0, 7)], _split_party_and_government(text, 8, 11)
    (['台州市委', '市政府'], [(8, 11)])
    """
    joint = _PARTY_AND_GOVERNMENT.search(text, start, end)
    if joint is None or joint.start() < start:
        return [(start, end)]
    return [(start, joint.start() + 2), (joint.end(), end)]


_FILE_NAME = re.compile(r"[_0-9]")
_ENGLISH_MARKS = " \t()[],.;:!?'\""  # what may stand between two words of an English sentence


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _no_latin_name(text: str, start: int, end: int) -> bool:
    """Whether a "person" written in Latin letters names no one: a file name or a piece of code left in the page
    (binary_middle, IMG_2031, pymongo.MongoClient, the callback of callback_1 or of stack.callback), an acronym
    (MAC, PIC), or a word of an English sentence the page holds, Latin words or digits on both sides past spaces and
    ASCII punctuation (the of "for the 99%", any of "videos if any) is").

    >>> text = "28岁的茉莉·西尔斯（Jasmine Seales），支持Windows和MAC。ROPs are for the 99%，stack.callback(callback_1)"
    >>> spans = [(11, 18), (19, 25), (37, 40), (50, 53), (54, 57), (68, 76), (77, 85)]
    >>> [text[s:e] for s, e in spans if _no_latin_name(text, s, e)]
    ['MAC', 'for', 'the', 'callback', 'callback']
    """
    name = text[start:end]
    before = text[max(0, start - 8):start].rstrip(_ENGLISH_MARKS)[-1:]
    after = text[end:end + 8].lstrip(_ENGLISH_MARKS)[:1]
    return bool(_FILE_NAME.search(name) or "." in name or len(name) > 1 and name.isupper()
                or text[start - 1:start] in ("_", ".") or text[end:end + 1] in ("_", ".", "(")
                or _is_latin(before) and _is_latin(after))


# A surname and the word people address someone by (张阿姨, 秦教授, 周工): who is meant, but not a name. (A surname
# alone, 范 of 范氏家族, stays: the news corpora tag it, 51 times in MSRA dev, though the local batches never do.)
_ADDRESS_FORM = re.compile(r"\S\s*(?:阿姨|阿婆|阿公|阿叔|大爷|大妈|大伯|大叔|大姐|大哥|师傅|老师|教授|医生|奶奶|爷爷|婆婆|伯伯|叔叔"
                           r"|工|总)$")
_JOINED = re.compile(r"(?:(?<=网)|(?<=报)|(?<=在线)|(?<=新闻))[·\-—–]|[·\-—–](?=[\u4e00-\u9fff]{2,8}(?:报|网)$)"
                         r"|以及")


def _split_joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The organisations a name the tagger read as one holds: a dateline's publisher and its channel or brand,
    joined by a dot or dash (浙江在线·浙江城镇网 -> 浙江在线 + 浙江城镇网, 钱江晚报·小时新闻 -> both, 广西云-广西日报
    -> both; a channel, 浙江在线-杭州频道, is none); two joined by 以及 (群英小学以及中心幼儿园); a paper in
    book-title marks before a unit of it (《莆田晚报》梅峰小学小记者站 -> 莆田晚报 + 梅峰小学小记者站).

    >>> text = "浙江在线-杭州频道3月23日讯，钱江晚报·小时新闻记者，联大"
    >>> [text[s:e] for s, e in _split_joined(text, 0, 9) + _split_joined(text, 16, 25) + _split_joined(text, 28, 29)]
    ['浙江在线', '钱江晚报', '小时新闻', '联']
    >>> text = "广西云-广西日报，群英小学以及中心幼儿园，《莆田晚报》梅峰小学，《平安》杂志社"
    >>> [text[s:e] for s, e in _split_joined(text, 0, 8) + _split_joined(text, 9, 20) + _split_joined(text, 21, 31)
    ...  + _split_joined(text, 32, 39)]
    ['广西云', '广西日报', '群英小学', '中心幼儿园', '莆田晚报', '梅峰小学', '《平安》杂志社']
    """
    pieces, at = [], start
    if text.startswith("《", start) and 0 < (close := text.find("》", start, end)) < end - 2 and text.endswith(
            ("报", "刊", "网"), start, close):
        pieces.append((start + 1, close))
        at = close + 1
    for join in _JOINED.finditer(text, at, end):
        pieces.append((at, join.start()))
        at = join.end()
    if not pieces:
        return [(start, end)]
    pieces.append((at, end))
    return [(s, e) for s, e in pieces if e - s >= 2 and not text.endswith("频道", s, e)]


def _place_edges(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The edges of a place the tagger found, or None when it names no place (a title villages are given): a
    doubled unit, a direction after it, a county town and a meeting's venue are cut back to the place; then it is
    extended over a unit word after it and back over a town name it cuts; 乡村/农村, an address's number
    (体育场路10号) and a village's 文化礼堂 after a place are cut off.

    >>> text = "位于葭沚街道以南，李祖村村集体，温岭分会场，仙居县城，县生态村，温峤乡村振兴，财富大厦25楼，吴良村文化礼堂"
    >>> spans = ((2, 8), (9, 13), (16, 21), (22, 26), (32, 36), (39, 46), (47, 54))
    >>> [text[slice(*_place_edges(text, s, e))] for s, e in spans]
    ['葭沚街道', '李祖村', '温岭', '仙居县', '温峤', '财富大厦', '吴良村']
    >>> _place_edges(text, 27, 31) is None, _place_edges("打造美丽台州建设", 4, 6) is None
    (True, True)
    >>> _place_edges("中国式现代化", 0, 2) is None
    True
    """
    if _is_village_title(text[start:end]) or text.endswith(_SLOGAN_WORDS, 0, start):
        return None  # 美丽台州建设, “平安台州”: a slogan that a place's name ends
    if text.startswith("式", end):
        return None  # 中国式现代化: a style named after the place (untagged 8 times of 10 in the annotated local news)
    if text.endswith(("村村", "镇镇"), start, end):  # 李祖村 | 村集体, 王店镇 | 镇村: the unit starts the next word
        end -= 1
    if end - start >= 5 and text.endswith(_DIRECTIONS, start, end):
        end -= 2  # 体育场路以南: where, relative to the place
    number = _ADDRESS_NUMBER.search(text, start, end)
    if number and number.start() - start >= 2:
        end = number.start()  # 体育场路10号, 财富大厦25楼
    if end - start >= 4 and text.endswith(("乡村", "农村"), start, end):
        end -= 2  # 温峤乡村振兴, 德清农村: the countryside of the place (never inside a place in the annotated news)
    if end - start >= 6 and text.endswith("文化礼堂", start, end):
        end -= 4  # 吴良村文化礼堂: the village's hall, held in the village
    if end - start >= 4 and text.endswith(("县城", "分会场", "主会场"), start, end):
        end -= 1 if text.endswith("县城", start, end) else 3  # 仙居县城 is 仙居县; 温岭分会场 is held in 温岭
    return extend_to_town(text, start, end), extend_place(text, start, end)


# Kinds of organisation whose party committee the annotated local news names by the organisation alone (交投集团 +
# 党委, 安吉县林业局 + 党委: 6 times of 6), unlike a town's or a community's (店口镇党委, 万家社区党委: 7 of 7). A
# body's party group (市政府党组) is left as the tagger reads it: the batches write 党组 apart 8 times, the sample
# pages 3 times of 3 inside.
_BODY_KINDS = ("集团", "局", "公司", "厅", "院", "委员会")
# A province's or city's businesspeople or firms, named by its one-character short form (浙商, 温商, 甬商, 台企): a
# group, no one entity; the annotated local news and MSRA tag none of them (the tagger read 温商 as a person 10
# times and an organisation 4 times in sets V to Q).
_BUSINESS_PEOPLE = re.compile(r"[浙温甬台徽晋潮闽粤苏湘鲁豫沪杭绍婺瓯赣川渝][商企]")


def _with_compound_surname(text: str, start: int, end: int) -> int:
    """Where the person ``text[start:end]`` starts once the compound surname the tagger cut off is taken back
    (上 + 官国明, 上官 + 国明; not 县长 + 孙志龙).

    >>> text = "沈世山上官国明，县长孙志龙"
    >>> text[_with_compound_surname(text, 4, 7):7], text[_with_compound_surname(text, 10, 13):13]
    ('上官国明', '孙志龙')
    """
    for n in (1, 2):
        surname = text[start - n:start - n + 2]
        if start >= n and surname in _COMPOUND_SURNAMES and surname != "长孙" and end - start + n <= 4:
            return start - n
    return start


def _set_ents(doc: Doc, spans: Iterable[tuple[int, int, str]], text: str) -> None:
    """Set ``doc.ents`` from character spans, trimmed of edge punctuation and a leading pronoun, cut before a verb
    a name ran on into; persons ending in a place's unit made places, photo credits cut off and two names a space
    separates split (:func:`names_a_space_separates`), "persons" that are file names, hidden names (林某会) or a
    surname and an address (张阿姨, 秦教授) dropped, and so are a place's businesspeople (温商); a compound surname
    the tagger cut off restored (上 + 官国明); meetings and task groups dropped from ORG, the people of a place
    (中国网民) made their place, party committee and government read as one split in two, organisations joined
    by a dot, dash or 以及 split (:func:`_split_joined`); places' edges set (:func:`_place_edges`) and split by
    administrative level; expanded to token edges, overlaps dropped (longest wins). ``text`` is ``doc.text`` as the
    repaired view reads it (``RepairedText.reading``: in simplified characters where the doc is written in
    traditional ones, offset for offset), passed in because computing it is costly."""
    made = []
    for start, end, label in spans:
        start, end = trim_span(text, start, end)
        if text.startswith(_PRONOUNS, start) and end - start >= 4:  # 我们总工会: the name follows the pronoun
            start += 2
        if start >= end or _BUSINESS_PEOPLE.fullmatch(text, start, end):  # 温商: a place's businesspeople
            continue
        if label == "PER":
            if not _HAN_RUN.search(text, start, end) and _no_latin_name(text, start, end):
                continue  # binary_middle, pymongo.MongoClient, MAC, the of "for the 99%": no person
            if "某" in text[start:end]:
                continue  # 林某会, 王某: a name a court report hides, which names no one
            if _ADDRESS_FORM.match(text, start, end):
                continue  # 张阿姨, 秦教授: a surname and how people address the one meant, which names no one
            if _ROLE.fullmatch(text, start, end):
                continue  # 编辑 刘晓阳 校对 李铭: a credit's role, read as a name between the names
            label, end = _person_or_place(text, start, end)
            if start >= end:
                continue
            if label == "PER":
                start = _with_compound_surname(text, start, end)
        if label in ("LOC", "ORG"):
            cut = start + cut_at_verb(text[start:end])
            if label == "ORG" and cut < end and (_UNIT_PLACE.match(text[start:cut]) or is_place_name(text[start:cut])):
                label = "LOC"  # 湖畔社区 of 湖畔社区将党支部, 台州市 of 台州市借助…: what is left is a place
            end = cut
        if label == "ORG" and text.endswith("党委", start, end) and text.endswith(_BODY_KINDS, start, end - 2):
            end -= 2  # 交投集团 + 党委: the party committee of a firm or bureau is named by it
        if label == "ORG" and text.endswith(PEOPLE, start, end) and text[start:end - 2] in place_names()[0]:
            label, end = "LOC", end - 2  # 中国网民: the place of the people
        if label == "ORG" and text.endswith("网", start, end) and is_word(text[end - 1:end + 1]):
            label, end = "LOC", end - 1  # 台州网 + 格员: no medium, the place of the 网格 (grid) and its workers
        if label == "ORG" and (place_end := _delegation_place(text, start, end)):
            label, end = "LOC", place_end  # 德清县党政代表团: the place's leaders on a visit
        if label == "LOC":
            place = _place_edges(text, start, end)
            if place is None:
                continue
            start, end = place
        elif label == "ORG" and (text[start:end].endswith(MEETINGS) or _is_task_group(text[start:end])
                                 or text[start:end] in ("人大", "政协") and text.startswith(("代表", "委员"), end)):
            continue  # 人大代表, 政协委员: a role (untagged 19 times of 20 in the training batches)
        if label == "LOC":
            pieces = split_places(text, start, end)
            if (after := town_after(text, *pieces[-1])) > end:
                pieces.append((end, after))  # 温岭 + 石塘
        elif label == "PER":
            pieces = names_a_space_separates(text, start, end)
        else:
            pieces = [piece for s, e in _split_party_and_government(text, start, end)
                      for piece in _split_joined(text, s, e)]
        for s, e in pieces:
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None and span.text.strip():
                made.append(span)
    doc.ents = filter_spans(made)


class TaggerComponent:
    """Sets the entities of the character tagger's labels (PER/ORG/LOC, and PROJECT in the shipped model), which
    reads the repaired view of each doc.

    With ``int8`` the tagger predicts with 8-bit weights in its LSTM and output layer (PyTorch's dynamic
    quantization), built once from the saved float weights: about 40 % less time in the network, and 10 of the
    3,569 entities of MSRA dev change (model card). Training and ``to_disk`` use the float weights.

    Spans are chosen by their probability (posterior decoding, ``min_prob``) rather than from the single best
    tag path: on five sets of unseen local news PER/ORG/LOC F1 rose by 0.002 to 0.008, with PROJECT kept from
    the best path (model card).
    """

    def __init__(self, nlp: Language, name: str, *, batch_chars: int, int8: bool, min_prob: float = 0.5,
                 viterbi_labels: Sequence[str] = ("PROJECT",), group_chars: int = GROUP_CHARS):
        self.name = name
        self.batch_chars = batch_chars
        self.group_chars = group_chars
        self.int8 = int8
        if not 0.0 <= min_prob < 1.0:
            raise ValueError(f"component {name!r}: min_prob must be at least 0 and under 1, got {min_prob!r}")
        self.min_prob = min_prob
        self.viterbi_labels = tuple(viterbi_labels)
        self.model: Tagger | None = None
        self._runner: Tagger | None = None  # the model as it predicts (int8 copy or the model itself)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Tag ``docs`` in groups of about ``group_chars`` characters, whatever the caller's ``batch_size``: the
        pieces of a group are sorted by length into batches of ``batch_chars``, so a group of many short docs fills
        its batches better than 64 of them did (1 to 3 % faster on the speed texts), and the same stream of docs is
        batched alike by ``kg ner``, ``kg build`` and the benchmarks. (The int8 network scales its activations per
        batch, so what a doc is batched with can move a probability near the threshold: 41 of 2,773 entities of
        120 local articles changed when their order was shuffled.)"""
        if self.model is None:
            raise ModelError(f"component {self.name!r} has no model: load a trained pipeline or call initialize")
        torch.set_num_threads(1)
        # counted on the repaired view's original, which _predict reads too (doc.text is costly on char tokens)
        for group in groups_by_chars(docs, lambda doc: len(repaired_view(doc).original), self.group_chars):
            yield from self._predict(group)

    def _predict(self, docs: Sequence[Doc]) -> list[Doc]:
        views = [repaired_view(doc) for doc in docs]
        assert self.model is not None  # checked in pipe()
        if self._runner is None:
            self._runner = self.model.int8() if self.int8 else self.model
        predicted = self._runner.predict([v.text for v in views], batch_chars=self.batch_chars,
                                         min_prob=self.min_prob, keep=self.viterbi_labels)
        for doc, view, spans in zip(docs, views, predicted):
            spans = with_well_known_places(view.text, with_bounding_roads(view.text, spans))
            _set_ents(doc, [(*view.to_original(s, e), label) for s, e, label in spans], view.reading)
        return list(docs)

    def initialize(self, get_examples=None, *, nlp=None, model: Tagger | None = None) -> None:
        """Attach a trained :class:`~kg.tagger.Tagger` (as ``kg train`` does before saving the pipeline)."""
        if model is not None:
            self.model, self._runner = model, None

    def to_disk(self, path, *, exclude=()) -> None:
        if self.model is None:
            raise ModelError(f"component {self.name!r} has no model to save")
        self.model.save(Path(path))

    def from_disk(self, path, *, exclude=()) -> "TaggerComponent":
        path = Path(path)
        if not (path / "model.pt").exists():
            raise ModelError(f"no tagger weights in {path} (expected model.pt, vocab.json, settings.json)")
        self.model, self._runner = Tagger.load(path), None
        return self


def _view_places(doc: Doc, view: RepairedText) -> list[tuple[int, int]]:
    """The doc's LOC entities as spans of the repaired view."""
    spans = (view.to_view(e.start_char, e.end_char) for e in doc.ents if e.label_ == "LOC")
    return [span for span in spans if span is not None]


# A place named as one of these is a development zone, which kg counts as a project (经开区, 台州湾经济技术开发区);
# so is one named as a new area, a science city, a park, a business district or a resort (台州湾新区, 萧山科技城: the
# annotated local news tags 新区 55 times PROJECT and 5 times LOC, 科技城 21 and 0, 园区 28 and 1, 商务区 6 and 1,
# 度假区 12 and 2) unless the gazetteer has it as a division (浦东新区 is a district). A new town (…新城) is one only
# where the text writes it as works under way (:func:`kg.projects.is_new_town_being_built`): the batches tag 新城
# 64 times PROJECT and 10 LOC, but taking every one lost 0.015 PROJECT F1 on U13–U16 (session 21).
ZONES = ("开发区", "经开区", "高新区", "保税区", "综保区", "工业区", "工业园区")
NEW_AREAS = ("园区", "新区", "科技城", "核心区", "商务区", "度假区")
# A place has no phases: a name that ends in one is a project's (丁山三期, the third stage of a reclamation; 52
# PROJECT and 1 LOC so named in the annotated local news).
_ENDS_IN_PHASE = re.compile(r"[一二三四五六七八九十\d]+期[)）]?$")


# A zone's kind written right after a place: 台州 + 综保区, 余杭 + 经开区, 温岭 + 经济开发区.
_ZONE_KIND = re.compile("|".join(sorted(ZONES + ("经济开发区", "经济技术开发区", "高新技术产业开发区"), key=len, reverse=True)))


def zone_kinds(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans with a zone's kind written right after a place (台州 + 综保区, 台州市 + 高新区) made a project, whether
    it was tagged apart or not at all; :func:`join_place_prefixes` then joins a place written without its level
    to it (台州综保区: one project each time of 49 in the annotated local news), while a division written with its
    level stays a place of its own. A longer name the zone's kind starts (经开区管委会) is left as it is.

    >>> text = "台州综保区封关，台州市高新区，苍南经开区管委会"
    >>> spans = [(0, 2, "LOC"), (8, 11, "LOC"), (15, 17, "LOC"), (17, 23, "ORG")]
    >>> [(text[s:e], label) for s, e, label in zone_kinds(text, spans)]
    [('台州', 'LOC'), ('综保区', 'PROJECT'), ('台州市', 'LOC'), ('高新区', 'PROJECT'), ('苍南', 'LOC'), ('经开区管委会', 'ORG')]
    """
    kinds: set[tuple[int, int, str]] = set()
    covered: set[tuple[int, int, str]] = set()  # the spans inside a zone's kind
    for s, e, label in spans:
        zone = _ZONE_KIND.match(text, e) if label == "LOC" else None
        if zone is None or any(a < zone.end() < b or a < e < b for a, b, _ in spans):
            continue
        covered |= {span for span in spans if e <= span[0] and span[1] <= zone.end()}
        kinds.add((e, zone.end(), "PROJECT"))
    return sorted({span for span in spans if span not in covered} | kinds)


def join_place_prefixes(text: str, spans: Sequence[tuple[int, int, str]],
                        apart: Callable[[int, int], bool] = lambda s, e: False) -> list[tuple[int, int, str]]:
    """A place written without its level right before a project's name is part of the name (宁波 +
    杭州湾滨海新城, 湖州 + 莫干山国家高新区, 拱墅 + 浙江云计算数据中心项目): in the annotated local news 436 project
    names start with such a place and 4 times it is tagged apart (sets V, W and X; the sample pages 22 and 0;
    :func:`zone_kinds` is its special case),
    while a division written with its level stays a place of its own (温岭市 + 南排工程), as
    :func:`kg.projects.leading_divisions` has it. ``apart(start, end)`` says
    where the page itself separates the two (a line break between them).

    >>> text = "宁波杭州湾滨海新城开工，温岭市南排工程完工"
    >>> spans = [(0, 2, "LOC"), (2, 9, "PROJECT"), (12, 15, "LOC"), (15, 19, "PROJECT")]
    >>> [(text[s:e], label) for s, e, label in join_place_prefixes(text, spans)]
    [('宁波杭州湾滨海新城', 'PROJECT'), ('温岭市', 'LOC'), ('南排工程', 'PROJECT')]
    """
    joined = Counter(spans)  # a multiset, so that a text of thousands of names is not read quadratically
    projects: dict[int, list[tuple[int, int, str]]] = {}  # the projects of `joined` by start, in order
    for span in spans:
        if span[2] == "PROJECT":
            projects.setdefault(span[0], []).append(span)
    for place in sorted(spans, key=lambda span: -span[0]):  # right to left: 宁波 + 杭州湾 + 新区 chains
        project = next(iter(projects.get(place[1], ())), None)
        if (place[2] == "LOC" and project is not None and not is_division(text[place[0]:place[1]])
                and not apart(place[0], project[1])):
            for span in (place, project):
                joined.pop(span, None)
            projects[project[0]] = [x for x in projects[project[0]] if x != project]
            joined[new := (place[0], project[1], "PROJECT")] += 1
            projects.setdefault(new[0], []).append(new)
    return sorted(joined.elements())


_GAP = re.compile(r"\s*\n\s*|(?<=[)）”》])\s+")


def one_label_per_name(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans with each name a text writes with two labels given the label most of its mentions have, as one article
    names one thing one way (温玉铁路 PROJECT twice and LOC once: PROJECT); a PROJECT mention keeps its label,
    since a project's name is often also read as the place it is being built at. A tie changes nothing.

    >>> text = "温玉铁路开工。温玉铁路全长40公里，温玉铁路经过温岭"
    >>> spans = [(0, 4, "PROJECT"), (7, 11, "PROJECT"), (18, 22, "LOC"), (24, 26, "LOC")]
    >>> [label for _, _, label in one_label_per_name(text, spans)]
    ['PROJECT', 'PROJECT', 'PROJECT', 'LOC']
    """
    labels: dict[str, Counter] = defaultdict(Counter)
    for s, e, label in spans:
        labels[text[s:e]][label] += 1
    settled = []
    for s, e, label in spans:
        votes = labels[text[s:e]].most_common(2)
        if len(votes) == 2 and votes[0][1] > votes[1][1] and label != "PROJECT":
            label = votes[0][0]
        settled.append((s, e, label))
    return settled


def _has_gap(view: RepairedText, start: int, end: int) -> bool:
    """Whether the view removed a gap of the page inside its span [start, end): a line break, or a space after a
    closing bracket or quote (南排工程(一期) 城北段项目). Other spaces are where a column's line ended inside a
    word (台州湾循环经济产业集聚区路 桥至椒江沿海公路工程), not gaps between two names."""
    s, e = view.to_original(start, end)
    return _GAP.search(view.original, s, e) is not None


class ProjectComponent:
    """Adds PROJECT entities found by :func:`kg.projects.find_projects` (by default only names the text marks
    as names, with quotes, a phase, a code or a city's line: ``plain_heads``); a project replaces the entities it
    covers, and the city or county written just before it is a LOC (温岭市 + 南排工程, 台州市 +
    电力检修配中心项目) even where the tagger had read the whole as one name. A place the NER found that is named
    as a development zone (经开区) or a new area (台州湾新区), a new town written as works under way (龙港新城建设)
    or a name with a phase (丁山三期) is a PROJECT. A project written “X”项目 is X (:func:`kg.projects.quoted_name`),
    and a zone named in full is then a project by its kind alone (… 经开区: :func:`kg.projects.short_zone_names`).

    A PROJECT the NER found is cut before a clause's time word run on into it (…一期工程 + 目前…), after a clause
    read into its start (马卫光宣布 + …项目: :func:`kg.projects.after_clause`; a place that is the clause's subject is
    a LOC: 温岭 + 调研 + 南排工程(一期)) and before the 项目 that follows a
    zone's name (银湖新区 + 项目集中开工: :func:`kg.projects.before_zone_projects`), kept where it
    passes the rules' vetoes (:func:`kg.projects.is_project_name`: 衢州项目, 平安台州 and “千万工程” do not),
    becomes a LOC where it names a site in use (:func:`kg.projects.is_site_in_use`), leaves the divisions it starts
    with to LOC (宁波市 + 中西医结合医院新建工程) and splits where it joins two projects. It wins over a rule's
    project that it names more fully (:func:`kg.projects.names_more_fully`) where no gap of the page lies inside it
    (:func:`_has_gap`: a line break, where OCR pages glue columns, or a space after a bracket; not a column's line
    end inside a word); any other rule's project wins, unless it names a site in use (a road the text uses as a
    landmark: 距杭金衢高速出入口4公里), starting after a name the NER found where the rule's first word began inside
    it (瓯江口产业集聚 | 区欣乐加…: :meth:`_start_after_names`).

    Last, for every entity of the doc: a name that starts with an opening bracket takes in the words before it
    (:func:`name_at_bracket`; here, where every component's names are settled), a project the part of the works
    in brackets after it (:func:`kg.projects.with_section`), a route the tagger split at 至 is joined
    (:func:`kg.projects.join_routes`) and so are places paired by a dash before a project
    (:func:`kg.projects.join_paired_places`), a zone's kind after a place is a project (:func:`zone_kinds`) and a place written without its level joins
    the project right after it (:func:`join_place_prefixes`), a name read on from a headline or caption line starts after it
    (``RepairedText.after_short_lines``), and a name the text writes with two labels takes its majority label
    (:func:`one_label_per_name`)."""

    def __init__(self, nlp: Language, name: str, *, heads: list[str], not_after: list[str], max_words: int,
                 plain_heads: bool = False):
        self.name = name
        self.heads = list(heads)
        self.not_after = list(not_after)
        self.max_words = max_words
        self.plain_heads = plain_heads

    def __call__(self, doc: Doc) -> Doc:
        view = repaired_view(doc)
        orgs = [view.to_view(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
        found = find_projects(view.text, heads=self.heads, not_after=self.not_after, places=_view_places(doc, view),
                              orgs=[span for span in orgs if span is not None], max_words=self.max_words,
                              plain_heads=self.plain_heads)
        ents: list[tuple[int, int, str]] = []  # the NER's entities, settled, as spans of the view
        unmapped: list[Span] = []  # another backend's names that start or end on a character the view removed
        for ent in doc.ents:
            span = view.to_view(ent.start_char, ent.end_char)
            if span is None:
                unmapped += [ent] if ent.label_ != "PROJECT" else []
                continue
            label: str | None = ent.label_
            if label == "PROJECT":  # …一期工程 + 目前桩基工程, …工程 + 污水管道: a clause or a part ran on into it
                span = (span[0], before_time_word(view.text, *span))
                span = trim_span(view.text, span[0], before_run_on(view.text, *span))
                cut = after_clause(view.text, *span, heads=self.heads)  # 马卫光宣布 + …项目
                if place_end := clause_place(view.text, span[0], cut):  # 温岭 + 调研 + 南排工程(一期)
                    ents.append((span[0], place_end, "LOC"))
                span = (cut, span[1])
                span = (span[0], before_zone_projects(view.text, *span))  # 银湖新区 + 项目
                label = self._model_project(view, span)
                if label == "LOC":  # 北干一苑社区 + 由北干一苑小区组成: a place that ran on into a clause
                    span = (span[0], span[0] + cut_at_verb(view.text[slice(*span)]))
            if label == "LOC" and (view.text.endswith(ZONES, *span) or view.text.endswith(NEW_AREAS, *span)
                                   and not is_division(view.text[slice(*span)])
                                   or is_new_town_being_built(view.text, *span)
                                   or _ENDS_IN_PHASE.search(view.text, *span)):
                label = "PROJECT"
            if label == "PROJECT" and ent.label_ == "PROJECT":
                divisions = leading_divisions(view.text, *span)
                ents += [(s, e, "LOC") for s, e in divisions]
                name_start = self._name_start(view.text, divisions[-1][1] if divisions else span[0], span[1])
                if name_start is not None and not view.text.startswith("级", name_start):  # 浙江省 + 级经济开发区
                    names = split_joined(view.text, name_start, span[1], set(self.heads))
                    ents += [(s, e, "PROJECT") for s, e in names]
            elif label is not None:
                ents.append((*span, label))
            elif ent.label_ == "PROJECT" and HONOUR.search(view.text, *span):  # 浙江省 + 国防教育基地: a title
                ents += [(s, e, "LOC") for s, e in leading_divisions(view.text, *span)]  # its giver is a place
        model_projects = [(s, e) for s, e, label in ents if label == "PROJECT" and not _has_gap(view, s, e)]
        found = [p for p in found if not any(names_more_fully(view.text, m, p, self.heads) for m in model_projects)
                 and not is_site_in_use(view.text, *p)]
        found = [p for s, e in found if (p := self._start_after_names(view.text, s, e, ents)) is not None]
        found = [(start, e) for s, e in found if (start := self._name_start(view.text, s, e)) is not None]
        places: list[tuple[int, int, str]] = []
        for s, e in found:
            n = next((n for n in range(min(6, s), 2, -1) if is_division(view.text[s - n:s])), 0)
            if n:
                places.append((s - n, s, "LOC"))
        kept = [ent for ent in ents if not any(ent[0] < e and s < ent[1] for s, e in found)]  # a rule's project wins
        kept += [p for p in places if all(p[1] <= s or p[0] >= e for s, e, _ in kept)]
        kept += [(s, e, "PROJECT") for s, e in found]
        kept = [(*(quoted_name(view.text, s, e) or (s, e)), label) if label == "PROJECT" else (s, e, label)
                for s, e, label in kept]  # “青创园”项目 -> 青创园
        for s, e, label in list(kept):
            a, b = name_at_bracket(view.text, s, e)  # 卓尔博 + (宁波)公司年产…项目
            if (a, b) != (s, e) and (s, e, label) in kept and not any(x < a < y for x, y, _ in kept if x != s):
                kept = [ent for ent in kept if ent[1] <= a or ent[0] >= b] + [(a, b, label)]  # not from inside a name
        for s, e, label in [ent for ent in kept if ent[2] == "PROJECT"]:
            b = with_section(view.text, s, e)  # 彩虹快速路工程 + (萧山段)
            if b != e and (s, e, label) in kept and not any(x < b < y for x, y, _ in kept):
                kept = [ent for ent in kept if ent[1] <= s or ent[0] >= b] + [(s, b, label)]
        zones = short_zone_names(view.text, [(s, e) for s, e, label in kept if label == "PROJECT"])
        kept += [(s, e, "PROJECT") for s, e in zones if all(e <= a or s >= b for a, b, _ in kept)]  # … 经开区
        kept = join_routes(view.text, kept)  # 苍南 + 至泰顺高速公路工程
        kept = join_paired_places(view.text, kept)  # 天台 + - + 路桥山海协作项目
        kept = zone_kinds(view.text, kept)  # 台州 + 综保区
        kept = join_place_prefixes(view.text, kept, lambda s, e: _has_gap(view, s, e))  # 宁波 + 杭州湾滨海新城
        kept = [(view.after_short_lines(s, e), e, label) for s, e, label in kept]  # 图片 + 杜桥眼镜综合城
        kept = one_label_per_name(view.text, kept)
        spans = (doc.char_span(*view.to_original(s, e), label=label, alignment_mode="expand") for s, e, label in kept)
        doc.ents = filter_spans([span for span in spans if span is not None] + unmapped)
        doc._.kg_view = None  # the last kg component: the view served the others, and would not serialise
        return doc

    def _name_start(self, text: str, start: int, end: int) -> int | None:
        """Where the project name ``text[start:end]`` starts after a verb read into it (建设 + 351国道…工程;
        :func:`kg.projects.after_leading_verb`), or None when no name is left (新建项目, 新建2条过水隧道)."""
        named = after_leading_verb(text, start, end)
        if named == start:
            return start
        if end - named >= 4 and is_project_name(text, named, end, heads=self.heads, not_after=self.not_after):
            return named
        return None

    def _start_after_names(self, text: str, start: int, end: int,
                           ents: Sequence[tuple[int, int, str]]) -> tuple[int, int] | None:
        """A rule's project name that starts inside a name the NER found starts after it, where jieba glued the
        first word onto that name's last character (瓯江口产业集聚 | 区欣乐加 | 生物科技产业园(一期): the NER's
        瓯江口产业集聚区 ends the word's place, and 欣乐加生物科技产业园(一期) is the project); None where no
        project name is left."""
        inside = [e for s, e, _ in ents if s < start < e < end]
        if not inside:
            return start, end
        start = max(inside)
        return (start, end) if is_project_name(text, start, end, heads=self.heads, not_after=self.not_after) else None

    def _model_project(self, view: RepairedText, span: tuple[int, int]) -> str | None:
        """The label a PROJECT the model tagged keeps: none where the rules veto it
        (:func:`kg.projects.is_project_name`), unless it ends in a firm's legal form (有限公司: ORG); LOC where it
        names a site in use (:func:`kg.projects.is_site_in_use`)."""
        if not is_project_name(view.text, *span, heads=self.heads, not_after=self.not_after):
            return "ORG" if view.text.endswith(FIRM_SUFFIXES + ("公司",), *span) else None  # …新能源科技有限公司
        return "LOC" if is_site_in_use(view.text, *span) else "PROJECT"


class Entities:
    """A doc's entity spans, kept sorted by start so that those a span crosses are found by bisection: a text of
    thousands of names (a roll call, a long report) is read in linear time, where a scan of all of them for each
    name took quadratic time (a roll call of 5,000 credits: a minute).

    >>> doc = spacy.blank("zh")("台州市椒江区")
    >>> found = Entities([Span(doc, 3, 6, "LOC"), Span(doc, 0, 3, "LOC")])
    >>> found.replace(found.crossing(Span(doc, 2, 4)), [Span(doc, 2, 4, "ORG")])
    >>> [(x.text, x.label_) for x in found.spans]
    [('市椒', 'ORG')]
    """

    def __init__(self, spans: Iterable[Span]):
        self.spans = sorted(spans, key=_start)
        self.longest = max((len(x) for x in self.spans), default=0)

    def crossing(self, span: Span) -> list[Span]:
        """The spans that share a token with ``span``."""
        return [x for x in self.spans[self._near(span.start, span.end)] if x.end > span.start]

    def replace(self, old: Sequence[Span], new: Sequence[Span]) -> None:
        """Remove the spans ``old`` (any it holds: those :meth:`crossing` gave) and add ``new``."""
        if old:
            near = self._near(min(x.start for x in old), max(x.end for x in old))
            self.spans[near] = [x for x in self.spans[near] if x not in old]
        for span in new:
            insort(self.spans, span, key=_start)
            self.longest = max(self.longest, len(span))

    def _near(self, start: int, end: int) -> slice:
        # the spans that start before `end` and at most `longest` tokens before `start`
        return slice(bisect_left(self.spans, start - self.longest, key=_start),
                     bisect_left(self.spans, end, key=_start))


def _start(span: Span) -> int:
    return span.start


class BodyComponent:
    """Adds ORG entities for bodies named by their level (市政府, 区人大; :func:`kg.bodies.find_bodies`) and news
    media named by their place (浙江在线; :func:`kg.bodies.find_media`) over the entities inside them (a place the
    name takes in: 台州市 + 委, 浙江 + 在线; a body the tagger read as a person: 浙江省 + 卫健委; a zone the tagger
    read as a project: 瓯江口产业集聚区 + 环保局) where no other entity crosses them, the other name an
    organisation gives in brackets after its own (台州市工商联(总商会); :func:`kg.bodies.bracketed_names`), a body
    named in quotes (“银发先锋服务队”; :func:`kg.bodies.quoted_bodies`) and the
    committee that runs a zone the NER found (浙江椒江经济开发区 + 管理委员会; :func:`kg.bodies.committee_names`)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = repaired_view(doc)
        found = Entities(doc.ents)
        places = _view_places(doc, view)
        zones = [view.to_view(x.start_char, x.end_char) for x in found.spans if x.label_ == "PROJECT"]
        named = places + [zone for zone in zones if zone is not None]  # 瓯江口产业集聚区 + 环保局
        for s, e in find_bodies(view.text, places=named) + find_media(view.text, places):
            body = doc.char_span(*view.to_original(s, e), label="ORG", alignment_mode="expand")
            if body is None:
                continue
            overlapping = found.crossing(body)
            # a place read with the level into another name joins the body (鄞州区委 + 报道组, 临安区 + 发改局)
            joined = next((x for x in overlapping if x.start < body.start < x.end <= body.end
                           and is_place_name(doc[x.start:body.start].text.strip())), None)
            if joined is not None:
                body = Span(doc, joined.start, body.end, label="ORG")
            if all(body.start <= x.start and x.end <= body.end for x in overlapping):  # 浙江省 + 卫健委 read as PER
                found.replace(overlapping, [body])
        for s, e in find_new_media(view.reading):  # 衢州发布, 共享联盟天台站: over whatever the tagger read there
            medium = doc.char_span(s, e, label="ORG", alignment_mode="expand")
            if medium is not None:
                found.replace(found.crossing(medium), [medium])
        found = Entities(_join_divisions(doc, view, found.spans))
        spans = [(view.to_view(x.start_char, x.end_char), x.label_) for x in found.spans]
        names = [span for span, _ in spans if span is not None]
        orgs = [span for span, label in spans if span is not None and label == "ORG"]
        added = bracketed_names(view.text, orgs) + committee_names(view.text, names)  # 台州市工商联(总商会), …开发区管委会
        for s, e in added:
            other = doc.char_span(*view.to_original(s, e), label="ORG", alignment_mode="expand")
            if other is not None:
                found.replace(found.crossing(other), [other])
        for s, e in quoted_bodies(view.text):  # “银发先锋服务队”: over what the tagger read inside the quotes
            body = doc.char_span(*view.to_original(s, e), label="ORG", alignment_mode="expand")
            inside = found.crossing(body) if body is not None else []
            if body is not None and all(body.start <= x.start and x.end <= body.end for x in inside):
                found.replace(inside, [body])
        doc.ents = found.spans
        return doc


def _join_divisions(doc: Doc, view: RepairedText, ents: list[Span]) -> list[Span]:
    """``ents`` with a division written just before an organisation joined to it (玉环市 + 住房和城乡建设局 ->
    玉环市住房和城乡建设局), as the annotated local news names a local body: the tagger often reads the place
    alone. Not where the organisation starts with a place of its own (丽水市 + 云和县委, 城西街道 +
    湖畔社区党总支: two names)."""
    joined: list[Span] = []
    for ent in sorted(ents, key=lambda x: x.start):
        before = joined[-1] if joined else None
        if (before is not None and before.label_ == "LOC" and ent.label_ == "ORG" and before.end == ent.start
                and is_division(_view_text(view, before)) and not _starts_with_place(_view_text(view, ent))):
            joined[-1] = Span(doc, before.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return joined


def _view_text(view: RepairedText, span: Span) -> str:
    mapped = view.to_view(span.start_char, span.end_char)
    return view.text[slice(*mapped)] if mapped else span.text


_VILLAGE_START = re.compile(r"^[^\W\d_]{1,4}?(?:社区|村)")


def _starts_with_place(name: str) -> bool:
    """Whether ``name`` starts with a place of the gazetteer (云和县委, 三门县委), of two to four characters, or
    with a community or village (湖畔社区党总支, 晋生村党总支)."""
    return any(is_place_name(name[:n]) for n in range(2, min(4, len(name) - 1) + 1)) or bool(_VILLAGE_START.match(name))


# Common Chinese surnames (the first character of a two-character person name that may be repeated).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛"
    "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
    "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝郦楼屠裘诸"
    # and surnames of Zhejiang (斯 of 诸暨, 竺 of 嵊州, 钭 of 缙云, 泮 of 台州, 忻 and 劳 of 宁波) and others of the
    # country's four hundred most common that the list above lacked (习, 洪, 赖, 宣)
    "习洪赖斯茅劳竺厉胥忻钭宣郁储谈练冼鄢封狄计茹鞠荆匡禹凤谌贝蔺闻郜晋靖粟冀阚钮乐浦伏揭晁敬邸巢扈桓嵇邰帅"
    "危戈羊蒯郏泮蒉邴栗雍慎汝濮寿奚於戎姒元楚索求居来阙芮沃")
_SUFFIX = re.compile("(?:省|市|县|区|镇|乡|街道)$")
_OPENING_QUOTES, _CLOSING_QUOTES = "“\"‘'", "”\"’'"


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether an edge of ``text[start:end]`` makes a dictionary word with the character beside it."""
    return (start > 0 and is_word(text[start - 1:start + 1])) or (end < len(text) and is_word(text[end - 1:end + 1]))


def find_repeats(text: str, names: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each further place where ``text`` writes a name already found in it (``names``), so
    that a name is tagged wherever its article writes it: the tagger finds 戴冬林 after 区委书记 but can miss it at
    the start of a later sentence. A town or county found in full also gives its short form (沿江 of 沿江镇), and
    a firm its short name (中杭水泵 of 浙江中杭水泵股份有限公司) unless that is a common word (市场 of
    义乌市场集团).

    Not repeated, since a wrong name would be repeated too: names of one character, names found only in quotes
    (“狮团”, a nickname; not a short name the text declares: 下称“桂林蓝宇”), common words of jieba's dictionary
    (督查), two-character person names that do not start with a common surname (中杭 of 中杭水泵). A name written
    with different labels keeps the one it has most often. A repeat that crosses or equals a found name, or whose
    edge makes a word of the dictionary with the character beside it, is not taken, nor a place that ends a slogan
    (美丽浙江); a found name inside a repeat gives way to it.

    >>> text = "区委书记戴冬林调研。戴冬林指出，要把湖畔社区建好。湖畔社区，美丽湖畔社区"
    >>> [(text[s:e], label) for s, e, label in find_repeats(text, [(4, 7, "PER"), (18, 22, "LOC")])]
    [('戴冬林', 'PER'), ('湖畔社区', 'LOC')]
    >>> text = "义乌市场集团建成。撑起市场迭代，浙江中杭水泵有限公司。中杭水泵"
    >>> [(text[s:e], label) for s, e, label in find_repeats(text, [(0, 6, "ORG"), (16, 26, "ORG")])]
    [('中杭水泵', 'ORG')]
    """
    counts: dict[str, Counter[str]] = {}
    for start, end, label in names:
        name = text[start:end]
        quoted = 0 < start and end < len(text) and text[start - 1] in _OPENING_QUOTES and text[end] in _CLOSING_QUOTES
        quoted = quoted and declared_short_name(text, start, end) is None  # (下称“桂林蓝宇”) is a name
        if end - start < 2 or is_common_word(name) or quoted:
            continue
        if label == "PER" and end - start == 2 and name[0] not in SURNAMES:  # 中杭 in 中杭水泵: the tagger's slip
            continue
        counts.setdefault(name, Counter())[label] += 1
        short = _SUFFIX.sub("", name) if label == "LOC" else firm_short_name(name) if label == "ORG" else None
        if label == "ORG" and short and is_common_word(short):  # 市场 of 义乌市场集团 is the market
            short = None
        if short and len(short) >= 2 and short != name:  # 沿江 for 沿江镇, 中杭水泵 for 浙江中杭水泵股份有限公司
            counts.setdefault(short, Counter())[label] += 1
    if not counts:
        return []
    found = []
    spans = sorted((s, e) for s, e, _ in names)  # looked up by start, so that a long text is not quadratic
    starts, longest = [s for s, _ in spans], max((e - s for s, e in spans), default=0)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(counts, key=len, reverse=True)))
    for match in pattern.finditer(text):
        start, end = match.span()
        near = spans[bisect_left(starts, start - longest):bisect_left(starts, end)]
        # a found name it crosses or equals stops a repeat; one inside it (中杭 of 中杭水泵) gives way to it
        if any(start < e and not (start <= s and e <= end and (s, e) != (start, end)) for s, e in near):
            continue
        label = counts[match.group()].most_common(1)[0][0]
        if _inside_word(text, start, end) or label == "LOC" and text.endswith(_SLOGAN_WORDS, 0, start):
            continue  # 美丽浙江建设: a slogan, as the tagger's own places (_place_edges)
        found.append((start, end, label))
    return found


# What a place or building named after a person goes on with (周伯明故居, 鲁迅纪念馆, 侯仁东党建工作室): the person
# stays a person where the doc names them alone.
_NAMED_AFTER = ("故居", "旧居", "纪念", "墓", "陵园", "祠", "工作室", "铜像", "雕像")


def names_inside_names(text: str, names: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``names`` with a person's name that starts a longer organisation, place or project name of the same text
    relabelled as that one (德力西 of 德力西电气有限公司 and 德力西工业园 is a firm, 德清 of 德清县 a place): the
    tagger reads a short firm name as a person when it looks like one. Not where the longer name goes on with a
    one-character verb or preposition, or with a verb that names no works in its first two words (方晖 + 来集团,
    李唯 + 向调研组, 张文科 + 实地察看项目, 侯仁东 + 征集社区: the tagger ran a person into a clause; 改扩建 and
    the like sit inside names), nor where it is a place named after the person (周伯明 + 故居).

    >>> text = "调研德力西电气有限公司。德力西是标兵。方晖来集团调研，方晖说"
    >>> [(text[s:e], label) for s, e, label in names_inside_names(text, [(2, 11, "ORG"), (12, 15, "PER"),
    ...                                                              (19, 24, "ORG"), (27, 29, "PER")])]
    [('德力西电气有限公司', 'ORG'), ('德力西', 'ORG'), ('方晖来集团', 'ORG'), ('方晖', 'PER')]
    >>> text = "张文科实地察看项目。张文科指出。侯仁东征集社区意见，侯仁东说。周伯明故居里有周伯明的书"
    >>> names_inside_names(text, [(0, 9, "PROJECT"), (10, 13, "PER"), (16, 23, "LOC"), (26, 29, "PER"),
    ...                           (32, 37, "LOC"), (39, 42, "PER")])
    [(0, 9, 'PROJECT'), (10, 13, 'PER'), (16, 23, 'LOC'), (26, 29, 'PER'), (32, 37, 'LOC'), (39, 42, 'PER')]
    """
    persons = {text[s:e] for s, e, label in names if label == "PER" and e - s >= 2}
    longer: dict[str, str] = {}
    for start, end, label in names:
        name = text[start:end]
        starts = [name[:n] for n in range(2, len(name) - 1) if name[:n] in persons] if label != "PER" else []
        for person in starts:  # the name's own starts looked up, not every person tried on every name (a roll call)
            if person in longer or name.startswith(_NAMED_AFTER, len(person)):
                continue
            rest = posseg.lcut(name[len(person):], HMM=False)
            if not (len(rest[0].word) == 1 and rest[0].flag[:1] in ("v", "p")) and not any(
                    w.flag == "v" and len(w.word) >= 2 and w.word not in NAME_VERBS for w in rest[:2]):
                longer[person] = label
    return [(s, e, longer.get(text[s:e], label) if label == "PER" else label) for s, e, label in names]


class RepeatComponent:
    """Relabels a person's name that starts a longer name of the doc (:func:`names_inside_names`) and adds an
    entity wherever the doc repeats a name found in it (:func:`find_repeats`)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = repaired_view(doc)
        names = []
        for ent in doc.ents:
            span = view.to_view(ent.start_char, ent.end_char)
            if span is not None:
                names.append((*span, ent.label_))
        names = names_inside_names(view.text, names)
        spans = [doc.char_span(*view.to_original(s, e), label=label, alignment_mode="expand")
                 for s, e, label in names + find_repeats(view.text, names)]
        doc.ents = filter_spans([span for span in spans if span is not None])
        return doc


# A byline: a reporter's or a page editor's role, then names separated by spaces (本报讯(记者 李敏 童俊 通讯员
# 柳博姗), 本版编辑 王 健  美编 林晓; a paper's county stringers are one too: 记者 杨群 共享联盟天台站 李兆葵); a
# news agency's or a paper's dateline credit (16日电(陈巧珍 葛妍君), 本报讯(钟斯洋 袁 颖)), an author's line (作者:
# 李钱乾 林楠), a ■ or □ credit, a photo credit in brackets ((池长峰 摄)), a credit in brackets that closes a
# paragraph after its last sentence (。(朱建达 盛 开)) and a line that credits the text or the photographs (文 /
# 赵会营 石全, 摄影:苏巧将, 摄影 杨 辉, 摄 制图 高薇) open such a run too.
_ROLES = (r"记\s?者|通[ \t]?讯[ \t]?员|报[ \t]?道[ \t]?组|实[ \t]?习[ \t]?生"  # an OCR space may fall inside
          r"|编[ \t]?辑|美[ \t]?编|责[ \t]?编|校[ \t]?对")  # a page's editors: 本版编辑 王 健  美编 林晓
_ROLE = re.compile(r"(?:" + _ROLES + "|" + STRINGER
                   + r"[\u4e00-\u9fff](?:[ \t]?[\u4e00-\u9fff]){1,4}?(?=[ \t\u3000]))[ \t\u3000:：/]*")
_RUN_OPENER = re.compile(_ROLE.pattern + r"|(?<=[电讯])[ \t\u3000]*[(（]|(?<=作者)[:：][ \t\u3000]*|[■□][ \t\u3000]*"
                         r"|[(（](?=[\u4e00-\u9fff]{2,3}[ \t\u3000]?摄[)）])"
                         r"|(?<=[。！？!?])\s*[(（](?=[^()（）\n]{3,20}[)）][ \t\u3000]*$)"
                         r"|^[ \t\u3000]*(?:文|图|摄影|图片|撰稿)[ \t\u3000]*[:：/／][ \t\u3000]*"
                         r"|(?<![\u4e00-\u9fff])(?:摄影|制图)[ \t\u3000]+", re.M)
# A name in a byline: two or three characters up to a space, a bracket, a slash, a credit (文/摄) or the line's
# end, four up to a space, or a two-character name that OCR split with a space (王 珏); optionally followed by
# /文, /摄.
_BYLINE_NAME = re.compile(r"((?:[\u4e00-\u9fff] [\u4e00-\u9fff](?![\u4e00-\u9fff])"
                          r"|[\u4e00-\u9fff]{2,3}(?<!摄)(?=[ \t\u3000)）/、摄]|文[/／]|$)"
                          r"|[\u4e00-\u9fff]{4}(?=[ \t\u3000])))(?:/[文摄])?[ \t\u3000、]*", re.M)
# What ends a byline: a bracket, the line's end, a slash (/ 编辑), a credit (文/摄, 摄, 文/图), the next role with its
# unit before it (区委报道组, 象山记者站, 责任编辑), or the next field of a web page's header (字数, 字体).
_BYLINE_END = re.compile(r"[)）/\n]|$|(?:文[/／])?摄|文$|[文图][/／][文图]|[\u4e00-\u9fff]{0,8}?(?:" + _ROLES + ")"
                         r"|字数|字体|字号", re.M)
# A line that holds only names (樊建亮 刘 斌 郑 荣 under a headline): two or more, each starting with a surname.
_NAME_LINE = re.compile(r"^[ \t\u3000]*(?=\S+[ \t\u3000]+\S)", re.M)


# A three-character name that OCR split with a space: a surname alone before two characters (黄 慧仙), or two
# characters before one that starts no name (金晓 欣), each up to what ends a byline's name.
_SPLIT_NAME = re.compile(r"(?:([\u4e00-\u9fff]) [\u4e00-\u9fff]{2}|[\u4e00-\u9fff]{2} ([\u4e00-\u9fff]))"
                         r"(?=[ \t\u3000)）/]|$)(?:/[文摄])?[ \t\u3000、]*", re.M)
_NOT_NAME_END = frozenset("摄文图报讯等著编")  # 李敏 摄: a credit after the name, not its third character
# A dateline credit of two names or more, each of two or three characters, up to its closing bracket (今日镇江讯(巫彤
# 步婷 庆海 凤春)): names even where one is written without its surname, as some papers credit their staff.
_CREDIT_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{2,3}[ \t\u3000]+)+[\u4e00-\u9fff]{2,3}(?=[ \t\u3000]*[)）])")
_NON_SPACE = re.compile(r"\S+")


def _byline_name(text: str, at: int) -> tuple[tuple[int, int], int] | None:
    """The span of the byline name at ``at`` and where the next one may start, or None."""
    split = _SPLIT_NAME.match(text, at)
    if split and (split.group(1) in SURNAMES if split.group(1) else split.group(2) not in SURNAMES | _NOT_NAME_END
                  and not _ROLE.match(text, split.start(2))):  # 徐平 通 讯员: the next role, OCR split
        return (at, at + 4), split.end()
    if (joined := _JOINED_NAMES.match(text, at)) and (first := _first_of_two_names(joined.group())):
        return (at, at + first), at + first  # 袁野郭晟源: 袁野, then 郭晟源
    name = _BYLINE_NAME.match(text, at)
    return (name.span(1), name.end()) if name else None


# Two names written together with no space, up to the byline's bracket or line end (通讯员袁野郭晟源); a unit
# ends no name (安吉县林业局).
_JOINED_NAMES = re.compile(r"[\u4e00-\u9fff]{5,6}(?=[)）\n]|$)", re.M)
_UNIT_ENDS = frozenset("省市县区镇乡村局委办厅部院所队站社会司")


def _first_of_two_names(run: str) -> int:
    """The length of the first of two names written together (2 + 3 or 3 + 2 characters, 3 + 3), each starting
    with a common surname, where only one such cut exists; else 0 (a four-character name stays one).

    >>> [_first_of_two_names(run) for run in ("袁野郭晟源", "汪科达徐浩跃", "走进海陵九龙", "王华李明华", "安吉县林业局")]
    [2, 3, 0, 0, 0]
    """
    cuts = [n for n in (2, 3) if 2 <= len(run) - n <= 3 and run[0] in SURNAMES and run[n] in SURNAMES
            and not is_word(run[n - 1:n + 1]) and not any(
                is_place_name(part) or part[-1] in _UNIT_ENDS for part in (run[:n], run[n:]))]
    return cuts[0] if len(cuts) == 1 else 0


def _name_run(text: str, at: int) -> tuple[list[tuple[int, int]], int]:
    """The names of a byline run that starts at ``at`` (each with a common surname, roles between them read
    over), and where the run stops."""
    names = []
    while found := _byline_name(text, at):
        span, after = found
        if text[span[0]] not in SURNAMES:
            break
        names.append(span)
        at = after
        if next_role := _ROLE.match(text, at):  # 记者 李敏 通讯员 柳博姗
            at = next_role.end()
    return names, at


def byline_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each reporter's name in the bylines of ``text``: after a role (记者, 通讯员, 报道组, 实习生;
    a page's 编辑, 美编, 责编, 校对), a dateline's 电( or an author's line, the names that follow one by one, each
    ended by a space, a bracket, a slash or the line's end, and each starting with a common surname, the run ended
    by a bracket, the line's end, a credit (文/摄) or the page's next field (字数, 字体); a dateline credit of
    names up to its bracket, with or without a surname (讯(巫彤 步婷 庆海 凤春)); a credit in brackets that ends a
    paragraph after its last sentence (。(朱建达 盛 开)); and a line that holds only such names, two or more, none
    a dictionary word or ending in a particle (路通了 景美了 is a headline). The
    tagger misses names in such runs (陈越 冯洁, 县委报道组 方镖 杨远航), reads two as one (刘万铭 林杰) and cuts a
    four-character one (张笑川雨); in running text (记者王博在现场, 记者邹德 浩报道 with an OCR space) the run does
    not end so, and nothing is taken.

    >>> text = "本报讯(记者张笑川雨 通讯员 梁伟伟)1月22日。本报记者 沈孙晖 王 珏 文/摄\\n记者了解到，记者王博在现场"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['张笑川雨', '梁伟伟', '沈孙晖', '王 珏']
    >>> text = "本报通讯员王华斌摄。本报讯记者邹德 浩报道："
    >>> [text[s:e] for s, e in byline_names(text)]
    ['王华斌']
    >>> text = "新华社杭州9月16日电(陈巧珍 葛妍君)今年。\\n樊建亮 刘 斌 郑 荣\\n高峰 江山\\n路通了 景美了"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['陈巧珍', '葛妍君', '樊建亮', '刘 斌', '郑 荣']
    >>> text = "县委报道组蒋攀 通讯员吴立高文/摄\\n(记者 杨群 共享联盟天台站 李兆葵)\\n来源: 潮新闻 共享联盟·温岭 江文辉"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['蒋攀', '吴立高', '杨群', '李兆葵', '江文辉']
    >>> text = "(记者 杨群 共享联盟天 台站 李兆葵 共享 联盟奉化站 严世君)\\n记者 斯信忠 县委报 道组 徐平 通 讯员 顾筠"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['杨群', '李兆葵', '严世君', '斯信忠', '徐平', '顾筠']
    >>> text = "港口强区\\n文 / 赵会营 石全\\n2015年，镇海区迎来建区30周年。\\n摄影:苏巧将\\n记者 斯信忠 县委报道组 徐平"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['赵会营', '石全', '苏巧将', '斯信忠', '徐平']
    >>> text = "(记者 陆遥 王婷 黄 慧仙/文 杨子宸/摄)\\n(通讯员 金晓 欣 卢靖愉)\\n(记者 李敏 摄)"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['陆遥', '王婷', '黄 慧仙', '杨子宸', '金晓 欣', '卢靖愉', '李敏']
    >>> text = "作者:郭乐燕 赖淼莲 字体:大 中 小\\n□ 叶晖 吕信渊 倪中勇\\n会员大会现场 (池长峰 摄)\\n(我们 都说)"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['郭乐燕', '赖淼莲', '叶晖', '吕信渊', '倪中勇', '池长峰']
    >>> text = "本版编辑 王 健  美编 林晓\\n记者、编辑结下深厚的友谊"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['王 健', '林晓']
    >>> text = "今日镇江讯(巫彤 步婷 庆海 凤春)总投资。新华社电(市委 市政府)\\n优势群体。(朱建达 盛 开)\\n他说。(上接第一版)"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['巫彤', '步婷', '庆海', '凤春', '朱建达', '盛 开']
    >>> text = "(记者王金植 通讯员黄明水 文/图)24日，本报记者 李四 图/文"
    >>> [text[s:e] for s, e in byline_names(text)]
    ['王金植', '黄明水', '李四']
    """
    found: list[tuple[int, int]] = []
    at = 0
    for opener in _RUN_OPENER.finditer(text):
        if opener.start() < at:  # a role inside a byline already read
            continue
        names, at = _name_run(text, opener.end())
        if _BYLINE_END.match(text, at):  # not 记者邹德 浩报道 (a name OCR split, then running text)
            found += names
        elif text[opener.start() - 1:opener.start()] in ("电", "讯") and (
                credit := _CREDIT_NAMES.match(text, opener.end())):  # 讯(巫彤 步婷 庆海 凤春)
            words = [m.span() for m in _NON_SPACE.finditer(text, credit.start(), credit.end())]
            if not any(is_word(text[s:e]) for s, e in words):
                found += words
            at = credit.end()
    for line in _NAME_LINE.finditer(text):
        names, end = _name_run(text, line.end())
        if len(names) >= 2 and (end == len(text) or text[end] == "\n") and not any(
                is_word(text[s:e]) or text[e - 1] in "了的着过吗呢" for s, e in names):  # not 路通了 景美了
            found += names
    return sorted(set(found))


# A web page's source line (来源: 浙江在线-浙江日报 记者 …), a wire-style opening (温州网讯 近日…, 浙江在线天台11月21日讯,
# with the place and day reported from) and a page's header (杭州网  发布时间:…): the publisher is an organisation;
# "-" joins two of them, and names may follow it (来源: 丽水网 叶捷 吴厚非).
_SOURCE = re.compile(r"(?:信息)?来源[ \t\u3000]*[:：丨|][ \t\u3000]*([^\s|/:：,，。()（）【】\d]{2,24}?)"
                     r"(?=[\s|/\d]|$|作者|发布[时日]|时间|记者|编辑|浏览)", re.M)
_SPACES = re.compile(r"[ \t\u3000]*")
# One publisher of a source line that names several, joined by dashes or 、 (浙江在线-钱江晚报, 杭州网—杭州日报);
# of a wire-style opening, joined by a slash or 、 (大江网/萍乡头条客户端讯).
_PUBLISHER = re.compile(r"[^-—–、]+")
_SLASHED = re.compile(r"[^/、]+")
# A wire-style opening starts a line or a bracket ((渊明网讯 通讯员…); one with its day (东南网8月31日讯) may follow a
# caption on its line. Two publishers may share it, a slash or 、 between them (大江网/萍乡头条客户端讯).
_NEWS_OPENING = re.compile(r"(?:^[ \t\u3000■]*|(?<=[(（]))(?:([\u4e00-\u9fff][^\s\d，。,;；:：!！?？“”]{0,13}?"
                           r"(?:网|报|台|在线|客户端))(?<!本报)(?<!本网)讯"
                           r"|(?!本网)([\u4e00-\u9fff]{1,8}(?:网|在线|日报|晚报))[ \t\u3000]+发布时间)"
                           r"|(?<![\u4e00-\u9fff/])(?!本报|本网)([\u4e00-\u9fff]{1,8}?(?:网|报|在线))[\u4e00-\u9fff]{0,3}"
                           r"\d{1,2}月\d{1,2}日讯", re.M)


def source_names(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of the publishers and of the persons that a source line or a wire-style opening names.

    >>> text = "来源: 浙江在线-钱江晚报 作者:x\\n来源: 丽水网 叶捷 吴厚非\\n温州网讯 近日，本报讯(记者 王敏)\\n来源:黄岩区"
    >>> orgs, persons = source_names(text)
    >>> [text[s:e] for s, e in orgs], [text[s:e] for s, e in persons]
    (['浙江在线', '钱江晚报', '丽水网', '温州网'], ['叶捷', '吴厚非'])
    >>> text = "来源:杭州网—杭州日报 驻富阳记者"
    >>> [text[s:e] for s, e in source_names(text)[0]]
    ['杭州网', '杭州日报']
    >>> text = "浙江在线天台11月21日讯(记者 王敏)\\n杭州网  发布时间:2020-05-01\\n杭州网友说\\n浙江在线-台州频道4月10日讯"
    >>> [text[s:e] for s, e in source_names(text)[0]]
    ['浙江在线', '杭州网']
    >>> text = "陈震 摄 东南网8月31日讯(本网讯)\\n(渊明网讯 通讯员:张余)\\n大江网/萍乡头条客户端讯 欧阳\\n本网8月1日讯"
    >>> [text[s:e] for s, e in source_names(text)[0]]
    ['东南网', '渊明网', '大江网', '萍乡头条客户端']
    >>> text = "中国经济导报、中国发展网讯 记者鲍筱兰\\n武警某部切实抓好计生工作本报讯连续"
    >>> [text[s:e] for s, e in source_names(text)[0]]
    ['中国经济导报', '中国发展网']
    """
    orgs, persons = [], []
    for source in _SOURCE.finditer(text):
        start = source.start(1)
        publisher = source.group(1).removesuffix("讯")  # 来源:温州网讯 近日
        parts = [(0, len(publisher))] if publisher.endswith("频道") else [  # 人民网-浙江频道 is one
            m.span() for m in _PUBLISHER.finditer(publisher)]
        for a, b in parts:
            part = publisher[a:b]
            if len(part) >= 2 and not part.isascii() and not is_place_name(part) and not (
                    len(part) == 2 and is_word(part)):  # not 来源: 黄岩区, 来源: 网络
                orgs.append((start + a, start + b))
        names, at = _name_run(text, _SPACES.match(text, source.end(1)).end())  # type: ignore[union-attr]
        if names and _BYLINE_END.match(text, at):
            persons += names
    for opening in _NEWS_OPENING.finditer(text):
        group = opening.lastindex or 1  # the one publisher group that matched
        start = opening.start(group)
        orgs += [(start + m.start(), start + m.end()) for m in _SLASHED.finditer(opening[group])]
    return sorted(orgs), persons


def _outside(text: str, doc: Doc, ent: Span, name: Span) -> list[Span]:
    """``ent`` where it does not cross ``name``; where it crosses it and runs on over a line break past its end, the
    part after that line break (杨辉陶宇 + 大陈岛 read as one place across a byline's end: 大陈岛). ``text`` is
    ``doc.text``, which spaCy joins anew from the doc's tokens at each reading."""
    if ent.end <= name.start or name.end <= ent.start:
        return [ent]
    line = text.find("\n", name.end_char, ent.end_char)
    if ent.end <= name.end or line == -1:
        return []
    han = _HAN_RUN.search(text, line, ent.end_char)  # past a section's number (1 三角街)
    start = han.start() if han else ent.end_char
    rest = doc.char_span(start, ent.end_char, label=ent.label_)
    return [rest] if rest is not None and ent.end_char - start >= 2 else []


class ListComponent:
    """Settles the type of the items of a list closed by what they are (:func:`kg.lists.find_list_items`): an
    item found with another label takes the list's (特斯拉 of …等品牌 loses LOC; a LOC of …等企业 becomes ORG,
    unless the gazetteer has it: 北京、上海等全国400多家机构 says where they are), and an item of an organisation
    list that looks like a name becomes an ORG, over any entity inside it (林家一, 云和记 with its 云和, of
    …等知名餐饮店). The names a byline lists after a reporter's role are persons
    (:func:`byline_names`: 记者 李敏 童俊, 县委报道组 方镖 杨远航); the publishers a source line names are
    organisations (:func:`source_names`: 来源: 浙江在线-钱江晚报), and so are the guesthouses quoted beside 民宿
    (:func:`kg.lists.quoted_guesthouses`); each of these replaces the entities it crosses. The items of a short list
    of towns written without their unit are places where nothing else was found (:func:`kg.lists.town_lists`:
    双浦、转塘、留下、三墩), and so is the country or province an honour is named by (“中国五金之乡”:
    :func:`kg.lists.honoured_places`)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = repaired_view(doc)
        found = Entities(doc.ents)
        names = {span for x in found.spans if (span := view.to_view(x.start_char, x.end_char)) is not None}
        for s, e, label in find_list_items(view.text, names):
            item = doc.char_span(*view.to_original(s, e), alignment_mode="expand")
            if item is None:
                continue
            same = [x for x in found.crossing(item)
                    if (x.start, x.end) == (item.start, item.end) and x.label_ != "PROJECT"]
            if same and label == "ORG" and same[0].label_ == "LOC" and is_place_name(view.text[s:e]):
                continue  # 进入北京、上海等全国400多家机构, 与上海、杭州等地一流的医疗机构: where, not who
            if same:
                found.replace(same[:1], [Span(doc, item.start, item.end, label=label)] if label is not None else [])
            elif label == "ORG" and looks_like_name(view.text[s:e], quoted=view.text.startswith("”", e)):
                inside = found.crossing(item)
                if all(item.start <= x.start and x.end <= item.end for x in inside):  # 云和 of 云和记
                    found.replace(inside, [Span(doc, item.start, item.end, label=label)])
        places = {view.to_view(x.start_char, x.end_char) for x in found.spans if x.label_ == "LOC"}
        added = town_lists(view.text, {p for p in places if p is not None}) + honoured_places(view.text)
        for s, e in added:  # 双浦、转塘、留下、三墩; “中国五金之乡”
            item = doc.char_span(*view.to_original(s, e), label="LOC", alignment_mode="expand")
            if item is not None and not found.crossing(item):
                found.replace([], [item])
        orgs, persons = source_names(view.reading)
        orgs += [view.to_original(s, e) for s, e in quoted_guesthouses(view.text)]
        named = [(s, e, "ORG") for s, e in orgs] + [(s, e, "PER") for s, e in persons + byline_names(view.reading)]
        for s, e, label in named:  # 记者 李敏 童俊: a byline lists persons; 来源: 丽水网: a publisher
            name = doc.char_span(s, e, label=label, alignment_mode="expand")
            if name is not None:
                crossed = found.crossing(name)
                parts = [part for x in crossed for part in _outside(view.original, doc, x, name)]
                found.replace(crossed, parts + [name])
        doc.ents = found.spans
        return doc


@Language.factory("kg_tagger", default_config={"batch_chars": 4000, "int8": True, "min_prob": 0.5,
                                               "viterbi_labels": ["PROJECT"], "group_chars": GROUP_CHARS})
def make_tagger(nlp: Language, name: str, batch_chars: int, int8: bool, min_prob: float,
                viterbi_labels: list[str], group_chars: int) -> TaggerComponent:
    """The character BiLSTM-CRF tagger; ``batch_chars`` bounds the characters predicted in one batch, drawn from
    groups of docs of about ``group_chars`` characters; ``int8``
    predicts with 8-bit weights (faster on CPU); ``min_prob``: a span is an entity when the model's probability
    that it is exactly one exceeds this (0: the single best path instead), except that the best path's spans of
    ``viterbi_labels`` are kept whatever their probability (:meth:`kg.tagger.CRF.posterior_spans`)."""
    return TaggerComponent(nlp, name, batch_chars=batch_chars, int8=int8, min_prob=min_prob,
                           viterbi_labels=viterbi_labels, group_chars=group_chars)


@Language.factory("kg_bodies")
def make_bodies(nlp: Language, name: str) -> BodyComponent:
    """ORG names of bodies named by their level alone (市政府, 区人大, 市工商联)."""
    return BodyComponent(nlp, name)


@Language.factory("kg_repeats")
def make_repeats(nlp: Language, name: str) -> RepeatComponent:
    """A name found in a doc, tagged wherever the doc repeats it."""
    return RepeatComponent(nlp, name)


@Language.factory("kg_lists")
def make_lists(nlp: Language, name: str) -> ListComponent:
    """The items of a list closed by what they are (…等企业, …等品牌) take that type."""
    return ListComponent(nlp, name)


@Language.factory(
    "kg_projects",
    default_config={"heads": list(DEFAULT_HEADS), "not_after": list(DEFAULT_NOT_AFTER), "max_words": 8,
                    "plain_heads": False},
)
def make_projects(nlp: Language, name: str, heads: list[str], not_after: list[str], max_words: int,
                  plain_heads: bool) -> ProjectComponent:
    """PROJECT names by rule; ``heads`` end a name, ``not_after`` words after a head veto it; ``plain_heads``
    takes names read back from a head with no quote, phase, code or city line (:func:`kg.projects.find_projects`),
    which the model names better on unseen pages."""
    return ProjectComponent(nlp, name, heads=heads, not_after=not_after, max_words=max_words,
                            plain_heads=plain_heads)


def new_pipeline(tagger: Tagger) -> Language:
    """A pipeline around a trained tagger: blank Chinese (one token per character) + kg_tagger + kg_bodies +
    kg_repeats + kg_lists + kg_projects."""
    nlp = spacy.blank("zh")  # the default "char" segmenter: one token per character
    component = nlp.add_pipe("kg_tagger")
    assert isinstance(component, TaggerComponent)
    component.initialize(model=tagger)
    nlp.add_pipe("kg_bodies")
    nlp.add_pipe("kg_repeats")
    nlp.add_pipe("kg_lists")
    nlp.add_pipe("kg_projects")
    return nlp


def _pipeline_folder(choice: str) -> Path:
    return DEFAULT_MODEL if choice == "default" else Path(choice)


def recogniser_fingerprint(ner: str | None = None) -> str:
    """A SHA-256 that changes whenever what the ``ner`` choice finds in a text can change: the pipeline folder's
    files (for HanLP, the choice's name) and kg's own code and data (its rules and gazetteer)."""
    choice = ner or "default"
    digest = hashlib.sha256(choice.encode("utf-8") if choice.startswith("hanlp") else b"")
    package = Path(__file__).parent
    folder = [] if choice.startswith("hanlp") else sorted(p for p in _pipeline_folder(choice).rglob("*") if p.is_file())
    for path in folder + sorted(package.glob("*.py")) + sorted((package / "data").glob("*")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def group_chars_of(ner: str | None = None) -> int:
    """The ``group_chars`` of the ``ner`` pipeline's tagger, read from its config without loading it, so that
    ``kg build --processes`` cuts its work where the workers' taggers cut theirs; :data:`GROUP_CHARS` for a
    pipeline without a ``kg_tagger`` (HanLP, or a config that does not say)."""
    choice = ner or "default"
    config = _pipeline_folder(choice) / "config.cfg"
    if choice.startswith("hanlp") or not config.exists():
        return GROUP_CHARS
    tagger = spacy.util.load_config(config, interpolate=True)["components"].get("kg_tagger", {})
    return int(tagger.get("group_chars", GROUP_CHARS))


def load_pipeline(ner: str | None = None) -> Language:
    """The recognition pipeline for a ``--ner`` choice.

    ner (str | None): None or "default" for the shipped model; a path to a spaCy pipeline folder;
        "hanlp" or "hanlp:<identifier or directory>" for the HanLP backend.
    """
    choice = ner or "default"
    if choice.startswith("hanlp"):
        from .hanlp_backend import hanlp_pipeline  # optional dependency

        return hanlp_pipeline(choice.partition(":")[2] or None)
    path = _pipeline_folder(choice)
    if not (path / "config.cfg").exists():
        if choice == "default":
            raise ModelError("the shipped model is not installed (no config.cfg in "
                             f"{', '.join(map(str, model_places()))}); reinstall kg or pass --ner with a pipeline folder")
        raise ModelError(f"no spaCy pipeline at {path} (config.cfg missing); train one with `kg train` "
                         "or pass --ner with a pipeline folder")
    nlp = spacy.load(path)
    if "kg_projects" not in nlp.pipe_names:
        nlp.add_pipe("kg_projects")
    if "kg_bodies" not in nlp.pipe_names:  # pipelines saved before kg_bodies existed
        nlp.add_pipe("kg_bodies", before="kg_projects")
    if "kg_repeats" not in nlp.pipe_names:
        nlp.add_pipe("kg_repeats", before="kg_projects")
    if "kg_lists" not in nlp.pipe_names:
        nlp.add_pipe("kg_lists", before="kg_projects")
    return nlp
