from opencc import OpenCC

from kg.read import Document, read_paths
from kg.segment import Article, article_from_record, drop_copies, join_continuations, segment


def _page(fixtures):
    (doc,) = [d for d in read_paths([fixtures / "pages"])]
    return segment(doc)


def test_page_splits_into_articles_with_line_ranges(fixtures):
    articles = _page(fixtures)
    assert [(a.id, a.lines, a.headline, a.byline, a.date) for a in articles] == [
        ("page.txt#1", (5, 11), "台州出口值首次突破两千亿元", "本报讯(记者王媛媛)", "2022-01-26"),
        ("page.txt#2", (17, 21), "潘军明督查道路综合提升工作", "本报讯(全媒体记者 周益)", "2022-01-26"),
    ]


def test_furniture_and_teasers_belong_to_no_article(fixtures):
    text = "\n".join(a.text for a in _page(fixtures))
    for furniture in ("机关报", "星期三", "总第13218期", "留台过年服务指南平台上线", ">> 2版"):
        assert furniture not in text


def test_article_text_keeps_headline_apart_and_ocr_spaces(fixtures):
    first = _page(fixtures)[0]
    assert first.text.startswith("台州出口值首次突破两千亿元\n\n本报讯(记者王媛媛)1月25日")
    assert "进 出口有限公司是全市首批开展市场采购贸易的企业之\n一," in first.text
    assert first.text.endswith("(下转第二版)")


def test_reporter_name_line_is_the_byline():
    page = "临海市沿江镇 一线大练兵\n\n金晨\n\n36天率先完成台州市域铁路S2线沿江段的征迁。\n"
    (article,) = segment(Document("p.txt", page, "utf-8"))
    assert (article.headline, article.byline, article.lines) == ("临海市沿江镇 一线大练兵", "金晨", (1, 5))


def test_subheading_stays_in_article_and_continuation_closes_it():
    page = ("## 标题一\n\n本报记者张三\n\n正文第一段。\n\n#### 小标题\n\n正文第二段。(下转第二版)\n\n"
            "### 另一篇的标题\n\n另一篇的正文。\n")
    articles = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline) for a in articles] == [((1, 9), "标题一"), ((11, 13), "另一篇的标题")]


def test_captions_are_not_articles():
    page = "## 标题\n\n本报讯(记者张三)正文。\n\n企业服务中心(图片由苍南经济开发区提供)\n\n台州主城区 储伏龙摄\n"
    (article,) = segment(Document("p.txt", page, "utf-8"))
    assert article.lines == (1, 3)


def test_jsonl_record_is_one_article(fixtures):
    docs = [d for d in read_paths([fixtures / "export.jsonl"]) if isinstance(d, Document)]
    (a1,) = segment(docs[0])
    assert (a1.id, a1.headline, a1.date, a1.lines, a1.text) == ("a1", "潘军明调研", "2021-09-18", (1, 1),
                                                               "区委书记潘军明在路桥调研。")


def test_photo_story_under_its_own_headline_is_an_article():
    page = ("## 标题\n\n本报讯(记者张三)正文。\n\n网红 小岛 夜色美\n\n近年来,小箬岛成为网红打卡点。\n\n记者 周学军摄\n\n"
            "页脚的标语 共建和谐家园\n")
    articles = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.byline) for a in articles] == [
        ((1, 3), "标题", "本报讯(记者张三)"), ((5, 9), "网红 小岛 夜色美", "记者 周学军摄")]


def test_headline_printed_away_from_its_article_is_rehomed():
    page = ("优化营商环境 询问会召开\n\n全省工作例会召开\n\n本报讯(记者陈峰)7月25日,全省召开例会。\n\n"
            "本报讯(记者柳文岳)优化营商环境是一号改革工程。\n")
    articles = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline) for a in articles] == [((3, 5), "全省工作例会召开"), ((7, 7), "优化营商环境 询问会召开")]


