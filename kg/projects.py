"""Find named projects (PROJECT) in Chinese text: works, lines, parks, bases, platforms.

No shared training set has this label. The shipped tagger learnt it from kg's own annotated local news; these
rules, on the repaired text, find the names a head word ends beside it, and :func:`is_project_name` holds the
tagger's names to the same vetoes:

1. a *head* word ends the name: 工程, 项目, 产业园, 基地, 平台, 铁路, 班列, …, optionally followed by a phase
   ("(一期)", "二期") or by the place of one line of a network in brackets (中欧班列(台州));
2. the name extends leftwards over jieba words that can be part of a name (nouns, place names, numbers, Latin
   codes, a few construction verbs such as 改扩建, and whole quoted names), and stops at anything else
   (verbs, function words, punctuation);
3. it is kept only if it is *specific*: it contains a place name, a quoted name, a code with a number (S2,
   G60; not letters alone: PPP项目, DOTA项目), a phase or a yearly output (年产10万箱); "重大项目", "民生工程",
   "5亿元项目" are not names;
4. campaigns and slogans (the quoted name alone: "千万工程"), meetings ("…工程推进会") and document titles
   (inside 《》) are not projects; a quoted name ending in another head is one (“乡贤众创共建基地”);
5. a leading administrative place ("温岭市" in 温岭市南排工程) is left out of the name, so the place stays a LOC;
6. a project's quoted name used on its own in the same text is the project ("善治永宁" after
   "善治永宁"元治理平台);
7. the items of a list that ends in 等项目 / 等重点工程 are projects each when they look like names (a place
   name, a code, or a road, bridge, line or park word in them): "商海街北延、双水路西延及桐桥桥等项目"; in a
   counted list (等5个项目) an item with a word the dictionary does not know is one too (金卡二供, 起帆);
8. an app named in quotes before the word app (“浙里办”APP, “爱台州”客户端) is a platform, so a project;
9. a school, hospital or centre the NER found, named just before 项目/工程, is a building under construction:
   金华职业技术学院附属医院(海棠医院)项目;
10. a name the NER found followed by a phase is a project's phase: 湖州影视城一期;
11. a factory named by its yearly output is a project, with the firm the NER found just before it:
   年产3000吨预浓缩色母粒项目, 浙江科丰电子科技有限公司年产4000万套汽车传感器智能生产线项目.

Every setting is a keyword argument with a default, so that a pipeline's config holds them all.
"""

from __future__ import annotations

import re
from typing import AbstractSet, Iterable, Sequence

import jieba.posseg as posseg

from .gazetteer import is_division, is_place_name, place_matches, place_names
from .tagger import is_common_word, is_word

__all__ = ["COUNT_CHARS", "DEFAULT_HEADS", "after_clause", "after_leading_verb", "before_run_on", "before_zone_projects",
           "clause_place", "find_projects", "is_project_name", "is_site_in_use", "join_paired_places", "join_routes",
           "leading_divisions", "names_more_fully", "quoted_name", "short_zone_names", "split_joined", "with_section"]

DEFAULT_HEADS = (
    "工程", "项目", "产业园", "工业园", "科技园", "创业园", "物流园", "园区", "产业带", "基地", "平台", "走廊",
    "铁路", "高铁", "城际", "班列", "高速公路", "高速", "快速路", "隧道", "大桥", "机场", "码头",
    "商城", "综合体", "水库", "电站", "公路", "开发区", "高新区", "保税区", "综保区", "工业区", "经开区", "度假区",
)
# Heads that need a Latin/digit code before them to be a name: "S2线", "1号线".
CODED_HEADS = ("线", "号线")
# Words after a head that make the phrase a meeting, a body or a role, not a project.
DEFAULT_NOT_AFTER = (
    "推进会", "现场会", "动员会", "建设会", "座谈会", "工作会", "会议", "领导小组", "指挥部", "办公室", "管委会",
    "管理委员会", "工作委员会",
    "公司", "集团", "专班", "建设者", "服务中心", "企业服务中心", "党工委", "工委", "管理处",
    # an organisation named after its works: …工程有限责任公司, …工程协会, …建设工程质监总站, …铁路总局
    "有限", "股份", "协会", "学会", "质监", "总站", "总局", "管理局", "研究院", "设计院", "项目部",
    "学院",  # 土木工程学院: a school's department named after its field
    "新城",  # 温州高铁新城第二幼儿园: a place named after the line
)
# Words that can stand inside a name although jieba tags them as verbs.
NAME_VERBS = ("改扩建", "扩建", "新建", "改建", "改造", "提升", "整治", "治理", "建设", "开发", "综合", "排涝", "引水",
              "绿化", "美化", "亮化", "修复", "保护", "储能", "供水", "配套", "互通", "技改", "研发", "制造", "生产")
# jieba POS tags of words (two characters or more) that end a name on their left: verbs, adverbs, prepositions,
# conjunctions, pronouns, particles. Single characters are judged by FUNCTION_CHARS instead, since jieba tags the
# characters of unknown names (南/排 in 南排工程) at random.
STOP_POS = {"d", "p", "c", "r", "u", "y", "e", "o", "a", "ad", "l", "i", "t", "uj", "ul", "zg", "df", "dg", "rr", "rz"}
FUNCTION_CHARS = set("的和与及在是为将对把了从向到等个这该其各于以由被让给并或也都就还又再才而且即但因使所之有无不没要会能可已正更最很好"
                     "中上下内外里旁前后间")
# Words jieba tags as places that name no place (城市基础项目 is not a name).
GENERIC_PLACES = {"城市", "城区", "市区", "县城", "城乡", "农村", "乡村", "全国", "国内", "国外", "海外", "当地", "本地", "各地"}
# Kinds of works the province's policies count (小微企业园: "建成小微企业园41个"), named without a name.
GENERIC_KINDS = {"小微企业园", "小微园", "特色小镇", "未来社区", "美丽乡村精品村"}
# Titles a place is awarded (浙江省爱国主义教育基地, 国家新型工业化产业示范基地, 中国体育旅游精品景区), not works.
HONOUR = re.compile(r"(?:示范基地|教育基地|精品景区|示范景区)$")
# The writer's own place, which a name the rules find may start with (我区 + 蓝色海湾整治项目) and does not keep.
HOME_PLACES = ("我市", "我区", "我县", "本市", "本区", "本县", "全市", "全区", "全县")
# Words that never start or sit inside a project name.
STOP_WORDS = {
    "西起", "东起", "南起", "北起", "西至", "东至", "南至", "北至", "起", "至", "我市", "我区", "我县", "全市", "全区", "全县", "全省", "多个", "一批", "重大", "重点", "民生", "有关", "相关",
    "一个", "这个", "首个", "省市", "市级", "省级", "国家级", "年度", "今年", "去年", "目前", "其中", "以及", "新一轮",
    "亿元", "万元", "新时代", "公司", "有限公司", "股份有限公司", "集团",  # a company's project is not named by it
    # verbs jieba sometimes tags as nouns
    "落户", "签约", "开工", "新开工", "续建", "在建", "投产", "建成", "启动", "推进", "位于", "入驻", "来到", "走进",
    "考察", "调研", "参观",
    # where a place lies relative to a road or line (jieba tags some as nouns)
    "距离", "地处", "毗邻", "紧邻", "靠近", "邻近", "途经", "途径",
}
ADMIN_SUFFIX = ("省", "市", "县", "区")
_PHASE = re.compile(r"^\s*([(（][一二三四五六七八九十\d]+期(工程)?[)）]|[一二三四五六七八九十\d]+期)")
_PLACE_LINE = re.compile(r"^[(（]([^()（）]{2,4})[)）]")
_COUNTED = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十两百千]+)(?:大|个|项|类)[\u4e00-\u9fff]{0,4}$|一批|一系列|季度|年度")
_SLOGAN = re.compile(r"^[一二三四五六七八九十两]+(号|大|个)")
DATE_OR_COUNT = re.compile(r"(?:[0-9０-９]{1,4}[年月日]|(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十两几数百千万]+)"
                            r"(?:个|项|座|条|家|处|所|批|组|次|类|宗|块|片|公顷|亩|平方米|公里|千米|米|车道))")
