"""Names in a list that the text closes with what they are: "新荣记、林家一、老扁酒家等知名餐饮店" names three
organisations, "特斯拉、欧拉、小鹏等知名电动汽车品牌" names brands, not places.

Local news lists firms, shops and places this way all the time, and the items are often names the tagger has
never seen (a restaurant called 林家一) or reads as places (a car brand). The closing word says what every item
is, so it settles the type: an organisation kind (企业, 公司, 餐饮店, 银行, …) makes each item that looks like a
name an ORG, a place kind (国家, 城市, 景区, …) makes a found item a LOC, and a kind that is no entity (品牌,
产品) takes the found item's label away.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from jieba import posseg

from .gazetteer import full_name, is_town_stem
from .tagger import is_common_word, is_word

__all__ = ["ORG_KINDS", "LOC_KINDS", "NOT_NAMES", "find_list_items", "honoured_places", "looks_like_name",
           "quoted_guesthouses", "town_lists"]

ORG_KINDS = ("企业", "公司", "集团", "车企", "药企", "房企", "央企", "国企", "民企", "外企", "厂家", "餐饮店", "饭店",
             "酒家", "酒店", "门店", "商家", "银行", "学校", "高校", "医院", "机构", "协会", "商会")
LOC_KINDS = ("国家", "城市", "地区", "省份", "景区", "景点", "港口")
NOT_NAMES = ("品牌", "车型", "产品", "商品", "功能区", "功能室", "场所")  # rooms and venues of a building
_ITEM = r"[^\s，。；：！？、,.;:!?“”\"‘’'（）()《》]"
# What closes a list: 等 or a count of firms (3家), up to ten characters, and the kind of its items.
_CLOSE = r"(?:等|[0-9一二三四五六七八九十两几]+家)%s{0,10}?(%s)" % (
    _ITEM, "|".join(sorted(ORG_KINDS + LOC_KINDS + NOT_NAMES, key=len, reverse=True)))
# An item may open with a quoted word (“益企”工作室); a list of quoted names alone is _QUOTED_LIST's.
_LIST_ITEM = r"(?:“%s{1,10}”)?%s{2,12}" % (_ITEM, _ITEM)
_LIST = re.compile(r"((?:%s、)+%s?)" % (_LIST_ITEM, _LIST_ITEM) + _CLOSE)
# The same list with each item in quotes and nothing or a 、 between them (“新力新材料”“万隆化工”等一大批企业).
_QUOTED_LIST = re.compile(r"((?:“[^“”\s]{2,12}”[、，,]?){2,})" + _CLOSE)
_QUOTED = re.compile(r"“([^“”]+)”")
# Characters after a kind that make it another word: 企业家 (entrepreneurs), 企业主, 公司制.
_NOT_AFTER = "家主界制化级"
# jieba tags that end the first item on its left (在新荣记 -> 新荣记, 调研了特斯拉 -> 特斯拉).
_STOP_TAGS = ("p", "v", "u", "c", "r", "d", "t", "m", "q", "x")
# For one character only some of them: 和 (c) and 一 (m) sit inside names (云和记, 林家一).
_STOP_CHAR_TAGS = ("p", "v", "u", "r", "d", "x")


def find_list_items(text: str, names: AbstractSet[tuple[int, int]] = frozenset()) -> list[tuple[int, int, str | None]]:
    """(start, end, label) of each item of a list closed by 等 or a count (3家) and a kind: "ORG" or "LOC" for
    the kinds that name organisations or places, None for the kinds that name no entity (brands, products). A
    list with digits in it counts things and names none. The first item starts after the words before it that
    cannot be part of a name (a verb: 调研了特斯拉), or where one of ``names`` (the names found already, (start,
    end)) that ends with it starts, after the text's last punctuation before it (设有矛盾调解室: 调解 is a verb).

    >>> text = "在新荣记、林家一、老扁酒家等知名餐饮店的带动下；调研了特斯拉、小鹏等品牌。张三、李四等企业家"
    >>> [(text[s:e], label) for s, e, label in find_list_items(text)]
    [('新荣记', 'ORG'), ('林家一', 'ORG'), ('老扁酒家', 'ORG'), ('特斯拉', None), ('小鹏', None)]
    >>> text = "与艾佳果蔬、柚都生物、德铭农业3家龙头企业签约；390座坟墓迁移、41户农户和5家企业征迁"
    >>> [(text[s:e], label) for s, e, label in find_list_items(text)]
    [('艾佳果蔬', 'ORG'), ('柚都生物', 'ORG'), ('德铭农业', 'ORG')]
    >>> text = "集聚了“新力新材料”“万隆化工”等一大批上下游企业"
    >>> [(text[s:e], label) for s, e, label in find_list_items(text)]
    [('新力新材料', 'ORG'), ('万隆化工', 'ORG')]
    >>> text = "此外,漳龙地产、恒晟地产、建发地产等房企进驻各社区；走访中心小学、群英小学以及中心幼儿园等学校"
    >>> [(text[s:e], label) for s, e, label in find_list_items(text)]
    [('漳龙地产', 'ORG'), ('恒晟地产', 'ORG'), ('建发地产', 'ORG'), ('中心小学', 'ORG'), ('群英小学', 'ORG'), ('中心幼儿园', 'ORG')]
    >>> text = "设有矛盾调解室、“益企”工作室、教培室等功能区；包括“益企”工作室、教培室等功能区"
    >>> [text[s:e] for s, e, label in find_list_items(text)], [text[s:e] for s, e, _ in find_list_items(text, {(2, 7)})]
    (['“益企”工作室', '教培室', '“益企”工作室', '教培室'], ['矛盾调解室', '“益企”工作室', '教培室', '“益企”工作室', '教培室'])
    """
    found = []
    for match in _QUOTED_LIST.finditer(text):
        if not text.startswith(tuple(_NOT_AFTER), match.end()):
            label = _label(match.group(2))
            found += [(match.start(1) + q.start(1), match.start(1) + q.end(1), label)
                      for q in _QUOTED.finditer(match.group(1))]
    for run in _RUN.finditer(text):
        if not _CLOSE_WORD.search(run.group()):
            continue  # a list lies within one run, and only a run with a closing word can hold one
        for match in _LIST.finditer(text, *run.span()):
            if text.startswith(tuple(_NOT_AFTER), match.end()) or re.search(r"[0-9０-９]", match.group(1)):
                continue  # 企业家; 390座坟墓迁移、41户农户和5家企业: counts, not names
            label = _label(match.group(2))
            bounds = [match.start(1)] + [at for sep in _SEPARATOR.finditer(text, *match.span(1)) for at in sep.span()]
            items = list(zip(bounds[::2], bounds[1::2] + [match.end(1)]))
            start = items[0][0] if text.startswith("“", items[0][0]) else items[0][0] + _first_item_start(
                text[slice(*items[0])])  # an item that opens with a quoted word starts with it
            items[0] = (min((s for s, e in names if e == items[0][1] and items[0][0] <= s < start), default=start),
                        items[0][1])
            found += [(s, e, label) for s, e in items if e - s >= 2]
    return found


# What a list of _LIST can hold: items, 、 and quotes. A roll call of 600 names has no closing 等 or count, and
# trying each of its names as a list's start read it in quadratic time.
_RUN = re.compile(r"[^\s，。；：！？,.;:!?\"‘’'（）()《》]+")
_CLOSE_WORD = re.compile(r"等|[0-9一二三四五六七八九十两几]家")
_SEPARATOR = re.compile("、|以及")  # 中心小学、群英小学以及中心幼儿园等各公民办学校


def _label(kind: str) -> str | None:
    """The label a list's closing kind gives its items: ORG, LOC, or None for no entity (品牌)."""
    return "ORG" if kind in ORG_KINDS else "LOC" if kind in LOC_KINDS else None


