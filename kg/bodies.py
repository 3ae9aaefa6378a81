"""Find party and government bodies named by their level alone (市政府, 区人大, 市工商联, 省纪委) as ORG.

Local news names its own government this way on nearly every page, and the news corpora the tagger learnt from
do not annotate these short forms (MSRA tags none of its 105 市政府), so the tagger misses them. They are found by
rule, on the repaired text: a level (省, 市, 县, 区, 镇, 乡, 街道) followed by a body (政府, 人大常委会, 工商联,
公安局, …), optionally by a part of it (办公室, 常委会, 报道组). The graph resolves them to the full name later
(市工商联 -> 台州市工商联, kg.normalise).

A place named just before joins the body (台州 + 市委 -> 台州市委; 台州市 + 委 -> 台州市委). A level that ends a
dictionary word is not one (城市政府: 城市 is a word), unless the word points at the home place (我市, 全市).
"""

from __future__ import annotations

import re
from typing import Sequence

from .gazetteer import is_place_name
from .projects import COUNT_CHARS
from .tagger import is_word

__all__ = ["LEVELS", "BODIES", "MEDIA", "COMMITTEES", "STRINGER", "find_bodies", "find_media", "find_new_media",
           "is_body", "firm_short_name", "bracketed_names", "declared_short_name", "committee_names",
           "quoted_bodies"]

LEVELS = ("省", "市", "县", "区", "镇", "乡", "街道")
BODIES = (
    "委", "政府", "人大常委会", "人大", "政协", "纪委", "监委", "纪委监委", "政法委", "宣传部", "组织部", "统战部",
    "工商联", "总工会", "妇联", "团委", "科协", "侨联", "残联", "文联", "人民法院", "人民检察院", "法院", "检察院",
    "公安局", "财政局", "教育局", "民政局", "司法局", "人社局", "住建局", "商务局", "水利局", "审计局", "统计局",
    "医保局", "信访局", "农业农村局", "自然资源和规划局", "自然资源局", "生态环境局", "交通运输局", "市场监管局",
    "应急管理局", "卫健委", "发改委", "经信局", "大数据局", "综合行政执法局", "文广旅体局", "文旅局", "编办",
    # seen in kg's annotated local news (training batches) after a level
    "党委", "党工委", "农办", "文明办", "网信办", "发改局", "环保局", "林业局", "卫计局", "港航局", "建设局", "园林局",
    "文物局", "人事局", "贸易局", "招商局",
)
# Parts of a body. 报道组 is a party committee's press team, which signs local news (市委报道组); 统战部 and the
# like are a party committee's departments (市委统战部); 党组 is left out: the annotated local news names the body
# alone before 党组书记 (10 times against 5).
PARTS = ("办公室", "常委会", "报道组", "统战部", "组织部", "宣传部", "政法委")
# Characters after 委 that make it part of another word: 委员, 委托, 委屈, 委派.
_NOT_AFTER_WEI = "员托屈派婉"

_BODY = re.compile("(?:%s)(?:%s)(?:%s)?" % ("|".join(LEVELS), "|".join(sorted(BODIES, key=len, reverse=True)),
                                          "|".join(PARTS)))