_QUANTITY = re.compile(r"\d+(\.\d+)?(万|亿|千|百)?(吨|台|箱|亩|平方|米|公里|千米|元|件|套|个|户|人)级?")
_CAPACITY = re.compile(r"年(?:产|产能|加工|处理|组装)[^\d]{0,3}\d")
_PHASE_OR_NUMBER = r"[一二三四五六七八九十]+期|[一二三四五六七八九十\d]+号"
_CODE = re.compile(r"[A-Za-z0-9０-９]|" + _PHASE_OR_NUMBER)
# A code that makes a name specific holds a number: S2线, G60科创走廊, 5G; letters alone are acronyms of a kind
# (PPP项目, EPC项目) or of a game (DOTA项目).
_NUMBERED = re.compile(r"[0-9０-９]|" + _PHASE_OR_NUMBER)
_QUOTES = {"”": "“", "\"": "\"", "」": "「", "’": "‘"}
_PLACE_END = re.compile(r"(省|市|县|区|镇|乡|村|街道|湾|岛|港|江|河|湖|山)$")
_LIST_END = re.compile(r"等((?:\d+|[一二三四五六七八九十两百]+)个)?(重点|重大|续建|新建|在建)?(建设)?(项目|工程)")
_LIST_CLAUSE = re.compile(r"[。！？；!?;，,：:“”\n]")
_LIST_SEP = re.compile(r"、|以及|及|和|与")
_WORKS = re.compile(r"路|街|大道|桥|隧道|线|高速|港|站|码头|园|区块|中心|馆|场|厂|水库|电站|工程|项目")


def find_projects(
    text: str,
    *,
    heads: Sequence[str] = DEFAULT_HEADS,
    not_after: Sequence[str] = DEFAULT_NOT_AFTER,
    places: Iterable[tuple[int, int]] = (),
    orgs: Iterable[tuple[int, int]] = (),
    max_words: int = 8,
    plain_heads: bool = True,
) -> list[tuple[int, int]]:
    """Spans (start, end) of project names in ``text``.

    text (str): repaired text (no OCR spaces inside words).
    heads (Sequence[str]): words that end a project name.
    not_after (Sequence[str]): words that, right after a head, make the phrase something else.
    places (Iterable[tuple[int, int]]): spans of places found by the NER, which make a name specific.
    orgs (Iterable[tuple[int, int]]): spans of organisations found by the NER; a school or hospital named just
        before 项目/工程 is a building project (rule 9).
    max_words (int): how many words a name may extend leftwards from its head.
    plain_heads (bool): whether a name read back from a plain head is taken; false keeps only names the text
        marks as names: in quotes ("善治永宁"元治理平台), with a phase (南排工程(一期)), a code (S2线) or a city's
        line (中欧班列(台州)). Plain names are guesses at where a name starts: on 240 annotated articles of local
        papers not read for these rules they were right one time in five (session 20), so the pipeline's
        kg_projects sets this false unless its config says otherwise.

    >>> text = "温岭市南排工程(一期)进展顺利，台州湾新材料产业园和重大项目"
    >>> [text[s:e] for s, e in find_projects(text)]
    ['南排工程(一期)', '台州湾新材料产业园']
    """
    # jieba's POS tagger is slow (about 50k chars/s): tag only windows around the heads that occur.
    words: list[tuple[str, str]] = []
    starts: list[int] = []
    head_set = set(heads)
    for w_start, w_end in _windows(text, tuple(heads) + CODED_HEADS):
        pos = w_start
        for w in posseg.cut(text[w_start:w_end], HMM=True):
            if words and words[-1][0] + w.word in head_set:  # a head jieba cuts in two: 经开/区, 综保/区
                words[-1] = (words[-1][0] + w.word, "n")
            else:
                words.append((w.word, w.flag))
                starts.append(pos)
            pos += len(w.word)
        words.append(("\n", "x"))  # a boundary between windows
        starts.append(pos)
    places, orgs = list(places), list(orgs)  # each is read twice below
    place_chars = {i for s, e in places for i in range(s, e)}
    found: list[tuple[int, int]] = []
    for k, (word, flag) in enumerate(words):
        head = _head_of(word, head_set)
        coded = (head is None and word in CODED_HEADS and k > 0 and _CODE.search(words[k - 1][0])
                 and not text.endswith("台", 0, starts[k - 1]))  # 2台4线: a station's platforms and tracks
        if head is None and not coded:
            continue
        end = starts[k] + (len(word) if head is None or word.endswith(head) else len(head))
        if any(text.startswith(w, end) for w in not_after):
            continue
        phase = _PHASE.match(text[end:])
        if phase:
            end += phase.end()
        # 中欧班列(台州): a city's line of a network; a division with its suffix in brackets says where a project
        # lies (莫干山国际旅游度假区(莫干山镇), …开发区(滨江区)), which the annotated batches leave out 16 times of 16
        line = _PLACE_LINE.match(text[end:])
        if line and (line.group(1) not in place_names()[0] or is_division(line.group(1))):
            line = None
        if line:
            end += line.end()
        glued = word[: -len(head)] if head and word.endswith(head) else ""
        if glued in STOP_WORDS:  # "重点项目" read as one word: generic
            continue
        before = starts[k] + len(glued)  # 萧山9大项目, 十大系列工程: a group, not one (the count ends just before the head)
        if _COUNTED.search(text, max(0, before - 12), before):
            continue
        quoted = _QUOTED_NAME.search(text, max(0, starts[k] - 12), end + 1)
        if quoted and quoted.end() == end + 1 and head not in ("工程", "项目") and not _inside_title(text, end):
            found.append((quoted.start(1), end))  # “乡贤众创共建基地”: the quotes bound the whole name
            continue
        first = _extend_left(words, k, max_words)
        if first is None:
            continue
        # A name does not start with another head ("…个项目朵纳智能家居基地") or with a phase alone ("二期项目"),
        # but a head with its phase names one (商城二期项目).
        while first < k and (_head_of(words[first][0], head_set) == words[first][0]
                             and not (first + 1 < k and _PHASE.match(words[first + 1][0]))
                             or _PHASE.match(words[first][0])):
            first += 1
        # Nor with a date or a count (2023年…, 16座…隧道工程, ３６项建设项目), read on the characters because jieba
        # splits full-width digits and tags measure words at random.
        while first < k:
            if lead := DATE_OR_COUNT.match(text, starts[first]):
                first = next((j for j in range(first, k + 1) if starts[j] >= lead.end()), k)
            elif len(words[first][0]) == 1 and words[first][1][:1] in ("v", "p", "c"):  # 1964年|任|西南铁路, 距|…
                first += 1
            else:
                break
        if first == k and not glued:
            continue
        start = starts[first]
        if text[start:end] in _quoted_slogans(text, start, end) or _inside_title(text, start):
            continue
        if not phase and not _is_specific(text, words, starts, first, k, end, place_chars, head_set):
            continue
        if first == k - 1 and not glued and words[first][0].endswith(ADMIN_SUFFIX) and words[first][1] == "ns":
            continue  # a city and a head only ("桐乡市高速公路"): generic
        start = _drop_admin_prefix(words, starts, first, k, start)
        if text.startswith(HOME_PLACES, start):
            start += 2  # 我区 + 蓝色海湾整治项目: the writer's own place, not part of the name
        marked = phase or line or coded or (any(q in text[start:end] for q in _QUOTES.values())
                                            and not _named_by_counts(text[start:end]))
        if end - start >= 4 and (plain_heads or marked):
            found.extend(split_joined(text, start, end, head_set))
    found.extend(_listed_projects(text, place_chars))
    found.extend(_quoted_apps(text))
    found.extend(_building_projects(text, orgs))
    found.extend(_output_projects(text, orgs))
    found.extend(_phased_names(text, places + orgs))
    found.extend(_quoted_short_forms(text, found))
    # Overlapping candidates ("台州机场" and "台州机场改扩建工程"): the longest wins.
    kept: list[tuple[int, int]] = []
    for span in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= s or span[0] >= e for s, e in kept) and not HONOUR.search(text, *span):
            kept.append(span)
    return sorted(kept)


