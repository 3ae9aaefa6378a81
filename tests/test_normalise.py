import pytest

from kg.errors import InputError
from kg.normalise import (Mention, apply_aliases, clean_name, mark_bracketed_names, mark_set_phrases, read_aliases,
                          resolve)


@pytest.mark.parametrize("surface, label, cleaned", [
    ("台 州市", "LOC", "台州市"),
    ("区委书记潘军明", "PER", "潘军明"),
    ("潘军明同志", "PER", "潘军明"),
    ("黄策先生", "PER", "黄策"),
    ("ＡＢＣ公司", "ORG", "ABC公司"),
    ("「善治永宁」平台", "PROJECT", "“善治永宁”平台"),
    ('"善治永宁"元治理平台', "PROJECT", "“善治永宁”元治理平台"),
    ("温岭市十七届人大", "ORG", "温岭市人大"),  # one body across its terms
    ("浙江省第十四届人大常委会", "ORG", "浙江省人大常委会"),
    ("支部第一届委员会", "ORG", "支部第一届委员会"),
    ("张", "PER", None),
    ("2021", "LOC", None),
    (None, "LOC", None),
])
def test_clean_name(surface, label, cleaned):
    assert clean_name(surface, label) == cleaned


def _ids(mentions):
    return [m.entity for m in mentions]


def test_short_form_resolves_within_the_article_only():
    ms = [Mention("a", 0, 6, "ORG", "台州市工商联"), Mention("a", 10, 14, "ORG", "市工商联"),
          Mention("b", 0, 4, "ORG", "市工商联")]
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:台州市工商联", "ORG:台州市工商联", "ORG:市工商联"]
    assert entities["ORG:台州市工商联"].rules == {"台州市工商联": "same", "市工商联": "short-form"}