def find_bodies(text: str, places: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each body named by its level in ``text``; ``places`` are the places (and zones) already
    found, so that one just before the body becomes part of its name (台州 + 市委, 瓯江口产业集聚区 + 环保局).

    >>> text = "市工商联协助市委出台意见，台州市委、温岭市政府和城市政府"
    >>> [text[s:e] for s, e in find_bodies(text, places=[(13, 16), (18, 21)])]
    ['市工商联', '市委', '台州市委', '温岭市政府']
    >>> text = "市委员会和区政协委员"
    >>> [text[s:e] for s, e in find_bodies(text)]
    ['区政协']
    """
    ending_at = {e: s for s, e in places}
    found = []
    for match in _BODY.finditer(text):
        start, end = match.span()
        if match.group().startswith("委", end - start - 1) and end < len(text) and text[end] in _NOT_AFTER_WEI:
            continue
        if text.startswith("系统", end):  # 全市工商联系统: all bodies of that kind, not one
            continue
        if start in ending_at:  # 台州 + 市委
            start = ending_at[start]
        elif start + 1 in ending_at and ending_at[start + 1] < start:  # 台州市 + 委
            start = ending_at[start + 1]
        elif start > 0 and text[start - 1] not in "我本该全各" and is_word(text[start - 1:start + 1]):
            continue  # 城市, 社区; but 我市政府, 全市政协
        found.append((start, end))
    return found


# Kinds of news media named after their place: 浙江在线, 杭州网, 台州日报(社), 温岭广播电视台.
MEDIA = ("广播电视台", "融媒体中心", "新闻网", "电视台", "日报社", "晚报社", "日报", "晚报", "在线", "网")


def find_media(text: str, places: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each news medium named by a place and its kind (浙江在线, 杭州网, 慈溪日报): datelines and
    source lines name them, and the tagger reads the place alone. ``places`` are the LOC spans already found. A
    网 that starts another word is not one (中国网民, 台州网格).

    >>> text = "浙江在线12月30日讯，来源:杭州网。中国网民和台州网格员"
    >>> [text[s:e] for s, e in find_media(text, [(0, 2), (15, 18), (19, 21), (24, 26)])]
    ['浙江在线', '杭州网']
    >>> text = "座谈会在台州日报社举行"
    >>> [text[s:e] for s, e in find_media(text, [(4, 6)])]
    ['台州日报社']
    """
    found = []
    for start, end in places:
        named = next((m for m in MEDIA if text.endswith(m, start, end) and is_place_name(text[start:end - len(m)])), None)
        if named:  # 杭州网 read as one place
            found.append((start, end))
            continue
        kind = next((m for m in MEDIA if text.startswith(m, end)), None)
        if kind is None or len(kind) == 1 and is_word(text[end:end + 2]):
            continue
        found.append((start, end + len(kind)))
    return found


# The new media of a place's government and papers, in source lines and bylines: its official account (衢州发布,
# 来源:黄岩发布), its news app (掌上温岭, 掌中九江) and 浙江日报's county stringers (共享联盟天台站,
# 浙报集团融媒共享联盟岱山站), also a byline role (kg.recognise.byline_names); an OCR space may fall inside
# (共享 联盟奉化站)
STRINGER = r"(?:浙报集团融媒)?共[ \t]?享[ \t]?联[ \t]?盟[·・]?[ \t]?"
_STRINGER = re.compile(STRINGER)
_APP = re.compile(r"掌上|(?<![\u4e00-\u9fff])掌中")  # not 执掌中国
_ACCOUNT = re.compile(r"发布")
# What may follow an account's name: the end of a line or of a name, or a source line's time (仙居发布 2022-05-20).
_AFTER_ACCOUNT = re.compile(r"$|[\s、，,。；;：:)）”\"」』|丨/]|\d{4}-\d")
# A byline's medium: a name ending as media names end, alone at a line's start or after a space or bracket, just
# before the reporter (台传媒记者, (温岭记者站 记者…), 澎湃新闻记者, 瓯海融媒通讯员).
_BYLINE_MEDIUM = re.compile(r"(?:^|(?<=[\s(（【■]))([\u4e00-\u9fff]{1,8}?(?:传媒|在线|新闻|晚报|日报|金报|报业|客户端|"
                            r"融媒|融媒体中心|网|分社|记者站))(?=[ \t\u3000]*(?:全媒体?)?(?:记者|通讯员))", re.M)


def _place_end(text: str, start: int) -> int:
    """Where the longest gazetteer place (two to four characters, an OCR space allowed inside: 天 台) that starts at
    ``start`` ends; 0 if none.

    >>> _place_end("天台站", 0), _place_end("天 台站", 0), _place_end("记者", 0)
    (2, 3, 0)
    """
    at: list[int] = []  # the characters read, one space or tab at most between two of them
    i = start
    while len(at) < 4 and i < len(text) and not text[i].isspace():
        at.append(i)
        i += 2 if text[i + 1:i + 2] in (" ", "\t") and text[i + 2:i + 3].strip() else 1
    name = "".join(text[i] for i in at)
    return next((at[n - 1] + 1 for n in (4, 3, 2) if n <= len(at) and is_place_name(name[:n])), 0)


def find_new_media(text: str) -> list[tuple[int, int]]:
    """(start, end) of each new medium named by its place: a government's account (衢州发布) where the name ends
    (a line end, punctuation, a source line's time; not the verb: 台州发布了), a news app (掌上温岭), a paper's
    county stringer (共享联盟天台站, 共享联盟·三门); and the medium a byline starts with (台传媒记者, 澎湃新闻记者).
    Local news credits them in nearly every source line and byline; the tagger reads the place alone. ``text`` is
    the text as given: the space after an account's name ends it (婺城发布 记者…), which the repaired view has
    removed.

    >>> text = ("来源:仙居发布2022-05-20，掌上温岭，记者 杨群 共享联盟天台站 李兆葵，台州发布了新规\\n"
    ...         "台传媒记者 王佳 共享 联盟奉化站")
    >>> [text[s:e] for s, e in find_new_media(text)]
    ['共享联盟天台站', '共享 联盟奉化站', '掌上温岭', '台传媒', '仙居发布']
    >>> text = "掌中九江\\n(桂文涛 九江日报全媒记者 孔颖)(镇江报业全媒体记者 原晶晶)执掌中国女排"
    >>> [text[s:e] for s, e in find_new_media(text)]
    ['掌中九江', '九江日报', '镇江报业']
    """
    found = []
    for match in _STRINGER.finditer(text):
        if end := _place_end(text, match.end()):
            found.append((match.start(), end + 1 if text.startswith("站", end) else end))
    for match in _APP.finditer(text):
        if end := _place_end(text, match.end()):
            found.append((match.start(), end))
    found += [match.span(1) for match in _BYLINE_MEDIUM.finditer(text)
              if not re.search("记者|通讯员|^本", match.group(1))]  # 记者郭乐燕平阳分社, 本网: not one medium's name
    for match in _ACCOUNT.finditer(text):
        at = match.start()
        start = next((at - n for n in (4, 3, 2) if n <= at and is_place_name(text[at - n:at])), None)
        if start is not None and _AFTER_ACCOUNT.match(text, match.end()):
            found.append((start, match.end()))
    return found


# What an organisation's name ends in: its kind of body.
_ORG_HEAD = re.compile(r"(?:会|局|委|办|部|院|所|中心|公司|集团|联|处|室|站|队|社|厅|署|行|校|学)$")
_BRACKETED = re.compile(r"[(（]([^()（）\s，。、；：,;:“”\"]{2,12})[)）]")
# The short name a text declares for what it has just named: (以下简称“龙港印协”), (下称“桂林蓝宇”),
# （简称“鲁艺”）.
_SHORT_NAME = re.compile(r"[(（](?:以下|下文)?(?:简称|下称)[:：]?([“\"「]?)([^()（）\s，。、；：,;:“”\"「」《》]{2,12})"
                         r"(?(1)[”\"」])[)）]")


def bracketed_names(text: str, orgs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the other name an organisation gives in brackets right after its own, as bodies that go by
    two names do (台州市工商联(总商会), 市委统战部(市民宗局)): only names that end like a body; and of the short
    name the text declares for it there (桂林蓝宇航空轮胎发展有限公司(下称“桂林蓝宇”)), whatever it ends in.

    >>> text = "台州市工商联(总商会)召开大会，南排工程(一期)，桂林蓝宇航空轮胎发展有限公司(下称“桂林蓝宇”)"
    >>> [text[s:e] for s, e in bracketed_names(text, [(0, 6), (15, 19), (25, 39)])]
    ['总商会', '桂林蓝宇']
    """
    found = []
    for _, end in orgs:
        match = _BRACKETED.match(text, end)
        if match and _ORG_HEAD.search(match.group(1)):
            found.append(match.span(1))
        elif match := _SHORT_NAME.match(text, end):
            found.append(match.span(2))
    return found


def declared_short_name(text: str, start: int, end: int) -> int | None:
    """Where the brackets open that declare ``text[start:end]`` the short name of what the text names right before
    them ((以下简称“龙港印协”), (下称“桂林蓝宇”)); None where ``text[start:end]`` is not so declared.

    >>> text = "桂林蓝宇航空轮胎发展有限公司(下称“桂林蓝宇”)研发"
    >>> declared_short_name(text, 18, 22), declared_short_name(text, 0, 4)
    (14, None)
    """
    if "称" not in text[max(0, start - 3):start]:  # 简称 or 下称, then at most a colon and a quote before the name
        return None
    return next((match.start() for match in _SHORT_NAME.finditer(text, max(0, start - 9), end + 2)
                 if match.span(2) == (start, end)), None)


# A body's name written in quotes (“银发先锋服务队”, “南昌市交通事故速裁法庭”): six characters or more, ending in a
# kind of body that news coins such names with; shorter ones are a scheme's coinage as often (“共享法庭”), and a
# count makes one (“一庭一中心”, “四大服务团”).
_QUOTED_BODY = re.compile(r"[“\"]([\u4e00-\u9fff·]{2,12}"
                          r"(?:队|社|中心|法庭|工作室|协会|商会|联合会|委员会|俱乐部|联盟|基金会|合作社))[”\"]")


def quoted_bodies(text: str) -> list[tuple[int, int]]:
    """(start, end) of each body named in quotes: the tagger reads the quotes as the edge of the text around them
    and misses the name (“银发先锋服务队”, “模范五福代表队”), which the annotated local news tags ORG; not a short
    form the text gives (简称“一庭一中心”), a name with a count in it or a scheme (“家庭农场+合作社”).

    >>> text = "成立“银发先锋服务队”，挂牌“南昌市交通事故速裁法庭”(简称“一庭一中心”)，推广“共享法庭”“家庭农场+合作社”"
    >>> [text[s:e] for s, e in quoted_bodies(text)]
    ['银发先锋服务队', '南昌市交通事故速裁法庭']
    """
    return [match.span(1) for match in _QUOTED_BODY.finditer(text)
            if len(match.group(1)) >= 6 and not COUNT_CHARS.search(match.group(1))]


# The bodies that run a zone, a park or a town, named after it: 开发区管委会, 街道党工委.
COMMITTEES = ("管理委员会", "工作委员会", "管委会", "党工委")


def committee_names(text: str, names: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each body named as the committee of a zone or place the NER found (``names``): the name, the
    committee word right after it, and 中共 right before it. The tagger reads the zone alone before the long forms
    管理委员会 and 工作委员会, which the annotated local news tags as one ORG with the zone.

    >>> text = "为中共浙江椒江经济开发区工作委员会揭牌，头门港管理委员会，良渚街道党工委员"
    >>> [text[s:e] for s, e in committee_names(text, [(3, 12), (20, 23), (29, 33)])]
    ['中共浙江椒江经济开发区工作委员会', '头门港管理委员会']
    """
    found = []
    for start, end in names:
        committee = next((c for c in COMMITTEES if text.startswith(c, end)), None)
        if committee is not None and not text.startswith("员", end + len(committee)):  # 党工委员: a member
            found.append((start - 2 if text.startswith("中共", start - 2) else start, end + len(committee)))
    return found


def is_body(name: str) -> bool:
    """Whether ``name`` is a body named by its level alone (市委, 区政府办公室).

    >>> is_body("区委"), is_body("市工商联"), is_body("党支部")
    (True, True, False)
    """
    return _BODY.fullmatch(name) is not None


FIRM_SUFFIXES = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团")


def firm_short_name(name: str) -> str | None:
    """The short name a firm goes by after its full name: without its place and its legal form
    (浙江中杭水泵股份有限公司 -> 中杭水泵); None when ``name`` is no firm's full name or nothing of two
    characters or more is left.

    >>> firm_short_name("浙江中杭水泵股份有限公司"), firm_short_name("台州市文赚进出口有限公司"), firm_short_name("台州市委")
    ('中杭水泵', '文赚进出口', None)
    """
    suffix = next((s for s in FIRM_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    stem = name[: -len(suffix)]
    for n in range(min(len(stem) - 2, 6), 1, -1):  # the longest place that leaves two characters or more
        if is_place_name(stem[:n]):
            stem = stem[n:]
            break
    return stem if len(stem) >= 2 else None