# The last characters of project names: each ends three or more distinct PROJECT names of kg's annotated local
# news (training batches T1-T28, 673 names; 项目 工程 产业园 …段 …城 …线 小镇 …路 一期 基地 中心 …). A name a
# model tags must end in one of them, as a name the rules find must end in a head.
NAME_ENDS = frozenset("目区程园段城线镇路期地心道桥体铁带场块台头楼馆速站廊")
_NOT_ONE_NAME = re.compile(r"[、，,。；;：:|\n]|——")  # a list, a clause, or a dash that names what came before


# Words that describe a place rather than name it; no annotated project name holds one (a superlative or a
# clause joined by 的: 全球最强的影视产业基地, 乡贤投资建设的桑叶茶现代农业产业项目).
_DESCRIPTION = re.compile("唯一|入选|首个|首批|最|的")
# The dash that pairs places (天台-路桥, 三门——温岭): join_paired_places joins them before a project, and a name
# the tagger read whole with them is one name.
_DASH = "——|[-—－]"
_PAIRED_PLACES = re.compile(r"^(?:[^\W\d_]{2,4}(?:%s))+" % _DASH)


def _starts_with_place(name: str) -> bool:
    return any(is_place_name(name[:n]) for n in (2, 3, 4))


def _after_paired_places(name: str) -> str:
    """``name`` without the places paired by dashes that start it where what follows starts with a place too
    (三门——温岭山海协作…产业园: the paired counties' joint works, :func:`join_paired_places`).

    >>> _after_paired_places("三门——温岭山海协作生态旅游文化产业园"), _after_paired_places("重点项目——三门湾大桥")
    ('温岭山海协作生态旅游文化产业园', '重点项目——三门湾大桥')
    """
    paired = _PAIRED_PLACES.match(name)
    rest = name[paired.end():] if paired else name
    if paired and all(is_place_name(p) and not is_division(p) for p in re.split(_DASH, paired.group()) if p) \
            and _starts_with_place(rest):
        return rest
    return name


def is_project_name(text: str, start: int, end: int, *, heads: Sequence[str] = DEFAULT_HEADS,
                    not_after: Sequence[str] = DEFAULT_NOT_AFTER) -> bool:
    """Whether a PROJECT span a model tagged passes the vetoes the rules apply to their own names: it ends as
    project names end (:data:`NAME_ENDS`), it is one name (no list or clause break inside, no word that never
    starts a name), not a meeting or role (a ``not_after`` word follows), not a slogan alone in quotes (a
    campaign: counts, no head word, or a short …工程: “千万工程”, “山海协作工程”; a headed name alone in quotes is a
    name, “闻川运河古城项目”, as the local gold tags 96 times) or inside a document title, not described (唯一,
    首个, a superlative or a clause with 的: 全国最大的茶叶基地), not a group named by its count or its sum
    (萧山9大项目, 100亿元健康产业大项目), not a kind of works alone (小微企业园: :data:`GENERIC_KINDS`), a title
    (国防教育基地: :data:`HONOUR`) or a walk (文化长廊), and before 项目/工程 not a bare place, phase or generic word
    (衢州项目, 一期项目, 安居项目, 重点工程).

    >>> text = "衢州项目和安居项目，台州湾新材料产业园，“千万工程”，南排工程推进会"
    >>> [text[s:e] for s, e in [(0, 4), (5, 9), (10, 19), (21, 25), (27, 31)] if is_project_name(text, s, e)]
    ['台州湾新材料产业园']
    >>> text = "乡贤投资建设的桑叶茶现代农业产业项目，全国最大的茶叶基地"
    >>> is_project_name(text, 0, 18), is_project_name(text, 19, 28), is_project_name(text, 7, 18)
    (False, False, True)
    """
    name = text[start:end]
    if (name.rstrip(")）")[-1:] not in NAME_ENDS or name.endswith("长廊") or name in GENERIC_KINDS
            or HONOUR.search(name)):
        return False  # 平安台州: a campaign's name; 文化长廊: a walk; 小微企业园: a kind; 国防教育基地: a title
    if _NOT_ONE_NAME.search(_after_paired_places(name)) or any(text.startswith(w, end) for w in not_after):
        return False
    if _DESCRIPTION.search(name):
        return False  # 嘉兴地区唯一入选省中小企业园: what a place is said to be, not its name
    if "至" in name and text[start - 1:start] in ("从", "由"):
        return False  # 从滨海大道至丁山二期: an extent from one place to another, not a route's name
    if any(name.startswith(w) for w in STOP_WORDS if len(w) > 1):  # 东至机场北路, 重点工程, 我市…项目
        return False
    if _inside_title(text, start) or _named_by_counts(name):
        return False
    head = _head_of(name, set(heads))
    if name in _quoted_slogans(text, start, end) and (
            COUNT_CHARS.search(name) or head is None or head == "工程" and len(name) <= 6):
        return False  # “千万工程”, “山海协作工程”: a campaign in quotes; “闻川运河古城项目”, “浙中信息产业园”: a name
    before_head = name[: len(name) - len(head)] if head else name
    if _COUNTED.search(before_head) or _QUANTITY.match(name) or DATE_OR_COUNT.match(name):
        return False
    if head == "项目" and before_head.endswith(tuple("一二三四五六七八九十两")):
        return False  # 瓯江口三项目: three projects
    if head in ("项目", "工程"):
        rest = before_head.strip()
        if (len(rest) < 2 or rest in STOP_WORDS or rest in GENERIC_PLACES or _PHASE.fullmatch(rest)
                or is_common_word(rest) or head == "项目" and is_place_name(rest)):
            return False
    return True


_BUILT_AFTER = ("建设", "开发", "开工", "集中开工", "管委会", "管理委员会")
_BUILT_BEFORE = ("建设", "打造", "开发")


def is_new_town_being_built(text: str, start: int, end: int) -> bool:
    """Whether the new town ``text[start:end]`` (…新城, not a division's name) is written somewhere in ``text`` as
    works under way, so a development area (a PROJECT, as 新区 are) rather than a place: right before 建设, 开发,
    开工 or its 管委会, or right after 建设, 打造, 开发.

    >>> text = "龙港新城集中开工，泰顺新城的面貌，为龙港新城建设"
    >>> is_new_town_being_built(text, 0, 4), is_new_town_being_built(text, 9, 13)
    (True, False)
    """
    name = text[start:end]
    if len(name) < 4 or not name.endswith("新城") or is_division(name):
        return False
    at = text.find(name)
    while at != -1:
        if text.startswith(_BUILT_AFTER, at + len(name)) or text.endswith(_BUILT_BEFORE, 0, at):
            return True
        at = text.find(name, at + 1)
    return False