def test_places_differing_by_admin_suffix_merge_when_both_occur():
    ms = [Mention("a", 0, 2, "LOC", "台州"), Mention("b", 0, 3, "LOC", "台州市"), Mention("b", 5, 8, "LOC", "台州市"),
          Mention("c", 0, 2, "LOC", "玉环")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:台州市", "LOC:台州市", "LOC:台州市", "LOC:玉环"]
    assert entities["LOC:台州市"].aliases == {"台州市": 2, "台州": 1}
    assert entities["LOC:台州市"].rules["台州"] == "admin-suffix"
    assert entities["LOC:台州市"].articles == ["a", "b"]


def test_a_place_written_with_several_suffixes_is_the_division_the_gazetteer_names():
    # 温岭县 is the county's old name (not a division of the gazetteer), 温岭市区 its city proper: one place, named
    # by the division; 吉林市 is a division of its own beside 吉林省, so only the bare 吉林 joins 吉林省
    ms = [Mention("a", 0, 2, "LOC", "温岭"), Mention("a", 3, 5, "LOC", "温岭"), Mention("a", 6, 9, "LOC", "温岭市"),
          Mention("b", 0, 3, "LOC", "温岭县"), Mention("b", 4, 8, "LOC", "温岭市区"),
          Mention("c", 0, 2, "LOC", "吉林"), Mention("c", 3, 6, "LOC", "吉林省"), Mention("c", 7, 10, "LOC", "吉林市")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:温岭市"] * 5 + ["LOC:吉林省", "LOC:吉林省", "LOC:吉林市"]
    assert entities["LOC:温岭市"].aliases == {"温岭": 2, "温岭市": 1, "温岭县": 1, "温岭市区": 1}
    assert entities["LOC:温岭市"].rules["温岭县"] == "admin-suffix"


def test_a_countys_old_name_beside_the_city_it_became_is_that_city():
    # no bare 玉环 to join them: 玉环县 (until 2017) is 玉环市 by the gazetteer; 天台县 is still a county
    ms = [Mention("a", 0, 3, "LOC", "玉环县"), Mention("b", 0, 3, "LOC", "玉环县"), Mention("c", 0, 3, "LOC", "玉环市"),
          Mention("c", 4, 7, "LOC", "天台县")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:玉环市"] * 3 + ["LOC:天台县"]
    assert entities["LOC:玉环市"].rules == {"玉环县": "admin-suffix", "玉环市": "same"}


def test_a_page_about_a_county_alone_means_its_prefecture_by_shi():
    # a: 柯桥区 spelled out, no city: 市委 is 绍兴市委. c: bare 仙居 is 仙居县, of 台州市 in the corpus's province
    # (浙江); b: bare 江口 is 江口县 too, but of 铜仁市 in 贵州省, so b's 市委 stays
    ms = [Mention("a", 0, 3, "LOC", "柯桥区"), Mention("a", 4, 7, "LOC", "柯桥区"), Mention("a", 8, 10, "ORG", "市委"),
          Mention("b", 0, 2, "LOC", "江口"), Mention("b", 3, 5, "LOC", "江口"), Mention("b", 6, 8, "ORG", "市委"),
          Mention("c", 0, 2, "LOC", "仙居"), Mention("c", 3, 5, "LOC", "仙居"), Mention("c", 6, 8, "ORG", "市委"),
          Mention("c", 9, 11, "LOC", "浙江")]
    resolve(ms)
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:绍兴市委", "ORG:市委", "ORG:台州市委"]


def test_a_place_is_named_by_its_division_though_its_short_form_is_written_more():
    ms = [Mention("a", 0, 2, "LOC", "椒江"), Mention("b", 0, 2, "LOC", "椒江"), Mention("b", 3, 6, "LOC", "椒江区"),
          Mention("c", 0, 2, "LOC", "沿江"), Mention("c", 3, 5, "LOC", "沿江"), Mention("c", 6, 9, "LOC", "沿江镇")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:椒江区"] * 3 + ["LOC:沿江"] * 3  # the gazetteer names no one division 沿江
    assert entities["LOC:椒江区"].aliases == {"椒江": 2, "椒江区": 1}


def test_a_region_joins_its_name_with_diqu_and_a_name_its_form_without_a_separator():
    ms = [Mention("a", 0, 3, "LOC", "长三角"), Mention("b", 0, 3, "LOC", "长三角"), Mention("b", 4, 9, "LOC", "长三角地区"),
          Mention("a", 10, 19, "ORG", "浙江在线-台州频道"), Mention("b", 10, 18, "ORG", "浙江在线台州频道"),
          Mention("c", 0, 8, "ORG", "浙江在线台州频道"), Mention("c", 9, 14, "LOC", "中国·杜桥"), Mention("c", 15, 17, "LOC", "中国")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:长三角"] * 3 + ["ORG:浙江在线台州频道"] * 3 + ["LOC:中国·杜桥", "LOC:中国"]
    assert entities["LOC:长三角"].rules == {"长三角": "admin-suffix", "长三角地区": "same"}
    assert entities["ORG:浙江在线台州频道"].rules["浙江在线-台州频道"] == "separator"


def test_a_project_written_short_is_the_article_project_it_ends():
    ms = [Mention("a", 0, 7, "PROJECT", "奉化经济开发区"), Mention("a", 8, 11, "PROJECT", "开发区"),
          Mention("a", 12, 18, "PROJECT", "天台山和合小镇"), Mention("a", 19, 23, "PROJECT", "和合小镇"),
          Mention("b", 0, 3, "PROJECT", "开发区"),  # b names no zone: its 开发区 stays as written
          Mention("c", 0, 5, "PROJECT", "台州湾新区"), Mention("c", 6, 10, "PROJECT", "汇头新区"),
          Mention("c", 11, 13, "PROJECT", "新区")]  # two zones named once each: no telling which
    resolve(ms)
    assert _ids(ms) == ["PROJECT:奉化经济开发区"] * 2 + ["PROJECT:天台山和合小镇"] * 2 + [
        "PROJECT:开发区", "PROJECT:台州湾新区", "PROJECT:汇头新区", "PROJECT:新区"]


def test_towns_merge_with_their_short_form_unless_it_names_two_places():
    ms = [Mention("a", 0, 3, "LOC", "沿江镇"), Mention("a", 5, 7, "LOC", "沿江"), Mention("b", 0, 2, "LOC", "沿江"),
          Mention("c", 0, 4, "LOC", "凤鸣街道"), Mention("c", 5, 7, "LOC", "凤鸣"),
          Mention("d", 0, 3, "LOC", "城东镇"), Mention("d", 4, 8, "LOC", "城东街道"), Mention("d", 9, 11, "LOC", "城东")]
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:沿江", "LOC:沿江", "LOC:沿江", "LOC:凤鸣街道", "LOC:凤鸣街道",
                        "LOC:城东镇", "LOC:城东街道", "LOC:城东"]
    assert entities["LOC:沿江"].aliases == {"沿江": 2, "沿江镇": 1}
    assert entities["LOC:沿江"].rules == {"沿江镇": "same", "沿江": "admin-suffix"}


def test_a_village_merges_with_its_short_form_unless_that_names_a_town_or_another_place():
    ms = [Mention("a", 0, 3, "LOC", "陶坑村"), Mention("a", 4, 6, "LOC", "陶坑"), Mention("b", 0, 2, "LOC", "陶坑"),
          Mention("c", 0, 3, "LOC", "塘栖村"), Mention("c", 4, 6, "LOC", "塘栖"),  # 塘栖 is the town, 塘栖镇
          Mention("d", 0, 3, "LOC", "东海村"), Mention("e", 0, 2, "LOC", "东海")]  # 东海 is a sea
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:陶坑"] * 3 + ["LOC:塘栖村", "LOC:塘栖", "LOC:东海村", "LOC:东海"]  # named as most written
    assert entities["LOC:陶坑"].aliases == {"陶坑": 2, "陶坑村": 1}
    assert entities["LOC:陶坑"].rules == {"陶坑村": "same", "陶坑": "admin-suffix"}


def test_a_community_merges_with_its_short_form_unless_that_names_a_town():
    ms = [Mention("a", 0, 6, "LOC", "北干一苑社区"), Mention("a", 7, 11, "LOC", "北干一苑"),
          Mention("b", 0, 4, "LOC", "塘栖社区"), Mention("b", 5, 7, "LOC", "塘栖")]  # 塘栖 is the town, 塘栖镇
    entities = resolve(ms)
    assert _ids(ms) == ["LOC:北干一苑社区", "LOC:北干一苑社区", "LOC:塘栖社区", "LOC:塘栖"]
    assert entities["LOC:北干一苑社区"].rules == {"北干一苑社区": "same", "北干一苑": "admin-suffix"}


def test_common_words_make_no_entity_unless_a_place_or_a_body():
    ms = [Mention("a", 0, 3, "ORG", "工作站"), Mention("b", 0, 3, "ORG", "工作站"), Mention("a", 4, 6, "LOC", "地球"),
          Mention("a", 7, 9, "LOC", "三门"), Mention("a", 10, 12, "ORG", "区委"), Mention("a", 13, 16, "ORG", "台州市委")]
    entities = resolve(ms)
    assert _ids(ms) == ["", "", "", "LOC:三门", "ORG:区委", "ORG:台州市委"]
    assert list(entities) == ["LOC:三门", "ORG:区委", "ORG:台州市委"]


def test_bare_bodies_make_no_entity_unless_their_article_names_them_in_full():
    ms = [Mention("a", 0, 3, "ORG", "居委会"), Mention("a", 4, 9, "ORG", "社区党总支"), Mention("b", 0, 2, "ORG", "人大"),
          Mention("b", 3, 6, "ORG", "区人大"), Mention("c", 0, 7, "ORG", "湖畔社区党总支"), Mention("c", 8, 11, "ORG", "党总支")]
    entities = resolve(ms)
    assert _ids(ms) == ["", "", "", "ORG:区人大", "ORG:湖畔社区党总支", "ORG:湖畔社区党总支"]
    assert entities["ORG:湖畔社区党总支"].rules == {"湖畔社区党总支": "same", "党总支": "short-form"}


def test_a_zone_tagged_as_a_place_joins_the_project_its_page_spells_out():
    ms = [Mention("p.txt#1", 0, 7, "PROJECT", "苍南经济开发区"), Mention("p.txt#2", 0, 3, "LOC", "经开区"),
          Mention("p.txt#2", 5, 8, "LOC", "经开区"), Mention("q.txt#1", 0, 3, "LOC", "经开区")]
    entities = resolve(ms)
    assert _ids(ms) == ["PROJECT:苍南经济开发区"] * 3 + ["LOC:经开区"]
    assert entities["PROJECT:苍南经济开发区"].rules == {"苍南经济开发区": "same", "经开区": "abbreviation"}
    assert entities["PROJECT:苍南经济开发区"].types == {"PROJECT": 1, "LOC": 2}


def test_a_company_written_with_and_without_its_province_and_legal_form_is_one():
    ms = [Mention("a", 0, 12, "ORG", "浙江中杭水泵股份有限公司"), Mention("a", 20, 30, "ORG", "中杭水泵股份有限公司"),
          Mention("a", 40, 44, "ORG", "中杭水泵"), Mention("b", 0, 10, "ORG", "中杭水泵股份有限公司")]
    resolve(ms)
    assert _ids(ms) == ["ORG:浙江中杭水泵股份有限公司"] * 3 + ["ORG:中杭水泵股份有限公司"]


def test_an_ocr_misreading_joins_the_name_it_misreads_within_the_article():
    ms = [Mention("a", 0, 12, "ORG", "台州市文赚讲出口有限公司"), Mention("a", 20, 33, "ORG", "台州市文赚进出口 有限公司"),
          Mention("a", 40, 47, "ORG", "台州市第一中学"), Mention("a", 50, 57, "ORG", "台州市第二中学")]
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:台州市文赚进出口有限公司"] * 2 + ["ORG:台州市第一中学", "ORG:台州市第二中学"]
    assert entities["ORG:台州市文赚进出口有限公司"].rules == {"台州市文赚讲出口有限公司": "ocr-variant",
                                                         "台州市文赚进出口有限公司": "same"}


def test_projects_written_short_join_the_one_project_they_shorten():
    ms = [Mention("p.txt#1", 0, 12, "PROJECT", "甬台温高速公路改扩建工程"), Mention("q.txt#1", 0, 8, "PROJECT", "甬台温高速改扩建"),
          Mention("r.txt#1", 0, 11, "PROJECT", "“善治永宁”元治理平台"), Mention("r.txt#2", 0, 4, "PROJECT", "善治永宁"),
          Mention("s.txt#1", 0, 11, "PROJECT", "中国日用品商城二期项目"), Mention("s.txt#2", 20, 26, "PROJECT", "商城二期项目")]
    entities = resolve(ms)
    assert _ids(ms) == ["PROJECT:甬台温高速公路改扩建工程"] * 2 + ["PROJECT:“善治永宁”元治理平台"] * 2 + \
        ["PROJECT:中国日用品商城二期项目"] * 2
    assert entities["PROJECT:甬台温高速公路改扩建工程"].rules["甬台温高速改扩建"] == "abbreviation"


def test_a_project_that_is_the_start_of_another_is_not_its_short_form():
    ms = [Mention("p.txt#1", 0, 13, "PROJECT", "金清大道东延互通绿化项目"), Mention("q.txt#1", 0, 6, "PROJECT", "金清大道东延")]
    resolve(ms)
    assert _ids(ms) == ["PROJECT:金清大道东延互通绿化项目", "PROJECT:金清大道东延"]


def test_majority_type_keeps_the_counts():
    ms = [Mention("a", 0, 3, "PER", "袁家军"), Mention("a", 5, 8, "PER", "袁家军"), Mention("b", 0, 3, "ORG", "袁家军")]
    entities = resolve(ms)
    assert list(entities) == ["PER:袁家军"]
    assert entities["PER:袁家军"].types == {"PER": 2, "ORG": 1}
    assert entities["PER:袁家军"].rules == {"袁家军": "same"}


def test_title_and_ocr_space_variants_are_one_person():
    ms = [Mention("a", 0, 3, "PER", "潘军明"), Mention("b", 0, 7, "PER", "区委书记潘军明"), Mention("c", 0, 4, "PER", "潘 军明")]
    entities = resolve(ms)
    assert list(entities) == ["PER:潘军明"] and entities["PER:潘军明"].mentions == 3


def test_unnamed_mentions_get_no_entity():
    ms = [Mention("a", 0, 1, "PER", "张")]
    assert resolve(ms) == {} and ms[0].entity == ""


def test_abbreviation_resolves_to_the_one_name_it_abbreviates():
    ms = [Mention("a", 0, 7, "ORG", "苍南经济开发区"), Mention("a", 9, 12, "ORG", "经开区"), Mention("a", 15, 20, "ORG", "苍南经开区"),
          Mention("b", 0, 3, "ORG", "经开区")]
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:苍南经济开发区"] * 3 + ["ORG:经开区"]
    # 经开区 is the short form of 苍南经开区 (苍南 is a place), which abbreviates 苍南经济开发区: the chain is followed
    assert entities["ORG:苍南经济开发区"].rules == {"苍南经济开发区": "same", "经开区": "short-form", "苍南经开区": "abbreviation"}


def test_a_name_that_skips_whole_words_of_a_longer_one_is_not_its_abbreviation():
    ms = [Mention("a", 0, 9, "ORG", "温岭市优秀妇联执委"), Mention("a", 12, 16, "ORG", "温岭市委"),
          Mention("a", 20, 27, "ORG", "温岭经济开发区"), Mention("a", 30, 35, "ORG", "温岭经开区")]
    resolve(ms)
    assert _ids(ms) == ["ORG:温岭市优秀妇联执委", "ORG:温岭市委", "ORG:温岭经济开发区", "ORG:温岭经济开发区"]


def test_a_name_in_brackets_after_an_organisation_is_that_organisation():
    text = "台州市工商联(总商会)召开大会，市委、市政府(市长)出席，总商会会长讲话"
    ms = [Mention("a", 0, 6, "ORG", "台州市工商联"), Mention("a", 7, 10, "ORG", "总商会"),
          Mention("a", 16, 18, "ORG", "市委"), Mention("a", 19, 22, "ORG", "市政府"),
          Mention("a", 29, 32, "ORG", "总商会")]
    assert [text[m.start:m.end] for m in ms] == [m.text for m in ms]
    mark_bracketed_names(text, ms)
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:台州市工商联", "ORG:台州市工商联", "ORG:市委", "ORG:市政府", "ORG:台州市工商联"]
    assert entities["ORG:台州市工商联"].rules == {"台州市工商联": "same", "总商会": "bracket-alias"}


def test_a_short_name_an_article_declares_is_the_name_before_it_wherever_the_article_writes_it():
    a = "龙港市印刷包装行业协会(以下简称“龙港印协”)成立。龙港印协会长发言"
    b = "龙港印协召开会议"  # another article, which declares nothing
    ms = [Mention("a", 0, 11, "ORG", "龙港市印刷包装行业协会"), Mention("a", 17, 21, "ORG", "龙港印协"),
          Mention("a", 26, 30, "ORG", "龙港印协"), Mention("b", 0, 4, "ORG", "龙港印协")]
    assert [a[m.start:m.end] for m in ms[:3]] == [m.text for m in ms[:3]]
    mark_bracketed_names(a, ms[:3])
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:龙港市印刷包装行业协会"] * 3 + ["ORG:龙港印协"]
    assert entities["ORG:龙港市印刷包装行业协会"].rules == {"龙港市印刷包装行业协会": "same", "龙港印协": "bracket-alias"}


def test_a_country_in_a_set_phrase_of_political_news_names_no_entity():
    # a: the phrases alone (OCR spaces inside too); b: the same country named as a place as well
    a = "学习中国特色 社会主义理论，推进中 国式现代化，推动马克思主义中国化时代化，台州市委"
    b = "坚持中国特色社会主义，在中国建厂，浙江化工"
    ms = [Mention("a", 2, 4, "LOC", "中国"), Mention("a", 16, 19, "LOC", "中 国"), Mention("a", 31, 33, "LOC", "中国"),
          Mention("a", 38, 42, "ORG", "台州市委"),
          Mention("b", 2, 4, "LOC", "中国"), Mention("b", 12, 14, "LOC", "中国"), Mention("b", 17, 19, "LOC", "浙江")]
    assert [a[m.start:m.end] for m in ms[:4]] + [b[m.start:m.end] for m in ms[4:]] == [m.text for m in ms]
    mark_set_phrases(a, ms[:4])
    mark_set_phrases(b, ms[4:])
    entities = resolve(ms)
    assert _ids(ms) == ["", "", "", "ORG:台州市委", "", "LOC:中国", "LOC:浙江"]
    assert entities["LOC:中国"].articles == ["b"] and entities["LOC:中国"].mentions == 1


def test_city_level_names_resolve_to_the_article_home_place():
    ms = [Mention("a", 0, 2, "LOC", "台州"), Mention("a", 5, 8, "LOC", "台州市"), Mention("a", 9, 11, "ORG", "市委"),
          Mention("a", 12, 15, "LOC", "路桥区"), Mention("a", 16, 18, "ORG", "区委"),
          Mention("b", 0, 2, "ORG", "市委"), Mention("b", 3, 5, "LOC", "台州"),
          Mention("c", 0, 2, "ORG", "市委"), Mention("c", 3, 5, "LOC", "台州"), Mention("c", 6, 8, "LOC", "温州")]
    resolve(ms)
    # 台州 is named twice in a: 市委 is 台州市委, and 路桥区, the one district a names, is its 区委's; b names one
    # city once, and its page (b alone) no other: 台州市委; c names two cities once each, so its 市委 stays
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:台州市委", "ORG:路桥区委", "ORG:台州市委", "ORG:市委"]


def test_the_youth_league_committee_of_a_level_resolves_to_the_article_home_place():
    ms = [Mention("a", 0, 3, "LOC", "新昌县"), Mention("a", 4, 7, "LOC", "新昌县"), Mention("a", 8, 11, "ORG", "团县委"),
          Mention("a", 12, 14, "ORG", "县委"), Mention("a", 15, 22, "ORG", "共青团新昌县委"),
          Mention("b", 0, 3, "ORG", "团县委")]
    entities = resolve(ms)
    # b names no county: its 团县委 says which kind of body, not which one, and makes no entity
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:共青团新昌县委", "ORG:新昌县委", "ORG:共青团新昌县委", ""]
    assert entities["ORG:共青团新昌县委"].rules == {"共青团新昌县委": "same", "团县委": "home-place"}


def test_a_party_committee_is_one_body_with_and_without_zhonggong():
    ms = [Mention("a", 0, 4, "LOC", "张家港市"), Mention("a", 5, 9, "LOC", "张家港市"), Mention("a", 10, 14, "ORG", "中共市委"),
          Mention("a", 15, 22, "ORG", "中共张家港市委"), Mention("a", 23, 25, "ORG", "市委"),
          Mention("b", 0, 7, "ORG", "中共中央政治局"), Mention("b", 8, 13, "ORG", "张家港市委")]
    entities = resolve(ms)
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:中共张家港市委"] * 3 + ["ORG:中共中央政治局",
                                                                                   "ORG:中共张家港市委"]
    assert entities["ORG:中共张家港市委"].rules == {"中共市委": "home-place", "中共张家港市委": "party-prefix",
                                                  "市委": "home-place", "张家港市委": "same"}


def test_article_without_a_home_place_takes_its_page_home_place():
    ms = [Mention("p.txt#1", 0, 3, "LOC", "路桥区"), Mention("p.txt#1", 5, 7, "LOC", "路桥"),
          Mention("p.txt#1", 7, 9, "LOC", "路桥"), Mention("p.txt#1", 9, 12, "LOC", "椒江区"),
          Mention("p.txt#2", 0, 2, "ORG", "区委"), Mention("p.txt#2", 3, 6, "ORG", "市政府"),
          Mention("p.txt#3", 0, 3, "LOC", "椒江区"), Mention("p.txt#3", 3, 6, "LOC", "椒江区"), Mention("p.txt#3", 7, 9, "ORG", "区委"),
          Mention("q.txt#1", 0, 2, "ORG", "区委")]
    resolve(ms)
    # page p names 路桥区 3 times and 椒江区 3 times in all: a tie, so no page home for 区; article 3 has its own
    # home (椒江区); page p names no 市, so 市政府 stays; page q names nothing
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:区委", "ORG:市政府", "ORG:椒江区委", "ORG:区委"]
    ms[7] = Mention("p.txt#3", 3, 6, "LOC", "黄岩区")  # now 路桥区 (3) leads 椒江区 (2) on the page
    resolve(ms)  # and the page's 市 is the one 路桥区 belongs to
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:路桥区委", "ORG:台州市政府", "ORG:路桥区委", "ORG:区委"]


def test_a_file_name_with_a_hash_is_its_own_page():
    # 2024#01.txt and 2024#02.txt are two pages: the second's 路桥区 says nothing of the first's 区委
    ms = [Mention("2024#01.txt#1", 0, 3, "LOC", "椒江区"), Mention("2024#01.txt#1", 3, 6, "LOC", "椒江区"),
          Mention("2024#01.txt#2", 0, 2, "ORG", "区委"),
          Mention("2024#02.txt#1", 0, 3, "LOC", "路桥区"), Mention("2024#02.txt#1", 3, 6, "LOC", "路桥区"),
          Mention("2024#02.txt#1", 6, 9, "LOC", "路桥区")]
    resolve(ms)
    assert ms[2].entity == "ORG:椒江区委"


def test_bare_place_names_give_the_page_its_home_place_through_the_gazetteer():
    ms = [Mention("p.txt#1", 0, 2, "LOC", "台州"), Mention("p.txt#1", 3, 5, "LOC", "台州"), Mention("p.txt#1", 6, 8, "LOC", "台州"),
          Mention("p.txt#2", 0, 2, "LOC", "郑州"), Mention("p.txt#2", 3, 5, "LOC", "郑州"), Mention("p.txt#2", 6, 8, "ORG", "市委"),
          Mention("p.txt#3", 0, 3, "LOC", "温岭市"), Mention("p.txt#3", 3, 6, "LOC", "温岭市"), Mention("p.txt#3", 7, 9, "ORG", "市委")]
    resolve(ms)
    # no 台州市 is written, but the gazetteer makes 台州 a 市: the page's home (3 against 2 and 2); an article naming 郑州 twice
    # without spelling it out keeps the page's 市委; one that spells out 温岭市 twice has its own
    assert [m.entity for m in ms if m.label == "ORG"] == ["ORG:台州市委", "ORG:温岭市委"]


def test_province_level_names_resolve_to_the_corpus_province():
    ms = [Mention("p.txt#1", 0, 2, "LOC", "浙江"), Mention("q.txt#1", 0, 2, "LOC", "浙江"), Mention("r.txt#1", 0, 2, "LOC", "浙江"),
          Mention("s.txt#1", 0, 2, "LOC", "河南"), Mention("s.txt#1", 3, 5, "LOC", "河南"), Mention("s.txt#1", 6, 8, "ORG", "省委")]
    resolve(ms)
    assert ms[-1].entity == "ORG:浙江省委"
    resolve(ms[3:])  # a corpus of that one page: its own province
    assert ms[-1].entity == "ORG:河南省委"


def test_a_page_of_another_provinces_paper_in_the_folder_keeps_its_own_province():
    zhejiang = [Mention(f"{page}.txt#1", 0, 2, "LOC", "浙江") for page in "pqru"] + [
        Mention("p.txt#1", 3, 5, "ORG", "省委"), Mention("p.txt#1", 6, 8, "LOC", "河南"), Mention("p.txt#1", 9, 11, "LOC", "郑州"),
        Mention("p.txt#1", 12, 14, "LOC", "开封")]  # a report on a visit to 河南, which names 浙江 too
    jiangxi = [Mention("s.txt#1", 0, 3, "LOC", "景德镇"), Mention("s.txt#1", 4, 7, "LOC", "景德镇"),
               Mention("s.txt#1", 8, 11, "LOC", "浮梁县"), Mention("s.txt#2", 0, 4, "ORG", "省水利厅")]
    resolve(zhejiang + jiangxi)
    assert zhejiang[4].entity == "ORG:浙江省委"
    assert jiangxi[-1].entity == "ORG:江西省水利厅"
    henan = [Mention("t.txt#1", 0, 2, "LOC", "河南"), Mention("t.txt#1", 3, 5, "LOC", "河南"),
             Mention("t.txt#1", 6, 8, "ORG", "省委")]  # one place of 河南 named twice: the corpus's own 省委
    resolve(zhejiang + henan)
    assert henan[-1].entity == "ORG:浙江省委"


def test_a_tie_between_full_forms_goes_to_the_home_place():
    ms = [Mention("a", 0, 2, "LOC", "台州"), Mention("a", 3, 5, "LOC", "台州"), Mention("a", 6, 12, "ORG", "台州市工商联"),
          Mention("a", 13, 19, "ORG", "临海市工商联"), Mention("a", 20, 24, "ORG", "市工商联")]
    resolve(ms)
    assert ms[-1].entity == "ORG:台州市工商联"


def test_an_abbreviation_joins_the_one_name_its_page_spells_out():
    ms = [Mention("p.txt#1", 0, 7, "PROJECT", "苍南经济开发区"), Mention("p.txt#2", 0, 3, "PROJECT", "经开区"),
          Mention("q.txt#1", 0, 3, "PROJECT", "经开区")]
    entities = resolve(ms)
    assert _ids(ms) == ["PROJECT:苍南经济开发区", "PROJECT:苍南经济开发区", "PROJECT:经开区"]
    assert entities["PROJECT:苍南经济开发区"].rules["经开区"] == "abbreviation"


def test_project_without_its_place_joins_the_one_project_that_names_it():
    ms = [Mention("a", 0, 9, "PROJECT", "台州市域铁路S2线"), Mention("b", 0, 7, "PROJECT", "市域铁路S2线"),
          Mention("c", 0, 7, "PROJECT", "市域铁路S1线")]
    resolve(ms)
    assert _ids(ms) == ["PROJECT:台州市域铁路S2线", "PROJECT:台州市域铁路S2线", "PROJECT:市域铁路S1线"]


def test_a_project_written_with_and_without_its_closing_xiangmu_is_one_project():
    ms = [Mention("a", 0, 7, "PROJECT", "贝达梦工厂项目"), Mention("b", 0, 5, "PROJECT", "贝达梦工厂"),
          Mention("b", 20, 25, "PROJECT", "贝达梦工厂"),
          Mention("c", 0, 4, "PROJECT", "二期项目")]  # no 二期 elsewhere: stays as written
    entities = resolve(ms)
    assert _ids(ms) == ["PROJECT:贝达梦工厂"] * 3 + ["PROJECT:二期项目"]
    assert entities["PROJECT:贝达梦工厂"].rules == {"贝达梦工厂": "same", "贝达梦工厂项目": "project-suffix"}


def test_a_government_written_with_and_without_renmin_is_one_body():
    # on two pages (on one, 浙江省政府 is already read as the page's 浙江省人民政府 written short)
    ms = [Mention("p.txt#1", 0, 7, "ORG", "浙江省人民政府"), Mention("s.txt#2", 0, 5, "ORG", "浙江省政府"),
          Mention("s.txt#2", 9, 14, "ORG", "浙江省政府"), Mention("q.txt#1", 0, 7, "ORG", "椒江区人民法院"),
          Mention("r.txt#1", 0, 7, "ORG", "台州市人民医院"), Mention("r.txt#1", 9, 14, "ORG", "台州市医院")]
    entities = resolve(ms)
    # a court written one way only stays as written; 人民医院 is a hospital's own name
    assert _ids(ms) == ["ORG:浙江省政府"] * 3 + ["ORG:椒江区人民法院", "ORG:台州市人民医院", "ORG:台州市医院"]
    assert entities["ORG:浙江省政府"].rules == {"浙江省政府": "same", "浙江省人民政府": "people-s"}
    assert entities["ORG:浙江省政府"].aliases == {"浙江省政府": 2, "浙江省人民政府": 1}


def test_a_village_or_town_body_written_by_its_unit_is_the_articles_village_or_town():
    ms = [Mention("a", 0, 3, "LOC", "由桥村"), Mention("a", 5, 8, "ORG", "村党委"), Mention("a", 10, 13, "LOC", "大桥镇"),
          Mention("a", 15, 18, "ORG", "镇政府"), Mention("a", 20, 24, "ORG", "镇海区委"),
          Mention("b", 0, 3, "ORG", "村党委"),  # no village named: a bare body, no entity
          Mention("c", 0, 3, "LOC", "东岙村"), Mention("c", 4, 7, "LOC", "西岙村"), Mention("c", 8, 11, "ORG", "村委会")]
    entities = resolve(ms)
    # two villages named once each: which one's 村委会 is not clear
    assert _ids(ms) == ["LOC:由桥村", "ORG:由桥村党委", "LOC:大桥镇", "ORG:大桥镇政府", "ORG:镇海区委", "",
                        "LOC:东岙村", "LOC:西岙村", ""]
    assert entities["ORG:由桥村党委"].rules == {"村党委": "home-place"}


def test_a_town_body_written_by_its_unit_is_the_town_whose_body_the_article_names():
    # the article names 龙港镇 only inside 龙港镇委: 镇委 and 镇人大 are that town's
    ms = [Mention("a", 0, 4, "ORG", "龙港镇委"), Mention("a", 5, 7, "ORG", "镇委"), Mention("a", 8, 11, "ORG", "镇人大"),
          Mention("b", 0, 2, "ORG", "镇委")]  # no town named: left as written
    entities = resolve(ms)
    assert _ids(ms) == ["ORG:龙港镇委", "ORG:龙港镇委", "ORG:龙港镇人大", "ORG:镇委"]
    assert entities["ORG:龙港镇委"].rules == {"龙港镇委": "same", "镇委": "home-place"}


def test_a_city_whose_name_ends_in_a_town_unit_is_no_home_for_a_town_body():
    # 景德镇 is 景德镇市, a city: the 镇政府 of an article that names it is a town's, not 景德镇政府
    ms = [Mention("a", 0, 3, "LOC", "景德镇"), Mention("a", 4, 7, "LOC", "景德镇"), Mention("a", 8, 11, "ORG", "镇政府"),
          Mention("b", 0, 3, "LOC", "景德镇"), Mention("b", 4, 8, "LOC", "鲇鱼山镇"), Mention("b", 9, 12, "ORG", "镇政府")]
    resolve(ms)
    assert _ids(ms) == ["LOC:景德镇", "LOC:景德镇", "ORG:镇政府", "LOC:景德镇", "LOC:鲇鱼山镇", "ORG:鲇鱼山镇政府"]


def test_a_place_whose_name_ends_in_a_word_like_port_area_is_not_its_stem_with_a_level():
    ms = [Mention("a", 0, 4, "LOC", "大麦屿港"), Mention("a", 6, 11, "LOC", "大麦屿港区"), Mention("a", 12, 15, "LOC", "飞龙湖"),
          Mention("a", 16, 20, "LOC", "飞龙湖区"), Mention("b", 0, 2, "LOC", "龙湾"), Mention("b", 3, 6, "LOC", "龙湾区"),
          Mention("b", 7, 9, "LOC", "温州"), Mention("b", 10, 14, "LOC", "温州市区"), Mention("b", 15, 18, "LOC", "温州市")]
    resolve(ms)
    # 港区 and 湖区 are words (a port's area, a lake's district); 龙湾区 is a district; 温州市区 is the city's own
    assert _ids(ms) == ["LOC:大麦屿港", "LOC:大麦屿港区", "LOC:飞龙湖", "LOC:飞龙湖区", "LOC:龙湾区", "LOC:龙湾区",
                        "LOC:温州市", "LOC:温州市", "LOC:温州市"]


def test_the_users_aliases_merge_split_retype_and_remove_over_the_rules():
    ms = [Mention("a", 0, 2, "LOC", "台州"), Mention("a", 3, 6, "LOC", "台州市"), Mention("b", 0, 3, "LOC", "台州市"),
          Mention("b", 4, 6, "LOC", "杭城"), Mention("b", 7, 10, "LOC", "艾莉贝"), Mention("b", 11, 16, "ORG", "回浦系男篮"),
          Mention("c", 0, 3, "LOC", "杭州市")]
    entities = resolve(ms)
    assert ms[0].entity == "LOC:台州市" and "LOC:艾莉贝" in entities  # the rules' own reading
    table = {"台州": "LOC:台州", "杭 城": "LOC:杭州市", "艾莉贝": "PER:艾莉贝", "回浦系男篮": "", "义乌": "LOC:义乌市"}
    entities = apply_aliases(ms, entities, {k.replace(" ", ""): v for k, v in table.items()})
    assert [m.entity for m in ms] == ["LOC:台州", "LOC:台州市", "LOC:台州市", "LOC:杭州市", "PER:艾莉贝", "",
                                      "LOC:杭州市"]
    assert list(entities) == ["LOC:台州", "LOC:台州市", "LOC:杭州市", "PER:艾莉贝"]  # LOC:艾莉贝 is gone
    assert (entities["LOC:台州市"].aliases, entities["LOC:台州市"].rules, entities["LOC:台州市"].articles) == (
        {"台州市": 2}, {"台州市": "same"}, ["a", "b"])
    assert (entities["LOC:杭州市"].aliases, entities["LOC:杭州市"].rules, entities["LOC:杭州市"].articles) == (
        {"杭城": 1, "杭州市": 1}, {"杭城": "user", "杭州市": "same"}, ["b", "c"])
    assert (entities["PER:艾莉贝"].type, entities["PER:艾莉贝"].types) == ("PER", {"LOC": 1})  # what NER said


def test_the_users_aliases_are_read_from_a_spreadsheets_csv_and_refused_by_line(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_bytes("alias,entity,rule,count\r\n台 州,LOC:台州市,admin-suffix,3\r\n回浦系男篮,,,\r\n".encode("utf-16"))
    assert read_aliases(table) == {"台州": "LOC:台州市", "回浦系男篮": ""}
    table.write_text("别名,实体\n台州,LOC:台州市\n", encoding="gb18030")
    with pytest.raises(InputError, match=r"aliases.csv: its first line must name the columns alias and entity "
                                         r"\(it names 别名, 实体\)"):
        read_aliases(table)
    for rows, message in [(",LOC:台州市", ":2: no alias"),
                          ("台州,地点:台州市", ":2: entity '地点:台州市' is not TYPE:name with TYPE one of PER, ORG, LOC, "),
                          ("台州,LOC:", ":2: entity 'LOC:' is not TYPE:name"),
                          ("台州,LOC:台州市\n杭城,\n台州,LOC:台州", ":4: alias 台州 is given to LOC:台州市 on line 2 and to "
                                                                   "LOC:台州 here")]:
        table.write_text("alias,entity\n" + rows + "\n", encoding="utf-8")
        with pytest.raises(InputError) as error:
            read_aliases(table)
        assert str(error.value).startswith(f"{table}{message}")
    assert str(error.value).endswith("so keep only the rows you mean to decide (aliases.csv lists a name that the "
                                     "rules resolve article by article, such as 市委, once for each entity)")


def test_an_organisation_written_short_word_by_word_joins_the_one_it_shortens_across_the_corpus():
    ms = [Mention("a", 0, 4, "ORG", "浙江大学"), Mention("b", 0, 2, "ORG", "浙大"),  # another page: not the page rule
          Mention("b", 3, 7, "ORG", "市发改委"), Mention("b", 8, 10, "ORG", "市委"),
          Mention("c", 0, 4, "ORG", "台州日报"), Mention("c", 5, 9, "ORG", "台州晚报"), Mention("d", 0, 2, "ORG", "台报"),
          Mention("d", 3, 6, "ORG", "新荣记"), Mention("e", 0, 5, "ORG", "新荣记学院")]
    resolve(ms)
    assert [m.entity for m in ms] == ["ORG:浙江大学", "ORG:浙江大学", "ORG:市发改委", "ORG:市委", "ORG:台州日报",
                                      "ORG:台州晚报", "ORG:台报", "ORG:新荣记", "ORG:新荣记学院"]