def _first_item_start(segment: str) -> int:
    """Where the first item starts in the text before the list's first 、: its last word, and the words before
    it back to a verb, preposition or other word that cannot be part of a name (在云和记 -> 云和记)."""
    words = list(posseg.cut(segment))
    start = len(segment) - len(words[-1].word)
    for word in reversed(words[:-1]):
        if word.flag.startswith(_STOP_TAGS if len(word.word) > 1 else _STOP_CHAR_TAGS):
            break
        start -= len(word.word)
    return start


def looks_like_name(item: str, quoted: bool = False) -> bool:
    """Whether a list item can be a name of its own: three characters or more (律所 and 车企 are kinds), not one
    word of jieba's dictionary (人力资源, 化工) and made of Chinese characters, letters and digits only; or, where
    the text quotes it, two characters or more (“正博”“通力”等企业: the quotes make a word a name).

    >>> looks_like_name("林家一"), looks_like_name("律所"), looks_like_name("人力资源"), looks_like_name("通力", quoted=True)
    (True, False, False, True)
    """
    if quoted:
        return len(item) >= 2
    return len(item) >= 3 and not is_word(item) and all(c.isalnum() for c in item)


# A guesthouse's name in quotes beside the word 民宿 (“寒舍迴塘”民宿, 民宿“百汇阳轩”): the annotated local news
# tags it ORG 12 times of 14; rural tourism stories name many, and the tagger knows few.
_GUESTHOUSE = re.compile(r"民宿[“\"]([^“”\"\s，。、,]{2,8})[”\"]|[“\"]([^“”\"\s，。、,]{2,8})[”\"]民宿")