def leading_divisions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The divisions written with their level at the start of the project name ``text[start:end]`` (宁波市 in
    宁波市中西医结合医院新建工程; 洞头区, 大门镇 in 洞头区大门镇长沙综合体项目): places of their own, which the
    annotated local news leaves out of the project's name, as the rules do; a place written without its level
    stays in the name (宁波杭州湾新区: :func:`kg.recognise.join_place_prefixes`). 市域 (台州市域铁路) is one word,
    and the name left must keep four characters.

    >>> text = "洞头区大门镇长沙综合体项目，台州市域铁路"
    >>> [text[s:e] for s, e in leading_divisions(text, 0, 13)], leading_divisions(text, 14, 20)
    (['洞头区', '大门镇'], [])
    """
    found: list[tuple[int, int]] = []
    at = start
    while n := next((n for n in range(6, 1, -1) if end - at - n >= 4 and text[at + n] != "域"
                     and is_division(text[at:at + n])), 0):
        found.append((at, at + n))
        at += n
    return found


_BRACKETED_END = re.compile(r"[(（][^()（）]*[)）]$")


def names_more_fully(text: str, outer: tuple[int, int], inner: tuple[int, int],
                     heads: Sequence[str] = DEFAULT_HEADS) -> bool:
    """Whether a model's project ``outer`` names the rules' project ``inner`` that it holds more fully: the rules
    start a name on a jieba word and stop at its head, so they cut 万松路东延伸线工程 to 松路东延伸线工程 and
    光明都市产业园启动区项目 to 光明都市产业园. It does not where ``outer`` runs on into a list (…等项目), holds
    another name before (沿海公路 + 浙江·台州1号公路) or names a part after (台州湾科创走廊 + 首建区): what it adds
    at the end must be a bracket (…工程(萧山段)), end in 项目 or 工程, or finish a word (产业园 + 区).

    >>> text = "万松路东延伸线工程，沿海公路浙江·台州1号公路，台州湾科创走廊首建区"
    >>> names_more_fully(text, (0, 9), (1, 9)), names_more_fully(text, (10, 23), (14, 23))
    (True, False)
    >>> names_more_fully(text, (24, 34), (24, 31))
    False
    """
    (start, end), (inner_start, inner_end) = outer, inner
    if not (start <= inner_start and inner_end <= end) or outer == inner or "等" in text[start:end]:
        return False
    after = _BRACKETED_END.sub("", text[inner_end:end])  # …工程(一期) ends as …工程
    if after and not (after.endswith(("项目", "工程")) or after[0] in "(（" or is_word(text[inner_end - 1:inner_end + 1])):
        return False  # a part of the rules' project (台州湾科创走廊 + 首建区, 16号线 + 科技城站) is not its name
    return _head_of(text[start:inner_start], set(heads)) is None


# A road, bridge, station, hall or line is a project while it is being built and a place once it stands: the names a
# model tags with these ends stay projects only in a sentence about building (开工, 建设, 改造, …).
SITE_ENDS = ("路", "道", "桥", "站", "馆", "场", "楼", "码头", "高速", "线")
# Sites that are places even where their sentence speaks of building: docks and port areas (all 17 of them in
# session 19's annotated batches and the sample pages but one 保税港区, a bonded zone) and housing estates (25 of 26).
PLACE_ENDS = ("码头", "港区", "小区")
_BUILDING = re.compile("建设|开工|施工|建成|竣工|完工|改造|改建|扩建|新建|在建|续建|开建|动工|工程|项目|规划|投资|通车|开通|"
                       "征迁|拆迁|推进|提升|打造")
_OPENED = re.compile("建成|竣工|完工|通车|开通")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


# Words around a road or a bridge that use it as a landmark: 距杭金衢高速出入口4公里, 连接杭甬高速公路, 南至溧宁高速,
# 与现有的杭州湾跨海大桥, 与昆宋公路平交.
_LANDMARK_BEFORE = re.compile(r"(?:距离?|[东南西北]?至|[东南西北]?临|经|沿着?|穿过|连接|接通|接上|现有的?)$")
_LANDMARK_AFTER = re.compile(r"出入口|出口|入口|路口|以[东南西北]|[东南西北]侧|交界|平交|两侧")


def is_site_in_use(text: str, start: int, end: int) -> bool:
    """Whether a project name ends in a site word (路, 桥, 站, 馆, 高速, 线, …) and its sentence says nothing of
    building it (for a bridge, its opening is no building: 秀山大桥建成通车), or the words around it use it as a
    landmark, or it names a dock, a port area or a housing estate: then it names a place in use
    (路院一级公路是我区东西向的重要通道, 距杭金衢高速出入口4公里, 健跳港区), not a project.

    >>> text = "路院一级公路是东西向通道。鳌江五桥开工建设。项目距杭金衢高速出入口4公里。健跳港区的开发建设"
    >>> [is_site_in_use(text, s, e) for s, e in ((0, 6), (13, 17), (25, 30), (37, 41))]
    [True, False, True, True]
    """
    name = text[start:end].rstrip(")）")
    if name.endswith(PLACE_ENDS) and not name.endswith("保税港区"):
        return True  # 健跳港区的开发建设, 白沙交通码头, 四方花园小区: a place; its works are …码头工程, …小区改造
    if not name.endswith(SITE_ENDS):
        return False
    if _LANDMARK_BEFORE.search(text, max(0, start - 4), start) or _LANDMARK_AFTER.match(text, end):
        return True
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    sentence = text[before[-1] if before else 0:after.start() if after else len(text)]
    rest = sentence.replace(text[start:end], "")
    if name.endswith("桥"):  # 秀山大桥建成通车: a bridge reported open is in use
        rest = _OPENED.sub("", rest)
    return not _BUILDING.search(rest)


_QUOTED_NAME = re.compile(r"[“\"「]([^“”\"「」\s，。、,]{4,14})[”\"」]")
_QUOTED = re.compile(r"[“\"「‘]([^“”\"「」‘’]{2,12})[”\"」’]")


def _quoted_short_forms(text: str, projects: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quoted name of a project (善治永宁 in "善治永宁"元治理平台) where the text uses it on its own (rule 6).

    >>> text = "“善治永宁”元治理平台上线。打开“善治永宁”系统"
    >>> [text[s:e] for s, e in _quoted_short_forms(text, [(0, 11)])]
    ['善治永宁']
    """
    names = {m.group(1) for s, e in projects for m in _QUOTED.finditer(text, s, e) if m.end() < e}
    found = []
    for m in _QUOTED.finditer(text):
        if m.group(1) in names and not any(s <= m.start() < e for s, e in projects):
            found.append((m.start(1), m.end(1)))
    return found


def _listed_projects(text: str, place_chars: AbstractSet[int] = frozenset()) -> list[tuple[int, int]]:
    """Items of a list closed by 等项目 / 等重点工程 / 等三个重大项目 that look like names (rule 7): with a place
    found by the NER (``place_chars``), a code, or a works word (road, bridge, line, park, …) in them.

    >>> text = "在商海街北延、双水路西延及桐桥桥等项目现场，教育、医疗等民生项目"
    >>> [text[s:e] for s, e in _listed_projects(text)]
    ['商海街北延', '双水路西延', '桐桥桥']
    >>> text = "开工的共有国际会议中心、新发数字经济创新中心和基金Park等三个重大项目"
    >>> [text[s:e] for s, e in _listed_projects(text)]
    ['国际会议中心', '新发数字经济创新中心', '基金Park']
    """
    found = []
    for end_match in _LIST_END.finditer(text):
        clauses = list(_LIST_CLAUSE.finditer(text, 0, end_match.start()))
        start = clauses[-1].end() if clauses else 0
        items, at = [], start
        for sep in _LIST_SEP.finditer(text, start, end_match.start()):
            items.append((at, sep.start()))
            at = sep.end()
        if not items:  # not a list: one name before 等 is left to the head rule
            continue
        items.append((at, end_match.start()))
        first_start, first_end = items[0]
        words = [(w.word, w.flag) for w in posseg.cut(text[first_start:first_end], HMM=True)]
        first = _extend_left(words + [("", "n")], len(words), 8)
        if first is not None:
            items[0] = (first_start + sum(len(w) for w, _ in words[:first]), first_end)
        if not 3 <= items[-1][1] - items[-1][0] <= 20:
            continue  # what 等 closes is no name (…副市长、…管委会主任管文新宣布台州湾通用机场等12个项目): not a list of them
        for s, e in items:
            item = text[s:e]
            specific = (any(i in place_chars for i in range(s, e)) or _CODE.search(item) or _WORKS.search(item)
                        or (end_match.group(1) and _has_proper_word(item)))
            if divisions := leading_divisions(text, s, e):
                s = divisions[-1][1]  # 灵溪镇 + 平水桥安置小区: the division is a place of its own
            if 3 <= e - s <= 20 and specific and not _SLOGAN.match(item) and item not in STOP_WORDS:
                found.append((s, e))
    return found