def test_stacked_headline_goes_back_to_the_article_above():
    page = ("加快应用落地 实现整体突破\n\n本报讯(记者金斌杰)9月18日,全市数字化改革推进会召开。\n\n"
            "推进数字化改革 建设一区四城\n\n培育消费业态 推动商贸业提档升级\n\n"
            "本报讯(记者周益)9月17日,潘军明来到企业调研。\n")
    first, second = segment(Document("p.txt", page, "utf-8"))
    assert (first.lines, first.headline) == ((1, 5), "加快应用落地 实现整体突破 推进数字化改革 建设一区四城")
    assert first.text.startswith("加快应用落地 实现整体突破\n\n推进数字化改革 建设一区四城\n\n本报讯")
    assert (second.lines, second.headline) == ((7, 9), "培育消费业态 推动商贸业提档升级")


def test_a_page_in_traditional_characters_splits_as_its_simplified_copy(fixtures):
    """The fixture page printed in traditional characters (OpenCC's s2t, one character for one): the same
    articles, each of the traditional page's own text."""
    from opencc import OpenCC

    (doc,) = read_paths([fixtures / "pages"])
    traditional = OpenCC("s2t").convert(doc.text)
    assert "本報訊(記者王媛媛)" in traditional
    articles = segment(Document(doc.source, traditional, doc.encoding))
    assert [(a.lines, a.byline) for a in articles] == [((5, 11), "本報訊(記者王媛媛)"), ((17, 21), "本報訊(全媒體記者 周益)")]
    assert [a.text for a in articles] == [OpenCC("s2t").convert(a.text) for a in _page(fixtures)]


def test_a_markdown_table_stays_in_its_article_and_its_cells_stay_apart(tmp_path, nlp):
    (tmp_path / "list.md").write_text(
        "# 2023年度劳动模范名单公布\n\n本报讯（记者 李敏）近日，市总工会公布劳动模范名单。\n\n"
        "| 姓名 | 单位 |\n| --- | --- |\n| 张建国 | 台州市中心医院 |\n| 王丽华 | 浙江海正药业股份有限公司 |\n",
        encoding="utf-8")
    (doc,) = read_paths([tmp_path])
    (article,) = segment(doc)
    assert article.lines == (1, 8)  # the rows are no page furniture, however short
    assert article.text.endswith("| 张建国 | 台州市中心医院 |\n| 王丽华 | 浙江海正药业股份有限公司 |")
    names = [(e.text, e.label_) for e in nlp(article.text).ents if e.start_char > article.text.index("| 姓名")]
    # one name a cell: a space between cells is no OCR gap to close
    assert names == [("张建国", "PER"), ("台州市中心医院", "ORG"), ("王丽华", "PER"), ("浙江海正药业股份有限公司", "ORG")]


def test_a_story_continued_over_three_pages_keeps_every_part():
    front = Article("p1.txt#1", "p1.txt", (3, 9), "聚力三条路径 奋进三高三新", "", "聚力三条路径 奋进三高三新\n\n潘军明说。(下转第二版)")
    second = Article("p2.txt#1", "p2.txt", (1, 4), "聚力三条路径", "", "聚力三条路径\n\n(上接第一版)李跃旗说。(下转第三版)")
    third = Article("p3.txt#1", "p3.txt", (2, 5), "聚力三条路径", "", "聚力三条路径\n\n(上接第二版)吴海平说。")
    [story] = join_continuations([front, second, third])
    assert story.text.endswith("李跃旗说。(下转第三版)\n\n聚力三条路径\n\n(上接第二版)吴海平说。")
    assert [(part["id"], story.text[part["start"]:part["start"] + 6]) for part in story.continued] == [
        ("p2.txt#1", "聚力三条路径"), ("p3.txt#1", "聚力三条路径")]
    assert story.text[story.continued[1]["start"]:].endswith("吴海平说。")


