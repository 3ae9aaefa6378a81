"""Split a newspaper page into articles.

A page holds several articles, each a headline block (one or more short title lines), often a byline, and body
paragraphs, mixed with page furniture (masthead, issue number, date line, "… >> 2版" teasers) that belongs to
no article. The rules below work on lines; each pattern quotes the kind of line it is for.

An article starts at
- a headline block followed by a byline ("本报讯(记者…)", "温州网讯", "本报记者…", a line of reporters' names),
  "编者按", or a web article's header ("发布时间:…", "来源:…", a date alone);
- a Markdown heading of level 1 or 2 (not a teaser);
- a lead paragraph with a byline, or "(上接第一版)", when no headline precedes it;
- an unmarked headline block after a finished sentence, where the lead under it opens on its date ("11月17日,…",
  "昨天,…"): unsigned articles copied one after another into a text file;
- any headline block once the previous article ended with "(下转第二版)";
- whatever follows a line of dashes ("------", "＊＊＊"), which parts articles pasted into one file; a headline
  underlined with one starts an article.
Other headline blocks are subheadings and stay in the current article.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from .clean import is_traditional, to_simplified
from .read import Document, iso_date

__all__ = ["Article", "segment", "article_from_record", "join_continuations", "drop_copies"]

# "本报讯(记者王媛媛)1月25日, …", "本报讯（通讯员郭玲）近日，…", "本报讯(全媒体记者 金斌杰)9月18日…"
LEAD_BYLINE = re.compile(r"^(本报[^\s(（]{0,4}讯\s*[(（][^)）]{1,40}[)）]|[(（](?:本报)?(?:全媒体)?记者[^)）]{1,30}[)）])")
# A news site's or agency's dateline without brackets: "温州网讯 自西向东…", "龙港网11月6日讯:", "浙江在线天台11月21日讯",
# "浙江在线-杭州频道3月23日讯(…)", "联谊报讯  …", "新华社杭州3月5日电(…)"; not "据台州日报讯".
NEWS_DATELINE = re.compile(r"^(?!据)[\u4e00-\u9fffA-Za-z/·\-–—]{0,16}?(?:网|报|在线|新闻|频道|客户端|台|社|站)"
                           r"[\u4e00-\u9fff]{0,6}?(?:\d{1,2}月\d{1,2}日)?(?:讯|(?<=日)电)(?=[\s:：(（,，]|$)")
# A lead that opens on when it happened: "11月17日,", "昨天,", "近日,": under a headline, where an unsigned article
# starts (a section of a feature opens so less often, and its heading is a Markdown one on a marked page).
TIME_LEAD = re.compile(r"^(?:\d{1,2}月\d{1,2}日|(?:19|20)\d\d年\d{1,2}月|近日|日前|昨日|昨天|今天|今日|前不久|近期|上周|本周)")
# A web article's source line under its headline: "来源:温州网–温州日报  记者:林乃鹏", "稿源: 杭州日报"
SOURCE_LINE = re.compile(r"^(?:信息)?[来稿]源\s*[:：]")
DATE_ALONE = re.compile(r"^(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?$")
# "本报记者曹思思 张 荣", "本报通讯员王华斌摄", "记者 周学军摄", "全媒体记者 金斌杰 通讯员 李某"
BYLINE_LINE = re.compile(r"^(本报)?(特约|全媒体|首席)?(记者|通讯员|实习生|撰稿|文/|文／|图/|图／)")
# "孙诺亚", "杨 群", "俞帅锋 陈杭": reporters' names alone on the line under a headline.
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{1,4}(\s+[\u4e00-\u9fff]{1,4}){0,3}$")
# "(下转第二版)" ends an article on this page; "(上接第一版)" starts one.
CONTINUED = re.compile(r"[(（]\s*下转第?\s*[0-9一二三四五六七八九十]+\s*版\s*[)）]\s*$")
CONTINUATION = re.compile(r"^[(（]\s*上接第?\s*[0-9一二三四五六七八九十]+\s*版\s*[)）]")
# "## 2022年留台过年服务指南平台上线" followed by ">> 2版": a teaser for another page.
TEASER = re.compile(r">>\s*\d+\s*版\s*$")
# A page's folio may name the paper before the date: "台州日报 2022年1月26日 星期三 第1版", "《温岭日报》| 2022年…".
_PAPER = r"(?:《?[\u4e00-\u9fff]{2,10}报》?\s*[|｜·]?\s*)?"
# Masthead and issue lines: "中共台州市委机关报", "国内统一连续出版物号:CN 33-0009", "2022年1月26日 星期三 辛丑年十二月廿四",
# "今日8版 总第13218期", "中国台州网".
FURNITURE = re.compile(
    r"(机关报|出版物号|CN\s*\d{2}-\d{4}|^" + _PAPER + r"\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)|今日\s*\d+\s*版|总第\s*\d+\s*期|"
    r"^第?\s*\d+\s*版$|责任编辑|版式设计|美术编辑|^[\w\s]{0,12}网$|^www\.|^http)"
)
# Photo captions and credits: "企业服务中心为企业排忧解难(图片由苍南经济开发区提供)", "台州主城区 储伏龙摄",
# "台州机场改扩建工程效果图". They describe a picture, not an article, and often sit inside another article's column.
CAPTION = re.compile(r"([(（]\s*图片由.{0,30}提供\s*[)）]|[(（]?(本报|全媒体)?(记者|通讯员)?\s*\S{0,12}\s*摄[)）]?$|效果图$|供图[)）]?$)")
# The page's date line: "2022年1月26日 星期三 辛丑年十二月廿四"; every article of the page gets its date.
PAGE_DATE = re.compile(r"^" + _PAPER + r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*(星期|周)")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s*")
# "| 1 | 台州湾新材料产业园 | 30亿元 |": a Markdown table's row (kg.read keeps its bars, which bound the cells' names)
TABLE_ROW = re.compile(r"^\|.*\|$")
SENTENCE_END = "。！？!?；;，,、…"
EDITOR_NOTE = re.compile(r"^(编者按|编者的话)")
# A news database's labelled fields, one a line: "【标题】…", "【来源】台州日报", "【日期】2022.01.26", "【正文】…", "标题：…".
# The title starts an article, the text is its body, the others are its header.
FIELD = re.compile(r"^(?:[【\[]\s*(?P<bracketed>标题|题目|题名|正文|内容|全文|摘要|来源|出处|媒体|报纸|日期|发布日期|发布时间|"
                   r"出版日期|版次|版面|版号|版名|作者|记者|编辑|责任编辑|栏目|专栏|关键词|文章编号|字数|语种)\s*[】\]]|"
                   r"(?P<colon>标题|题目|题名|正文|全文|版次|版面|版名|作者|栏目)\s*[:：])\s*")
# A line that parts two articles in a text file, or underlines a headline: "------", "=====", "＊＊＊", "———"
SEPARATOR = re.compile(r"^(?:[-=*_~—─━＝－＊·•]\s*){3,}$")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Article:
    """One article: where it is (source file, 1-based inclusive line range) and what it says.

    ``text`` is the headline lines, byline and body joined with newlines (Markdown heading marks removed);
    mention offsets index this text.
    """

    id: str
    source: str
    lines: tuple[int, int]
    headline: str
    byline: str
    text: str
    date: str = ""
    meta: dict = field(default_factory=dict)
    mentions: list = field(default_factory=list)  # kg.normalise.Mention, filled in by recognition
    # where the article goes on in another page's text ("(下转第二版)" … "(上接第一版)": :func:`join_continuations`):
    # {"source", "lines", "start", "id"} of each part after the first, ``start`` its offset in ``text``
    continued: list = field(default_factory=list)
    # the other articles that tell the same story in the same words (:func:`drop_copies`), read as this one:
    # {"id", "source", "lines", "date"} of each
    copies: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """The ``articles.jsonl`` record of this article."""
        return {"id": self.id, "source": self.source, "lines": list(self.lines), "headline": self.headline,
                "byline": self.byline, "date": self.date, "text": self.text, "continued": self.continued,
                "copies": self.copies, "mentions": [m.to_dict() for m in self.mentions]}


def _kind(line: str) -> str:
    """Classify one stripped, non-empty line."""
    if TEASER.search(line):
        return "teaser"
    if SEPARATOR.match(line):
        return "separator"
    if field := FIELD.match(line):
        name = field.group("bracketed") or field.group("colon")
        if name in ("标题", "题目", "题名"):
            return "heading"
        return "body" if name in ("正文", "内容", "全文", "摘要") else "dateline"
    if DATE_ALONE.match(line):
        return "dateline"  # a web article's date alone on its line, under its headline: 2025-12-31
    if FURNITURE.search(line) or len(HAN.findall(line)) < 2:
        return "furniture"
    if CAPTION.search(line) and len(line) <= 80 and not BYLINE_LINE.match(line):
        return "caption"
    if MARKDOWN_HEADING.match(line):
        return "heading"
    if TABLE_ROW.match(line):
        return "body"  # a row of a Markdown table: part of its article, however short
    if m := LEAD_BYLINE.match(line):
        return "lead" if line[m.end():].strip() else "byline"  # a credit alone, as an article may close: (记者 别阳军)
    if CONTINUATION.match(line) or NEWS_DATELINE.match(line):
        return "lead"
    if EDITOR_NOTE.match(line):
        return "note"
    if BYLINE_LINE.match(line) and len(line) <= 40 and "。" not in line:
        return "byline"
    if len(line) <= 60 and "。" not in line and (HEADER_DATE.search(line) or SOURCE_LINE.match(line)):
        return "dateline"  # a web article's header under its headline: 发布时间:2022-10-19 来源:温岭日报
    if len(line) <= 45 and line[-1] not in SENTENCE_END and not CONTINUED.search(line):
        return "title"
    return "body"


def _heading_level(line: str) -> int:
    """A Markdown heading's level; 1 for a database's title field (【标题】…); 0 for other lines."""
    m = MARKDOWN_HEADING.match(line)
    return len(m.group(1)) if m else 1 if FIELD.match(line) else 0


def _headline(line: str) -> str:
    """A headline line without its Markdown marks or field label: "## 标题" and "【标题】标题" -> "标题"."""
    return FIELD.sub("", MARKDOWN_HEADING.sub("", line, count=1), count=1).strip()


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple[int, str]] = []  # (line number, text)
        self.headline: list[str] = []
        self.byline = ""
        self.closed = False
        self.body = 0  # body paragraphs so far
        self.displaced: set[int] = set()  # headline lines printed away from the article (not in its line range)

    def add(self, number: int, line: str) -> None:
        self.rows.append((number, MARKDOWN_HEADING.sub("", line, count=1).strip()))


def segment(doc: Document) -> list[Article]:
    """Split a page into articles; a JSONL record is returned as its one article.

    >>> from kg.read import Document
    >>> page = "## 台州出口首破两千亿\\n\\n本报讯(记者王媛媛)1月25日,台州外贸晒出成绩单。\\n\\n今日8版"
    >>> [(a.lines, a.headline, a.byline) for a in segment(Document("p.txt", page, "utf-8"))]
    [((1, 3), '台州出口首破两千亿', '本报讯(记者王媛媛)')]
    """
    if doc.meta:
        return [article_from_record(doc)]
    # A page in traditional characters (本報訊(記者…)) is classified on its simplified reading, one character for
    # one, and cut into articles of its own text.
    plain = to_simplified if is_traditional(doc.text) else str
    lines, kinds, reads = [], [], []
    for n, raw in enumerate(doc.text.split("\n"), 1):
        read = plain(raw.strip())
        kind = _kind(read) if read else "empty"
        if kind not in ("empty", "furniture", "caption"):
            lines.append((n, raw.strip()))
            kinds.append(kind)
            reads.append(read)
    builders: list[_Builder] = []
    current: _Builder | None = None
    i = 0
    while i < len(lines):
        kind = kinds[i]
        if kind == "teaser":
            i += 1
            continue
        if kind == "separator":  # whatever follows is another article
            current = None
            i += 1
            continue
        if kind in ("heading", "title"):
            j = i
            while j < len(lines) and kinds[j] in ("heading", "title"):
                j += 1
            underlined = j < len(lines) and kinds[j] == "separator" and lines[j][0] == lines[j - 1][0] + 1
            block = list(range(i, j))
            # On a Markdown page the headings are the headline: stray short lines above them are masthead debris.
            marked = [k for k in block if kinds[k] == "heading"]
            if marked:
                block = block[block.index(marked[0]):]
            if underlined:  # a headline underlined as in a text file: 标题 / ======
                j += 1
            nxt = kinds[j] if j < len(lines) else "end"
            if nxt in ("teaser", "end"):
                i = j  # a teaser for another page ("… >> 2版"), or slogans and captions at the foot of the page
                continue
            # A reporter's name alone under the headline ("孙诺亚", "杨 群") reads as one more title line.
            name_line = len(block) > 1 and kinds[block[-1]] == "title" and bool(NAME_LINE.match(reads[block[-1]]))
            level = min(_heading_level(lines[k][1]) or 9 for k in block)
            if (name_line or nxt in ("lead", "byline", "note", "dateline") or level <= 2 or underlined
                    or current is None or current.closed or _photo_story(reads, kinds, j)
                    or _unsigned_lead(reads, kinds, i, j, level, current)):
                current = _Builder()
                builders.append(current)
                heads = block[:-1] if name_line else block
                current.headline = [_headline(lines[k][1]) for k in heads]
                if name_line:
                    current.byline = lines[block[-1]][1]
            for k in block:
                current.add(*lines[k])
            i = j
            continue
        # A lead with a byline starts an article, unless it is the first paragraph under a new headline.
        if kind == "lead" and (current is None or current.closed or current.body):
            current = _Builder()
            builders.append(current)
        if current is None:
            current = _Builder()
            builders.append(current)
        line = lines[i][1]
        if kind == "lead" and not current.byline:
            m = LEAD_BYLINE.match(reads[i]) or NEWS_DATELINE.match(reads[i])
            current.byline = line[:m.end()] if m else ""
        if kind == "byline" and not current.byline:
            current.byline = line
        current.add(*lines[i])
        current.body += kind not in ("byline", "dateline")
        if CONTINUED.search(reads[i]):
            current.closed = True
        i += 1
    builders = [b for b in builders if _has_body(b)]
    _rehome_headlines(builders)
    _give_back_stacked_headlines(builders)
    # a paper's date line, the file's, else the article's own web header's, else the first web header's of the page
    date, page_header = _page_date(doc.text) or doc.date, header_date(doc.text)
    articles = [_article(doc, k, b, date) for k, b in enumerate(builders, 1)]
    for article in articles:
        article.date = article.date or header_date(article.text) or page_header
    return articles


def join_continuations(articles: list[Article]) -> list[Article]:
    r"""``articles`` with each one that a page continues on another page joined to it: an article that ends
    "(下转第二版)" takes in the article of another page of the same folder (and of the same date, where both are
    dated) that starts "(上接第一版)" under a headline sharing four characters or more with its own, the one that
    shares most; or, under no headline, the one such article the issue leaves open. The parts are joined by a
    blank line; ``continued`` says where each part after the first came from. One story is one article, so the
    entities of both parts are linked.

    >>> front = Article("p1.txt#1", "p1.txt", (3, 9), "聚力三条路径 奋进三高三新", "", "聚力三条路径 奋进三高三新\n\n潘军明说。(下转第二版)")
    >>> other = Article("p2.txt#1", "p2.txt", (1, 4), "路桥召开人代会", "", "路桥召开人代会\n\n会议开幕。")
    >>> rest = Article("p2.txt#2", "p2.txt", (6, 8), "聚力三条路径", "", "聚力三条路径\n\n(上接第一版)李跃旗说。")
    >>> [(a.id, a.text, a.continued) for a in join_continuations([front, other, rest])]  # doctest: +NORMALIZE_WHITESPACE
    [('p1.txt#1', '聚力三条路径 奋进三高三新\n\n潘军明说。(下转第二版)\n\n聚力三条路径\n\n(上接第一版)李跃旗说。',
      [{'source': 'p2.txt', 'lines': [6, 8], 'start': 29, 'id': 'p2.txt#2'}]),
     ('p2.txt#1', '路桥召开人代会\n\n会议开幕。', [])]
    """
    opened = [a for a in articles if CONTINUED.search(a.text.rstrip())]
    joined: list[tuple[Article, Article]] = []  # (the article continued, its continuation)
    taken: set[str] = set()  # ids of the articles continued already
    for part in articles:
        if not any(CONTINUATION.match(line.strip()) for line in part.text.split("\n")[:6]):
            continue
        open_here = [a for a in opened if a.source != part.source and a.id not in taken
                     and PurePath(a.source).parent == PurePath(part.source).parent
                     and (not a.date or not part.date or a.date == part.date)]
        scored = sorted(((_common_run(a.headline, part.headline), i) for i, a in enumerate(open_here)), reverse=True)
        first = None
        if part.headline and scored and scored[0][0] >= 4 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            first = open_here[scored[0][1]]
        elif not part.headline and len(open_here) == 1:
            first = open_here[0]
        if first is not None:
            joined.append((first, part))
            taken.add(first.id)
    for first, part in reversed(joined):  # a part continued on a third page takes in its own continuation first
        start = len(first.text) + 2
        first.text += "\n\n" + part.text
        first.continued.append({"source": part.source, "lines": list(part.lines), "start": start, "id": part.id})
        first.continued += [{**c, "start": start + c["start"]} for c in part.continued]
    parts = {id(part) for _, part in joined}
    return [a for a in articles if id(a) not in parts]


_SHINGLE = 8  # characters of text a shingle holds
_SAMPLE = 8  # one shingle in this many (by its hash, so that two copies sample the same ones) is indexed
_COMMON = 50  # a sampled shingle in more articles than this is boilerplate (来源：… 编辑：…), not evidence of a copy
_SHORTEST = 40  # characters of the shortest brief that is read once where it is written twice, word for word


def drop_copies(articles: list[Article], *, share: float = 0.8, min_chars: int = 200) -> list[Article]:
    r"""``articles`` less those that copy another one: a story another site or paper reposted, a page scraped
    twice, an excerpt. A copy is an article at least ``share`` of whose text (its 8-character pieces, counting
    Chinese characters, letters and digits only, in simplified characters) is in a longer or equally long article,
    of ``min_chars`` such characters or more; a shorter article (40 or more) copies one that says the same, word for
    word. The longest of a story's copies is kept, the first in reading order among equals; its ``copies`` lists
    the others. One story is one article, so that a reposted story does not count twice in an edge's weight.

    >>> story = "台州湾新区举行重大项目集中开工仪式，此次集中开工项目包含台州湾通用机场等12个重点项目。" * 5
    >>> first = Article("a.txt#1", "a.txt", (1, 3), "开工", "", "开工\n\n" + story, "2022-01-26")
    >>> repost = Article("b.txt#1", "b.txt", (1, 4), "开工了", "", "开工了\n来源：浙江在线\n" + story + "\n编辑：王五")
    >>> other = Article("c.txt#1", "c.txt", (1, 2), "签约", "", "签约\n\n" + story[:40] + "路桥区签约仪式举行。" * 8)
    >>> [(a.id, [c["id"] for c in a.copies]) for a in drop_copies([first, repost, other])]
    [('b.txt#1', ['a.txt#1']), ('c.txt#1', [])]
    """
    plain = ["".join(_WORD_CHAR.findall(to_simplified(a.text) if is_traditional(a.text) else a.text)) for a in articles]
    sampled = [{h for h in _pieces(p) if h % _SAMPLE == 0} for p in plain]  # all pieces only where a pair is weighed
    index: dict[int, list[int]] = {}
    for k, sample in enumerate(sampled):
        for h in sample:
            index.setdefault(h, []).append(k)
    # longest first, so that a story's copies go to the longest telling of it
    order = sorted(range(len(articles)), key=lambda k: (-len(plain[k]), k))
    rank = {k: r for r, k in enumerate(order)}
    kept_of: dict[int, int] = {}
    first_of: dict[str, int] = {}  # a short text's first telling: a brief is a copy only of the same words
    for k in order:
        if len(plain[k]) < min_chars or len(sampled[k]) < 3:
            if len(plain[k]) >= _SHORTEST and first_of.setdefault(plain[k], k) != k:
                kept_of[k] = first_of[plain[k]]
            continue
        shared: Counter = Counter()
        for h in sampled[k]:
            if len(index[h]) <= _COMMON:
                shared.update(j for j in index[h] if rank[j] < rank[k] and j not in kept_of)
        mine: set[int] = set()  # all of its pieces, made once it has a candidate
        for j, n in shared.most_common():
            if n < share * len(sampled[k]):
                break
            mine = mine or _pieces(plain[k])
            if len(mine & _pieces(plain[j])) >= share * len(mine):
                kept_of[k] = j
                break
    for k, j in sorted(kept_of.items()):
        a = articles[k]
        articles[j].copies.append({"id": a.id, "source": a.source, "lines": list(a.lines), "date": a.date})
        articles[j].copies.extend(a.copies)
    return [a for k, a in enumerate(articles) if k not in kept_of]


def _pieces(plain: str) -> set[int]:
    """The CRC-32s of the 8-character pieces of ``plain``."""
    return {zlib.crc32(plain[i:i + _SHINGLE].encode("utf-8")) for i in range(len(plain) - _SHINGLE + 1)}


_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def _page_date(text: str) -> str:
    """The ISO date of the page's date line, or "" ("2022年1月26日 星期三" -> "2022-01-26").

    >>> _page_date("台州日报 2022年1月26日 星期三 第1版\\n\\n2021年台州外贸"), _page_date("2022年1月26日,台州")
    ('2022-01-26', '')
    """
    for line in text.split("\n", 40)[:40]:
        if found := PAGE_DATE.match(line.strip()):
            return iso_date("-".join(found.group(1, 2, 3)))
    return ""


# A web article's header: a date alone on its line, or after a label (发布时间:), or before its time, its source
# or its page (2020-01-05 18:02:41 来源:浙江在线, 《舟山日报》( 2023年08月29日 第 02 版 )), or between bars as news
# databases write it (台州日报 | 2022-01-26 | 第1版); not a date a sentence starts with (2022年5月16日,共青团…).
HEADER_DATE = re.compile(r"(?:^|(?<=[\s(（:：|｜】\]]))((?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)"
                         r"[ \t\u3000]*(?=\d{1,2}:\d\d|来源|作者|第?\s*[A-Z]?\d+\s*版|[)）|｜]|$)", re.M)


def header_date(text: str) -> str:
    """The ISO date a web article's header gives in its first ten lines, or "": what a page saved from a news
    site carries in place of a paper's date line.

    >>> header_date("标题\\n发布时间:2020-04-16    来源:海盐新闻网\\n正文"), header_date("2023-11-14\\n正文")
    ('2020-04-16', '2023-11-14')
    >>> header_date("来源:嵊州新闻网 作者:记者 吴燕钧 2020年06月17日09:40:00"), header_date("《 舟山日报 》( 2023年08月29日 第 02 版 )")
    ('2020-06-17', '2023-08-29')
    >>> header_date("台州日报 | 2022-01-26 | 第1版"), header_date("台州日报｜2022年01月26日｜A01版")
    ('2022-01-26', '2022-01-26')
    >>> header_date("2022年5月16日,共青团青山湖区委下发决定"), header_date("会议于 2022-01-26 召开")
    ('', '')
    """
    for match in HEADER_DATE.finditer("\n".join(text.split("\n", 10)[:10])):
        if date := iso_date(match.group(1)):
            return date
    return ""


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters that ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _lead(builder: "_Builder") -> str:
    body = [t for n, t in builder.rows[len(builder.headline):] if t != builder.byline]
    return "".join(body[0].split())[:120] if body else ""


def _give_back_stacked_headlines(builders: list["_Builder"]) -> None:
    """A headline block that stacks the previous article's title over this one's (page 004: "推进数字化改革 建设
    “一区四城”" above "培育、丰富消费业态…"): its first line goes back to the previous article when it shares a
    run of 4+ characters with that article's lead and none with this one's."""
    for prev, cur in zip(builders, builders[1:]):
        if len(cur.headline) < 2 or not prev.rows or cur.rows[0][1] != cur.headline[0]:
            continue
        title = "".join(cur.headline[0].split())
        if _common_run(title, _lead(prev)) >= 4 and _common_run(title, _lead(cur)) < 4:
            row = cur.rows.pop(0)
            cur.headline.pop(0)
            prev.rows.insert(len(prev.headline), row)  # with the headline in the text, after it in the range
            prev.headline.append(row[1])


def _photo_story(lines: list[str], kinds: list[str], j: int) -> bool:
    """True when the lines from ``j`` are a short text closed by a photo credit ("记者 周学军摄"): a photo story
    under its own headline, not a section of the article before it."""
    k = j
    while k < len(lines) and k < j + 3 and kinds[k] == "body":
        k += 1
    return k > j and k < len(lines) and kinds[k] == "byline" and lines[k].endswith("摄")


def _unsigned_lead(lines: list[str], kinds: list[str], i: int, j: int, level: int, current: "_Builder | None") -> bool:
    """True when the unmarked title lines ``i:j`` are the headline of an unsigned article that follows another one
    (articles copied one after another into a text file): the line above ended a sentence of an article with a
    body, and the line under them opens on when it happened ("11月17日,…", "昨天,…")."""
    return (level == 9 and current is not None and current.body > 0 and i > 0 and j < len(lines)
            and kinds[j] == "body" and lines[i - 1][-1] in "。！？!?”\"" and bool(TIME_LEAD.match(lines[j])))


def _rehome_headlines(builders: list["_Builder"]) -> None:
    """Give an article printed without a headline the headline line, printed elsewhere on the page, that starts
    as its lead does (line 5 "优化营商环境 议案专题询问会召开" for the lead "本报讯（记者柳文岳）优化营商环境…")."""
    for orphan in builders:
        if orphan.headline or not orphan.rows or not orphan.byline:
            continue
        lead = "".join(orphan.rows[0][1][len(orphan.byline):].split())[:4]
        if len(lead) < 4:
            continue
        for other in builders:
            if other is orphan or len(other.headline) < 2:
                continue
            for row in list(other.rows[: len(other.headline)]):
                title = MARKDOWN_HEADING.sub("", row[1]).strip()
                if "".join(title.split()).startswith(lead) and title in other.headline:
                    other.headline.remove(title)
                    other.rows.remove(row)
                    orphan.headline = [title]
                    orphan.rows.insert(0, row)
                    orphan.displaced.add(row[0])
                    break
            if orphan.headline:
                break


def _has_body(builder: _Builder) -> bool:
    return builder.body > 0


def _article(doc: Document, index: int, builder: _Builder, date: str = "") -> Article:
    numbers = [n for n, _ in builder.rows if n not in builder.displaced] or [n for n, _ in builder.rows]
    return Article(
        id=f"{doc.source}#{index}",
        source=doc.source,
        lines=(min(numbers), max(numbers)),
        headline=" ".join(builder.headline),
        byline=builder.byline,
        text=_join(builder),
        date=date,
    )


def _join(builder: _Builder) -> str:
    """Headline lines and the byline are paragraphs of their own (blank line after each); body lines follow each
    other with one line break, so that a sentence broken across page lines reads as one after OCR repair."""
    heads = len(builder.headline) + (1 if builder.byline and builder.byline in [t for _, t in builder.rows] else 0)
    parts = [text for _, text in builder.rows]
    return "\n\n".join(parts[:heads] + (["\n".join(parts[heads:])] if parts[heads:] else []))


def article_from_record(doc: Document) -> Article:
    """The article of one JSONL record: its "text", with "id", "title", "date" (in ISO form:
    :func:`kg.read.iso_date`) and "source" kept."""
    return Article(
        id=doc.meta.get("id", f"{doc.source}:{doc.line}"),
        source=doc.source,  # the file; the record's own "source" (a publication) stays in meta
        lines=(doc.line, doc.line),
        headline=doc.meta.get("title", ""),
        byline="",
        text=doc.text,
        date=iso_date(doc.meta.get("date")) or header_date(doc.text),
        meta=doc.meta,
    )