_QUOTED_APP = re.compile(r"[“\"「]([^“”\"「」\s，。、,]{2,10})[”\"」]\s?(?:APP|App|app|客户端|小程序)")


def _quoted_apps(text: str) -> list[tuple[int, int]]:
    """Apps named in quotes before the word app (“浙里办”APP, "学习强国"客户端): platforms, so projects.

    >>> text = "通过“浙里办”APP搜索，或下载“爱台州” 客户端"
    >>> [text[s:e] for s, e in _quoted_apps(text)]
    ['浙里办', '爱台州']
    """
    return [m.span(1) for m in _QUOTED_APP.finditer(text)]


def _has_proper_word(item: str) -> bool:
    """Whether ``item`` holds a word jieba's dictionary does not know, or knows as a proper name (nz): 金卡二供,
    起帆, but not 塑料 or 智能制造."""
    tags = posseg.dt.word_tag_tab
    return any(tags.get(w.word) in (None, "nz") and any("\u4e00" <= c <= "\u9fff" for c in w.word)
               for w in posseg.cut(item))


# jieba glues some heads to the next word ("工程建设"): the head still ends the name.
HEAD_TAILS = ("建设", "施工", "进度", "现场")


_CLAUSE_END = re.compile(r"[。！？；!?;，,：:、\n]")