def test_a_web_article_saved_as_text_is_dated_by_its_header():
    page = ("洞头54个项目集中签约\n\n温州网 2021-10-16 09:58:14\n\n温州网讯 10月15日,洞头举行签约仪式。"
            "2022年5月16日,另一件事。\n")
    (article,) = segment(Document("p.txt", page, "utf-8"))
    assert article.date == "2021-10-16"
    # the paper's date line and the file's own date come first; a date a sentence starts with is none
    (article,) = segment(Document("2021-10-20/p.txt", page, "utf-8", date="2021-10-20"))
    assert article.date == "2021-10-20"
    (article,) = segment(Document("p.txt", "标题\n\n2022年5月16日,共青团青山湖区委下发决定。\n", "utf-8"))
    assert article.date == ""
    # a JSONL record without a "date" is dated by its text's header, one with a "date" by it
    record = "标题\n发布时间:2020-04-16    来源:海盐新闻网\n正文。"
    assert article_from_record(Document("x.jsonl", record, "utf-8", meta={"id": "r1"})).date == "2020-04-16"
    assert article_from_record(Document("x.jsonl", record, "utf-8", meta={"date": "2020/4/17"})).date == "2020-04-17"


def test_web_articles_saved_one_after_another_in_one_file_are_cut_at_their_headers():
    # unsigned: no 本报讯 and no reporter's line, only a web header under each headline; each keeps its own date
    page = ("温岭海塘安澜工程开工建设\n\n发布时间:2022-10-19  来源:温岭日报\n\n近日,温岭海塘安澜工程正式开工建设。\n\n"
            "工程总投资9.4亿元。\n\n经开区南片青年公寓项目开工\n\n发布时间:2023-09-01  来源:温岭市融媒\n\n"
            "近日,在温岭市经济开发区,青年公寓项目开工。\n")
    first, second = segment(Document("web.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.date) for a in (first, second)] == [
        ((1, 7), "温岭海塘安澜工程开工建设", "2022-10-19"), ((9, 13), "经开区南片青年公寓项目开工", "2023-09-01")]
    assert second.text == "经开区南片青年公寓项目开工\n\n发布时间:2023-09-01  来源:温岭市融媒\n近日,在温岭市经济开发区,青年公寓项目开工。"


def test_articles_of_a_news_database_export_are_cut_at_their_source_lines():
    # title, then "paper | date | page" between bars, then the text: each article its own date
    page = ("南排工程(一期)城北段开工\n台州日报 | 2022-01-26 | 第1版\n温岭市南排工程(一期)城北段项目开工。\n"
            "路桥区召开乡贤大会\n台州日报｜2022年01月27日｜A02版\n昨日，路桥区召开乡贤大会。\n")
    first, second = segment(Document("export.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.date) for a in (first, second)] == [
        ((1, 3), "南排工程(一期)城北段开工", "2022-01-26"), ((4, 6), "路桥区召开乡贤大会", "2022-01-27")]


def test_unsigned_articles_copied_one_after_another_are_cut_where_a_lead_opens_on_its_date():
    # no byline and no header: the headline of the next article is known by the lead under it, which opens on when
    # it happened; a section heading whose section opens otherwise stays in the article
    page = ("台州市域铁路S1线一期工程开工\n\n11月17日,台州市域铁路S1线一期工程开工。\n\n"
            "关键节点\n\n全线设车站15座。\n\n"
            "省级老领导点赞黄岩新变化\n\n4月23日至24日,省级老领导来黄岩考察。\n\n"
            "桐庐县制笔行业协会成立20周年\n\n昨天,协会的企业家们聚集在分水镇。\n")
    articles = segment(Document("copied.txt", page, "utf-8"))
    assert [(a.lines, a.headline) for a in articles] == [
        ((1, 7), "台州市域铁路S1线一期工程开工"), ((9, 11), "省级老领导点赞黄岩新变化"),
        ((13, 15), "桐庐县制笔行业协会成立20周年")]
    # a line broken off a sentence is no headline, even where the next line opens on a date
    page = "## 标题\n\n本报讯(记者张三)台州外贸晒出成绩单,据海关统计,截至\n\n1月25日,全市进出口值两千亿元。\n"
    (article,) = segment(Document("p.txt", page, "utf-8"))
    assert article.lines == (1, 5)


def test_a_news_sites_dateline_without_brackets_starts_an_article_and_is_its_byline():
    page = ("瑞安项目集中开竣工\n\n近日,瑞安举行集中开竣工仪式。\n\n"
            "“三美融合”,温州未来科技岛渐露新姿\n\n温州网讯 自西向东,一座座大楼点亮了瓯江。\n\n"
            "富阳:协作项目签约\n\n本报富阳7月6日电 记者 戴睿云\n\n"
            "据台州日报讯,协作项目已签约。\n")
    articles = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.byline) for a in articles] == [
        ((1, 3), "瑞安项目集中开竣工", ""), ((5, 7), "“三美融合”,温州未来科技岛渐露新姿", "温州网讯"),
        ((9, 13), "富阳:协作项目签约", "本报富阳7月6日电")]