def quoted_guesthouses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each guesthouse name that ``text`` quotes beside 民宿.

    >>> text = "民宿“寒舍迴塘”。“莫梵”民宿创始人，“民宿”二字"
    >>> [text[s:e] for s, e in quoted_guesthouses(text)]
    ['寒舍迴塘', '莫梵']
    """
    return [m.span(1) if m.group(1) else m.span(2) for m in _GUESTHOUSE.finditer(text)]


# The country or province an honour names (“中国五金之乡”, 获评中国天然氧吧, 浙江第一家…): a place, as the annotated
# local news tags it 38 times of 40 there, but the tagger, fine-tuned on batches that left it out, seldom finds it.
_HONOUR_PLACE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=获评|评为|成为|作为|有着|素有|入选|荣获|获得|誉为|称为|列为))"
                           r"(中国|浙江省|浙江)(?=[^，。、；：“”\s]{0,8}?(?:之乡|之都|之城|名城|名镇|名村|百强|最美|氧吧|强县|强镇|第一))")


def honoured_places(text: str) -> list[tuple[int, int]]:
    """(start, end) of each country or province that starts the name of an honour in ``text``.

    >>> text = "素有“中国五金之乡”的美誉，东海云廊获评中国天然氧吧，新中国成立以来"
    >>> [text[s:e] for s, e in honoured_places(text)]
    ['中国', '中国']
    """
    return [m.span(1) for m in _HONOUR_PLACE.finditer(text)]


_SHORT_LIST = re.compile(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])")


def _short_place(name: str) -> bool:
    """Whether ``name`` is a town's name without its unit (双浦 of 双浦镇, 转塘 of 转塘街道) or a county's or
    city's short form."""
    return full_name(name) is not None or is_town_stem(name)


def town_lists(text: str, places: AbstractSet[tuple[int, int]] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of the items of a short 、 list whose items are all places, two of them or more towns
    written without their unit and not common words (双浦、转塘、留下、三墩): the tagger misses such short forms,
    and a word among them (留下) is a place only in such company. ``places`` are the places found already; an
    item that is one of them counts as a place.

    >>> text = "双浦、转塘、留下、三墩，都曾是城郊。公平、公正"
    >>> [text[s:e] for s, e in town_lists(text)]
    ['双浦', '转塘', '留下', '三墩']
    """
    found = []
    for match in _SHORT_LIST.finditer(text):
        items, at = [], match.start(1)
        for item in match.group(1).split("、"):
            items.append((at, at + len(item)))
            at += len(item) + 1
        towns = [span for span in items if _short_place(text[slice(*span)])]
        if all(span in places or span in towns for span in items) and sum(
                not is_common_word(text[slice(*span)]) for span in towns) >= 2:  # not 公平、公正
            found += items
    return found