def _windows(text: str, heads: Sequence[str], left: int = 30, right: int = 8) -> list[tuple[int, int]]:
    """Merged spans of ``text`` around each occurrence of a head: back to the clause start (at most ``left``
    chars), and ``right`` chars on (phases, the words that veto a head)."""
    spans = []
    for head in set(heads):
        at = text.find(head)
        while at != -1:
            start = max(0, at - left)
            ends = [m.end() for m in _CLAUSE_END.finditer(text, start, at)]
            spans.append((ends[-1] if ends else start, min(len(text), at + len(head) + right)))
            at = text.find(head, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _head_of(word: str, heads: AbstractSet[str]) -> str | None:
    for tail in HEAD_TAILS:
        if word.endswith(tail) and word[: -len(tail)] in heads:
            return word[: -len(tail)]
    for n in range(len(word), 0, -1):
        if word[-n:] in heads:
            return word[-n:]
    return None


def _extend_left(words: list[tuple[str, str]], k: int, max_words: int) -> int | None:
    """Index of the first word of the name ending at word ``k``; None if nothing before the head can name it."""
    first = k
    i = k - 1
    quoted = 0  # words inside quoted names, which count as one word each
    while i >= 0 and k - i - quoted <= max_words:
        word, flag = words[i]
        if word in _QUOTES:  # a quoted name: take it whole, but not a quoted sentence or a window's edge ("\n")
            j = i - 1
            while j >= 0 and words[j][0] != _QUOTES[word] and i - j <= 8 and not _CLAUSE_END.fullmatch(words[j][0]):
                j -= 1
            if j < 0 or words[j][0] != _QUOTES[word]:
                break
            quoted += i - j
            first = i = j
            i -= 1
            continue
        if word in STOP_WORDS and not (word == "至" and any(w.endswith("段") for w, _ in words[i + 1:k])):
            break  # but 义桥至楼塔段改扩建工程 names a section of a road
        if i > 0 and words[i - 1][0] == "年" and _CAPACITY.match("年" + word + "0"):  # 年 + 组装机: yearly output
            first = i - 1
            i -= 2
            continue
        if _PHASE.match(word) and i > 0:  # "算力中心一期工程": jieba tags 一期 as an adverb
            first = i
            i -= 1
            continue
        if len(word) == 1:
            if word in "·•・" and i > 0 and words[i - 1][1] == "ns":  # 浙江·台州1号公路: a place joined by a dot
                first = i - 1  # starts the name
                break
            if word in FUNCTION_CHARS or (flag == "x" and not word.isalnum()):
                break
        elif (flag in STOP_POS or flag.startswith("v")) and word not in NAME_VERBS and not (
                flag == "vn" and i > 0 and words[i - 1][1] in ("n", "ns", "nz", "nt", "j", "eng")):
            break  # a verb ends the name, unless a verbal noun after a noun ("电力检修配中心项目")
        elif flag == "x" and not re.match(r"^[A-Za-z0-9·\-]+$", word):
            break
        first = i
        i -= 1
    # Never start a name on a number or a measure word alone ("三个", "批"), or on a lone verb character.
    while first < k and (words[first][1] in ("m", "q") and not _CODE.search(words[first][0])
                         or len(words[first][0]) == 1 and words[first][1].startswith("v")):
        first += 1
    # The head word alone names nothing, unless the word itself carries the name ("创业项目" does not).
    return first if first < k else None


def _quoted_slogans(text: str, start: int, end: int) -> set[str]:
    # "千万工程" in quotes and nothing else: a campaign's name, not a project.
    inner = text[start:end]
    if len(inner) > 2 and inner[0] in "“\"「‘" and inner[-1] in "”\"」’":
        return {inner}
    if start > 0 and text[start - 1] in "“\"「‘" and end < len(text) and text[end] in "”\"」’":
        return {inner}
    return set()


def _inside_title(text: str, start: int) -> bool:
    """True when ``start`` is inside 《…》 (a document or book title)."""
    opened = text.rfind("《", 0, start)
    return opened != -1 and text.rfind("》", opened, start) == -1


def _is_specific(text, words, starts, first, k, end, place_chars, heads) -> bool:
    name_words = [w for w, _ in words[first:k]]
    body = text[starts[first]:end]
    if any(i in place_chars for i in range(starts[first], starts[k])):
        return True
    if any(f in ("ns", "nz", "nrt") and w not in GENERIC_PLACES for w, f in words[first:k]):
        return True
    # A quoted name makes a platform or park specific ("善治永宁"元治理平台), but before 项目/工程 it names a
    # programme or campaign ("乡贤带富"项目, 新乡贤"同心共富"工程) more often than a project.
    quoted = any(w in _QUOTES or w in "“‘「" for w in name_words)
    if quoted and len(body) >= 6 and not _head_of(words[k][0], {"项目", "工程"}):
        return True
    if _SLOGAN.match(body):  # "一号工程", "一号改革工程": campaigns
        return False
    if k - first >= 2 and _PHASE.fullmatch(words[k - 1][0]):  # 微宏动力二期项目: a named plant's phase
        return True
    capacity = _CAPACITY.search(body)  # a firm's plant named by its yearly output: 双马塑业年产10万箱塑料制品项目
    if capacity and capacity.start() >= 2:
        return True
    if _NUMBERED.search(_QUANTITY.sub("", "".join(w for w, _ in words[first:k] if not _PHASE.match(w)))):
        return True
    # A head inside the name makes a compound name ("高速公路改扩建工程", "商城二期项目").
    if any(_head_of(w, heads) for w in name_words):
        return True
    return any(_PLACE_END.search(w) and len(w) >= 2 and not is_common_word(w) and w not in GENERIC_PLACES
               for w in name_words)


_BUILDINGS = ("医院", "学校", "小学", "中学", "大学", "学院", "幼儿园", "中心", "馆", "宫")
_BUILDING_WORKS = re.compile(r"\s?(?:[(（][^()（）]{2,12}[)）])?\s?(?:迁建|新建|扩建|改扩建)?(?:项目|工程)")


def _building_projects(text: str, orgs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """An institution named just before 项目 or 工程 (with its other name in brackets) is a building under
    construction, so a project: 金华职业技术学院附属医院(海棠医院)项目. ``orgs`` are the NER's organisations.

    >>> text = "金职院附属医院(海棠医院)项目开工，市工商联项目"
    >>> [text[s:e] for s, e in _building_projects(text, [(0, 7), (18, 22)])]
    ['金职院附属医院(海棠医院)项目']
    """
    found = []
    for start, end in orgs:
        works = _BUILDING_WORKS.match(text, end)
        if works and text[start:end].endswith(_BUILDINGS) and not text.startswith(DEFAULT_NOT_AFTER, works.end()):
            place = next((n for n in range(min(6, end - start - 4), 2, -1)
                          if text[start:start + n].endswith(ADMIN_SUFFIX) and is_place_name(text[start:start + n])), 0)
            found.append((start + place, works.end()))  # 台州市 + 电力检修配中心项目: the city stays a LOC (rule 5)
    return found


# A project named by its yearly output: 年产 (or 年新增) and a number, then what it makes, up to 项目 or to a workshop
# that ends the phrase (年产100万套新能源汽车零部件数字化车间); no clause break, quote, bracket, 的, 等 or second 年产 inside
# (年产10万吨催化新材料的润和催化剂项目 names 润和催化剂项目). A production line alone is what a plant will have
# (建成年产6万辆纯电动物流车生产线: the annotated local news names it 1 time of 4).
_OUTPUT_NAME = re.compile(r"年(?:产能?|新增)[\d０-９.一二三四五六七八九十两百千万亿]+(?:(?!年产)[^，。；：！？,;:!?\s“”\"()（）的等]){2,48}?"
                          r"(?:项目|车间(?!项目|建设))")


def _output_projects(text: str, orgs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Projects named by their yearly output (年产3000吨预浓缩色母粒项目), with the firm the NER found just before
    (浙江科丰电子科技有限公司年产4000万套汽车传感器智能生产线项目): local news names a factory project so, and the
    words of what it makes (预/浓缩: verbs to jieba) stop the head rules' names. ``orgs`` are the NER's
    organisations.

    >>> text = "用于建设年产3000吨预浓缩色母粒项目，浙江科丰电子科技有限公司年产4000万套汽车传感器项目"
    >>> [text[s:e] for s, e in _output_projects(text, [(20, 32)])]
    ['年产3000吨预浓缩色母粒项目', '浙江科丰电子科技有限公司年产4000万套汽车传感器项目']
    """
    firm_at = {end: start for start, end in orgs}
    return [(firm_at.get(m.start(), m.start()), m.end()) for m in _OUTPUT_NAME.finditer(text)]


_NAMED_PHASE = re.compile(r"[一二三四五六七八九十\d]期(?!间|货|刊|末|初|中|限|待|望|盼|满|内)")


def _phased_names(text: str, names: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name the NER found followed by a phase (湖州影视城一期, 晶科能源三期) is a project: organisations and places
    have no phases, works do (rule 10). A phase word that starts another word (一期间, 二期货) is not one.

    >>> text = "湖州影视城一期已引进47家企业，台州一期间"
    >>> [text[s:e] for s, e in _phased_names(text, [(0, 5), (16, 18)])]
    ['湖州影视城一期']
    """
    found = []
    for start, end in names:
        phase = _NAMED_PHASE.match(text, end)
        if phase and end - start >= 3:
            found.append((start, phase.end()))
    return found


# Verbs that stand before a project's name and never start one in the annotated local news (建设 28 times before a
# PROJECT and once inside one; 推进, 包括, 打造 15 to 17 times before, never inside; 落地, 提升 5 and 3 times).
_LEADING_VERB = re.compile(r"(?:建设|新建|谋划|上马|推进|力争|包括|加快|实施|启动|打造|开工|完成|建成|落地|提升|"
                           r"督查|调研|考察|视察|听闻|串联)")


_LEADING_WORD = set("如继自从由对将把向因暨")
_TIME_WORD = re.compile("目前|正在|现已|已经|预计|顺利|基本|全面|正式|(?:施工|建设)?现场$")


def after_leading_verb(text: str, start: int, end: int) -> int:
    """Where the project name ``text[start:end]`` starts once a verb read into its start is left out
    (建设 + 351国道…改建工程, 谋划 + 小岙旅游综合体项目, 督查 + 园博园), or a preposition or conjunction that is a
    word of its own (如 + 药源新地项目, 继 + 杭黄铁路, 因 + 杭台高铁; not 自贸区); ``start`` when it starts with none.

    >>> text = "建设351国道改建工程，谋划小岙旅游综合体项目，新建项目，如药源新地项目"
    >>> [text[after_leading_verb(text, s, e):e] for s, e in ((0, 11), (12, 23), (24, 28), (29, 36))]
    ['351国道改建工程', '小岙旅游综合体项目', '项目', '药源新地项目']
    """
    verb = _LEADING_VERB.match(text, start, end)
    if verb:
        return verb.end()
    if text[start:start + 1] in _LEADING_WORD and next(posseg.dt.cut(text[start:end])).word == text[start]:
        return start + 1
    return start


# The words that end a clause the tagger read into a project's name with the clause's subject (马卫光 + 宣布 +
# …项目, 集中开工 + 暨 + …项目): a verb of announcing or launching, or 暨 joining two events.
_CLAUSE_VERBS = frozenset(("宣布", "携", "打造", "启动", "签约", "引进", "暨", "调研", "考察", "视察", "察看"))


def after_clause(text: str, start: int, end: int, heads: Sequence[str] = DEFAULT_HEADS) -> int:
    """Where the project name ``text[start:end]`` starts once a clause read into it is left out: its subject and
    verb (马卫光宣布 + 中纺院绿色纤维项目, 张寓帅携 + 铝电解电容器项目, 活动暨 + 总部经济大楼项目, 温岭调研 +
    南排工程(一期)), where what follows the clause's last verb is a project's name of four characters or more;
    ``start`` otherwise.

    >>> text = "马卫光宣布中纺院绿色纤维项目，长三角产业合作区，诸暨华东光电产业园项目"
    >>> [text[after_clause(text, s, e):e] for s, e in ((0, 14), (15, 23), (24, 35))]
    ['中纺院绿色纤维项目', '长三角产业合作区', '诸暨华东光电产业园项目']
    >>> text = "温岭调研南排工程(一期)"
    >>> text[after_clause(text, 0, 12):]
    '南排工程(一期)'
    """
    at = start
    for word in posseg.dt.cut(text[start:end]):
        at += len(word.word)
        if word.word in _CLAUSE_VERBS and at > start + len(word.word) and end - at >= 4 and is_project_name(
                text, at, end, heads=heads):
            start = at
    return start


def clause_place(text: str, start: int, cut: int) -> int:
    """Where the place that is the subject of the clause ``text[start:cut]`` (a place and a verb that
    :func:`after_clause` left out of a project's name) ends; 0 when the subject is no place.

    >>> text = "温岭调研南排工程(一期)，马卫光宣布中纺院绿色纤维项目"
    >>> clause_place(text, 0, 4), clause_place(text, 13, 18)
    (2, 0)
    """
    verb = next((v for v in _CLAUSE_VERBS if text.endswith(v, start, cut)), None)
    return cut - len(verb) if verb and is_place_name(text[start:cut - len(verb)]) else 0


# "A zone's projects" (银湖新区项目集中开工): the projects built in a development area, whose name is the project.
_ZONE_PROJECTS = re.compile(r"(?:新区|开发区|经开区|高新区|集聚区|合作区|保税区|综保区|工业区|经济区)(?:[(（][^()（）]+[)）])?"
                            r"(?=项目$)")


def before_zone_projects(text: str, start: int, end: int) -> int:
    """Where the project name ``text[start:end]`` ends when it is a development zone's name followed by 项目, which
    speaks of the projects built in the zone (银湖新区 + 项目集中开工, 杭州湾新区 + 项目攻坚): the zone is the named
    project, as the annotated local news has it 5 times of 5; a park's (…产业园项目) or town's (…小镇项目) is one
    project, left whole. ``end`` otherwise.

    >>> text = "银湖新区项目集中开工，黄岩物流产业园项目"
    >>> text[:before_zone_projects(text, 0, 6)], text[11:before_zone_projects(text, 11, 20)]
    ('银湖新区', '黄岩物流产业园项目')
    """
    zone = _ZONE_PROJECTS.search(text, start, end)
    return zone.end() if zone and zone.end() - start >= 4 else end


def before_time_word(text: str, start: int, end: int) -> int:
    """Where the project name ``text[start:end]`` ends when a clause's time word or adverb ran on into it
    (新材料产业园污水厂一期工程 + 目前桩基工程, 永嘉抽水蓄能电站 + 顺利通过下水库工程), or the site's 现场 (…电站
    + 导流泄放洞施工现场); ``end`` when none did.

    >>> text = "新材料产业园污水厂一期工程目前桩基工程正在施工，永嘉抽水蓄能电站顺利通过下水库工程"
    >>> text[:before_time_word(text, 0, 19)], text[24:before_time_word(text, 24, 42)]
    ('新材料产业园污水厂一期工程', '永嘉抽水蓄能电站')
    """
    time = _TIME_WORD.search(text, start + 4, end)
    return time.start() if time else end


# What a project name may hold after its last 工程 or 项目: a bracket, a phase, a section, another name joined on.
_NAME_TAIL = re.compile(r"\s*(?:[(（].*|.*期|.*段|.*标|[及暨和与].*|[)）])$")
_MAIN_WORKS = "主体工程"


def before_run_on(text: str, start: int, end: int) -> int:
    """Where the project name ``text[start:end]`` ends when what follows its last 工程 or 项目 is not part of it
    (丽州南路延伸工程 + 污水管道, 南湖岸线项目 + 水上花园, 庆春路过江隧道工程 + 北接庆春东路); ``end`` when it
    ends there or goes on with a bracket, a phase or a section (…工程(一期), …工程台州段) or another name joined
    on (…改扩建工程暨公共卫生服务中心).

    >>> text = "丽州南路延伸工程污水管道和杭绍台高速公路工程台州段"
    >>> text[:before_run_on(text, 0, 12)], text[13:before_run_on(text, 13, 25)]
    ('丽州南路延伸工程', '杭绍台高速公路工程台州段')

    The main works of a named site are a part of it, not its name (义乌国际冷鲜城二区 + 主体工程 于去年3月开工: 5
    times of 5 in the annotated local news):

    >>> text = "义乌国际冷鲜城二区主体工程于去年3月开工"
    >>> text[:before_run_on(text, 0, 13)]
    '义乌国际冷鲜城二区'
    """
    if text.endswith(_MAIN_WORKS, start, end) and end - len(_MAIN_WORKS) - start >= 4:
        return end - len(_MAIN_WORKS)
    last = max(text.rfind("工程", start + 2, end), text.rfind("项目", start + 2, end)) + 2  # after the last of them
    if last < start + 4 or last == end or _NAME_TAIL.match(text, last, end):
        return end
    return last


# A part of the works written in brackets right after its name: a phase, a section or a route's extent.
_SECTION = re.compile(r" ?[(（]([一二三四五六七八九十\d]+期(?:工程)?|[^()（）\n]{1,16}?(?:段|片区|[东南西北中]区)"
                      r"|[^()（）\n\d][^()（）\n]{1,11}[-—－至][^()（）\n]{2,12})[)）]")


def with_section(text: str, start: int, end: int) -> int:
    """Where the project name ``text[start:end]`` ends once the part of the works written in brackets right after
    it is taken in: a phase, a section or a route's extent (南排工程(一期), 彩虹快速路工程(萧山段), 通城大道快速路
    (机场路-通彩互通段), …平台建设项目(北区), 浙江自贸试验区(宁波片区)), which the annotated local news names
    with the works 19 times of 20; not a division (…经开区(新市镇)), another name or a short form; ``end`` when
    no such part follows.

    >>> text = "彩虹快速路工程(萧山段)和304省道(安吉矮部里至南北庄)，德清经开区(新市镇)"
    >>> [text[s:with_section(text, s, e)] for s, e in ((0, 7), (13, 18), (30, 35))]
    ['彩虹快速路工程(萧山段)', '304省道(安吉矮部里至南北庄)', '德清经开区']
    """
    section = _SECTION.match(text, end)
    if section is None or is_division(section.group(1)):
        return end
    return section.end()


_QUOTED_BEFORE_HEAD = re.compile(r"[“\"「]([^“”\"「」\s，。、,]{2,14})[”\"」](?:项目|工程)$")
# The characters of a count (三大, 十佳, 100个), which mark a quoted name as a campaign's or a group's.
COUNT_CHARS = re.compile(r"[一二三四五六七八九十两百千万\d]")


def quoted_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name in quotes that the project ``text[start:end]`` ends with before 项目 or 工程 when it ends as a
    project's name does (“青创园”项目 -> 青创园, “氧吧长寿特色小镇”项目 -> 氧吧长寿特色小镇), as the annotated local
    news names such projects; None for any other span, for a quoted name that ends otherwise, which is named with
    its quotes and head (秀山“联合动能”项目, 圆通“东方天地港”项目: 7 times of 8 in sets V to Q), and for a slogan of
    counts (“一纵一横”工程, “三馆合一”工程).

    >>> text = "“青创园”项目和“一纵一横”工程，秀山“联合动能”项目"
    >>> quoted_name(text, 0, 7), quoted_name(text, 8, 16), quoted_name(text, 17, 27)
    ((1, 4), None, None)
    """
    match = _QUOTED_BEFORE_HEAD.search(text, start, end)
    if match is None or COUNT_CHARS.search(match.group(1)) or match.group(1)[-1] not in NAME_ENDS:
        return None
    return match.span(1)


# Zones a text names in full once and then by their kind alone (苍南经济开发区 … 经开区, 长三角生态绿色一体化发展
# 示范区 … 示范区): the annotated local news tags the kind alone as the zone 13 times of 17 where it stands as a word
# (after punctuation, a verb or a function word); 开发区 and 园区 alone are as often the kind in general, so not.
SHORT_ZONES = ("经开区", "集聚区", "示范区")
_BEFORE_A_WORD = ("p", "v", "c", "d", "uj", "ul", "u", "x", "f", "m")


def short_zone_names(text: str, projects: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of a zone's kind standing alone as a word (经开区) in a text that names a project ending in it
    (苍南经济开发区 is not, but 苍南经开区 and 瓯江口产业集聚区 are); ``projects`` are the text's project spans.

    >>> text = "苍南经开区成立。近年来，经开区招引项目，全省各经开区和市经开区"
    >>> [(s, text[s:e]) for s, e in short_zone_names(text, [(0, 5)])]
    [(12, '经开区')]
    """
    found = []
    for kind in SHORT_ZONES:
        if not any(e - s > len(kind) and text.endswith(kind, s, e) for s, e in projects):
            continue
        for match in re.finditer(kind, text):
            at = match.start()
            if any(s <= at < e for s, e in projects) or text[at - 1:at] in ("该", "本", "其", "全", "各"):
                continue
            before = list(posseg.cut(text[max(0, at - 6):at]))
            if not before or before[-1].flag in _BEFORE_A_WORD:
                found.append(match.span())
    return sorted(found)


def _named_by_counts(name: str) -> bool:
    """Whether ``name`` is marked only by a quoted slogan of counts (“五纵七横”干线公路, “3+12”平台, 省“152”工程): a
    programme's or a plan's shorthand, a project's name 5 times of 23 in the annotated local news, and then with a
    place or a phase besides (浙江“千人计划”余姚产业园, “三路一湖”一期).

    >>> _named_by_counts("工业“一区三园”平台"), _named_by_counts("“三路一湖”一期"), _named_by_counts("“善治永宁”元治理平台")
    (True, False, False)
    """
    quoted = _QUOTED.search(name)
    if quoted is None or not COUNT_CHARS.search(quoted.group(1)):
        return False
    rest = name[:quoted.start()] + "|" + name[quoted.end():]
    return not place_matches(rest) and not _NAMED_PHASE.search(rest)


def split_joined(text: str, start: int, end: int, heads: AbstractSet[str]) -> list[tuple[int, int]]:
    """A name that joins two projects with 和 or 与 (jieba glues the conjunction to the next name) is two names.
    One joined with 及 is one works of two parts (…数字经济产业园及基础设施配套工程项目), as the annotated local
    batches name it 76 times of 84.

    >>> text = "规划中的杭新景高速公路和九景衢铁路，数字经济产业园及基础设施配套工程项目"
    >>> [text[s:e] for s, e in split_joined(text, 4, 17, {"高速公路", "铁路"})]
    ['杭新景高速公路', '九景衢铁路']
    >>> [text[s:e] for s, e in split_joined(text, 18, 38, {"产业园", "项目"})]
    ['数字经济产业园及基础设施配套工程项目']

    Two joined with 暨 are two works, or an event and a works (杭州西站枢纽暨湖杭铁路工程, …综合枢纽工程开工暨项目
    集中签约): the annotated local news never names a project across 暨 (53 such joints in sets V to Z), so each
    part that is a project's name is one, less an event run on after its last 工程 or 项目.

    >>> text = "杭州西站工程暨湖杭铁路工程，陶庄江海联运综合枢纽工程开工暨项目"
    >>> [text[s:e] for s, e in split_joined(text, 0, 13, {"铁路", "工程"})]
    ['杭州西站工程', '湖杭铁路工程']
    >>> [text[s:e] for s, e in split_joined(text, 14, 31, {"工程", "项目"})]
    ['陶庄江海联运综合枢纽工程']
    """
    ji = _JI.search(text, start, end)
    if ji:
        parts = [(start, before_run_on(text, start, ji.start())), (ji.end(), end)]
        return [(s, e) for s, e in parts if e - s >= 4 and is_project_name(text, s, e, heads=tuple(heads))]
    for joint in _JOINT.finditer(text, start, end):
        left = text[start:joint.start()]
        right = text[joint.end():end]
        head = _head_of(right, heads)
        # the right part names a project of its own, not a part of the left one (隧道及接线工程: 接线 is a word)
        if len(left) >= 4 and len(right) >= 4 and _head_of(left, heads) and head \
                and not is_common_word(right[: right.rfind(head)]):
            return [(start, joint.start()), (joint.end(), end)]
    return [(start, end)]


_ROAD_CODE = re.compile(r"(?:[GSXY]\d{1,4}|\d{2,4}(?:国道|省道))$")


def join_routes(text: str, ents: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Entities with each project written as a route from a place (苍南至泰顺高速公路工程, 鄞州至玉环公路玉环段,
    S226玉环龙溪至坎门段改建工程) made one project: the places that run up to the 至 just before it, and a road's
    code before them, join it, where the tagger had read them as places and the project as starting after 至. A
    county or city before those places says where the route lies and stays a place (青田县 + 温溪至…项目), and
    a route after 从 or 由 is an extent (从滨海大道至丁山二期垦区), not a name.

    >>> text = "苍南至泰顺高速公路工程和S226玉环龙溪至坎门段改建工程"
    >>> ents = [(0, 2, "LOC"), (3, 11, "PROJECT"), (16, 18, "LOC"), (18, 20, "LOC"), (21, 28, "PROJECT")]
    >>> [(text[s:e], label) for s, e, label in join_routes(text, ents)]
    [('苍南至泰顺高速公路工程', 'PROJECT'), ('S226玉环龙溪至坎门段改建工程', 'PROJECT')]
    """
    by_end = {e: (s, e, label) for s, e, label in ents}
    routes = []
    for s, e, label in ents:
        if label != "PROJECT" or text[s - 1:s] != "至" or by_end.get(s - 1, ("", "", ""))[2] != "LOC":
            continue
        places = [by_end[s - 1]]
        while ((place := by_end.get(places[-1][0])) and place[2] == "LOC"
               and not text.endswith(ADMIN_SUFFIX, place[0], place[1])):
            places.append(place)
        start = places[-1][0]
        if text[start - 1:start] in ("从", "由"):
            continue
        code = _ROAD_CODE.search(text, max(0, start - 8), start)
        routes.append((code.start() if code else start, e, "PROJECT"))
    return _joined(ents, routes)  # its places, the project after 至 and a road code read apart (104国道)


_DASH_BEFORE = re.compile(r"(?:%s)$" % _DASH)


def join_paired_places(text: str, ents: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Entities with places joined by dashes before a project whose name starts with a place made one project:
    the joint works of paired counties (天台-路桥山海协作项目, 三门——温岭山海协作…产业园, 嘉善—庆元—九寨沟“飞地”产业园),
    which the annotated local news names whole 3 times of 3. A dash before a name that starts with no place says
    what the name is (浙江省重点项目——三门湾大桥, ▲仙居——中以(上海)创新园), and a division written with its level
    stays a place.

    >>> text = "天台-路桥山海协作项目，仙居——中以创新园"
    >>> ents = [(0, 2, "LOC"), (3, 11, "PROJECT"), (12, 14, "LOC"), (16, 21, "PROJECT")]
    >>> [(text[s:e], label) for s, e, label in join_paired_places(text, ents)]
    [('天台-路桥山海协作项目', 'PROJECT'), ('仙居', 'LOC'), ('中以创新园', 'PROJECT')]
    """
    by_end = {e: (s, e, label) for s, e, label in ents}
    joined = []
    for s, e, label in ents:
        if label != "PROJECT" or not _starts_with_place(text[s:s + 4]):
            continue
        start = s
        while ((dash := _DASH_BEFORE.search(text, max(0, start - 2), start)) and (place := by_end.get(dash.start()))
               and place[2] == "LOC" and not is_division(text[place[0]:place[1]])):
            start = place[0]
        if start < s:
            joined.append((start, e, "PROJECT"))
    return _joined(ents, joined)


def _joined(ents: Sequence[tuple[int, int, str]], names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``ents`` with each of ``names`` in place of the entities it covers."""
    inside = {ent for ent in ents for a, b, _ in names if a <= ent[0] and ent[1] <= b}
    return sorted([ent for ent in ents if ent not in inside] + names)


_JOINT = re.compile("和|与")
_JI = re.compile("(?<![诸諸])暨")  # 诸暨 is a place


def _drop_admin_prefix(words, starts, first, k, start) -> int:
    word = words[first][0]
    # Not in "台州市域铁路": 市域 (the city's area) is one word that jieba splits.
    if (first < k - 1 and (words[first][1] == "ns" or is_place_name(word)) and len(word) >= 3
            and word.endswith(ADMIN_SUFFIX + ("镇", "乡", "街道"))
            and not words[first + 1][0].startswith("域")):
        rest = "".join(w for w, _ in words[first + 1:k])
        if len(rest) >= 2:
            return starts[first + 1]
    return start