def test_a_credit_alone_on_the_last_line_closes_its_article():
    page = "王新锋走访企业\n\n本报讯 5月21日下午,王新锋走访工业企业。\n\n(记者 别阳军)\n\n临安区重大项目集中开工\n\n记者 林建安\n\n本报讯 2月12日,临安区举行大会。\n"
    first, second = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.byline) for a in (first, second)] == [
        ((1, 5), "王新锋走访企业", "本报讯"), ((7, 11), "临安区重大项目集中开工", "记者 林建安")]


def test_a_source_line_or_a_date_alone_under_a_headline_starts_an_article():
    page = ("瑞安项目集中开竣工\n\n瑞安举行集中开竣工仪式。\n\n"
            "苍南百亿重大工程开工\n\n来源:温州网–温州日报  记者:林乃鹏\n\n苍南县百亿重大工程集中开工。\n\n"
            "下沙:“新城客厅”彰显担当\n\n2025-12-31\n\n下沙的新城客厅开放。\n")
    articles = segment(Document("p.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.date) for a in articles] == [
        ((1, 3), "瑞安项目集中开竣工", ""), ((5, 9), "苍南百亿重大工程开工", ""),
        ((11, 15), "下沙:“新城客厅”彰显担当", "2025-12-31")]


def test_a_separator_line_parts_two_articles_and_an_underlined_line_is_a_headline():
    # articles pasted into one text file, parted by a line of dashes; their headlines underlined with = or -
    page = ("双招双引,积蓄城市发展全新动能。临平举行“双集中”活动。\n\n------\n\n"
            "物联网小镇变身产业社区\n====================\n“园区”和“社区”,前者指向经济。\n\n＊＊＊\n\n"
            "菜鸟网络总部开工\n--------\n余杭区举行“双集中”活动。\n")
    articles = segment(Document("pasted.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.text) for a in articles] == [
        ((1, 1), "", "双招双引,积蓄城市发展全新动能。临平举行“双集中”活动。"),
        ((5, 7), "物联网小镇变身产业社区", "物联网小镇变身产业社区\n\n“园区”和“社区”,前者指向经济。"),
        ((11, 13), "菜鸟网络总部开工", "菜鸟网络总部开工\n\n余杭区举行“双集中”活动。")]


def test_a_markdown_break_parts_two_articles_and_a_setext_heading_is_a_headline(tmp_path):
    (tmp_path / "notes.md").write_text(
        "物联网小镇变身产业社区\n===\n\n“园区”和“社区”,前者指向经济。\n\n---\n\n余杭区举行“双集中”活动,33个重大项目开工。\n\n"
        "| 项目 | 投资 |\n|---|---|\n| 菜鸟网络总部 | 30亿元 |\n", encoding="utf-8")
    (doc,) = read_paths([tmp_path])
    articles = segment(doc)
    assert [(a.lines, a.headline) for a in articles] == [((1, 4), "物联网小镇变身产业社区"), ((8, 12), "")]
    assert articles[1].text == "余杭区举行“双集中”活动,33个重大项目开工。\n| 项目 | 投资 |\n| 菜鸟网络总部 | 30亿元 |"


def test_a_news_databases_labelled_fields_make_one_article_each():
    # 【标题】 starts an article and is its headline without the label; 【来源】, 【日期】 … are its header; 【正文】 its text
    page = ("【标题】南排工程(一期)城北段开工\n【来源】台州日报\n【日期】2022.01.26\n【版次】第1版\n【作者】王媛媛\n"
            "【正文】温岭市南排工程(一期)城北段项目开工。\n\n"
            "【标题】路桥区召开乡贤大会\n【来源】台州日报\n【日期】2022.01.27\n【正文】昨日，路桥区召开乡贤大会。\n")
    articles = segment(Document("export.txt", page, "utf-8"))
    assert [(a.lines, a.headline, a.date) for a in articles] == [
        ((1, 6), "南排工程(一期)城北段开工", "2022-01-26"), ((8, 11), "路桥区召开乡贤大会", "2022-01-27")]
    assert articles[1].text == "【标题】路桥区召开乡贤大会\n\n【来源】台州日报\n【日期】2022.01.27\n【正文】昨日，路桥区召开乡贤大会。"
    page = "标题：南排工程(一期)城北段开工\n作者：王媛媛\n正文：\n温岭市南排工程(一期)城北段项目开工。\n标题：路桥区召开乡贤大会\n正文：昨日，路桥区召开乡贤大会。\n"
    assert [(a.lines, a.headline) for a in segment(Document("export.txt", page, "utf-8"))] == [
        ((1, 4), "南排工程(一期)城北段开工"), ((5, 6), "路桥区召开乡贤大会")]


def _story(opening: str) -> str:
    return (opening + "台州湾新区举行重大项目集中开工暨制造业企业集中投产仪式。此次集中开工项目包含台州湾通用机场、"
            "杰克高端缝制装备智能制造中心等12个重点项目，总投资123亿元，为台州湾新区打造先进制造业集群注入活水。"
            "区委书记在仪式上说，要坚持项目为王，全力以赴抓招商、抓项目、抓投产，奋力跑出项目建设加速度。"
            "据了解，今年以来，台州湾新区已签约亿元以上项目28个，其中10亿元以上项目9个。"
            "新区将围绕汽车及零部件、医药健康、新材料三大主导产业，加快推进一批强链补链延链项目落地，"
            "力争全年完成固定资产投资两百亿元以上，为台州高质量发展建设共同富裕先行市贡献新区力量。")


def test_a_story_reposted_saved_twice_or_cut_short_is_read_once():
    paper = Article("p.txt#1", "p.txt", (1, 5), "集中开工", "", "集中开工\n\n" + _story("本报讯(记者王媛媛)"), "2022-03-04")
    repost = Article("web.jsonl#7", "web.jsonl", (7, 7), "", "", "浙江在线3月4日讯 " + _story("") + "\n编辑：张三")
    traditional = Article("hk.txt#1", "hk.txt", (1, 3), "", "", OpenCC("s2t").convert(_story("")))
    excerpt = Article("digest.txt#2", "digest.txt", (9, 11), "", "", _story("")[:-50])  # its last sentence cut
    other = Article("p.txt#2", "p.txt", (7, 9), "签约", "", "签约\n\n" + _story("")[:60] + "路桥区召开乡贤大会，共商家乡发展大计。" * 8)
    kept = drop_copies([paper, repost, other, traditional, excerpt])
    assert [(a.id, [(c["id"], c["lines"], c["date"]) for c in a.copies]) for a in kept] == [
        ("web.jsonl#7", [("p.txt#1", [1, 5], "2022-03-04"), ("hk.txt#1", [1, 3], ""), ("digest.txt#2", [9, 11], "")]),
        ("p.txt#2", [])]
    # a short brief is a copy only of the same words: two briefs may share most of their few words
    brief = "第{}期“民营企业家沙龙”昨日在路桥区举行，六十多位企业家共商发展大计，区委书记到会讲话并为新会员授牌。"
    briefs = [Article(f"b.txt#{k}", "b.txt", (k, k), "", "", brief.format(k)) for k in (1, 2)]
    assert drop_copies(briefs) == briefs
    again = Article("c.txt#1", "c.txt", (4, 4), "", "", " " + brief.format(1) + "\n")
    assert [(a.id, [c["id"] for c in a.copies]) for a in drop_copies([*briefs, again])] == [
        ("b.txt#1", ["c.txt#1"]), ("b.txt#2", [])]
