import networkx as nx
import pytest

from kg.link import add_measures, build_graph, dominant_article, filter_graph
from kg.normalise import Mention, resolve
from kg.segment import Article


@pytest.fixture
def graph():
    articles = [
        Article("a1", "p.txt", (1, 2), "", "", "潘军明在路桥调研。台州市工商联参加。"),
        Article("a2", "p.txt", (3, 4), "", "", "潘军明到路桥区。"),
        Article("a3", "q.txt", (1, 1), "", "", "台州市工商联开会。"),
    ]
    mentions = [
        Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"), Mention("a1", 9, 15, "ORG", "台州市工商联"),
        Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 4, 7, "LOC", "路桥区"),
        Mention("a3", 0, 6, "ORG", "台州市工商联"),
    ]
    return add_measures(build_graph(articles, mentions, resolve(mentions)))


def test_nodes_carry_counts_aliases_and_evidence(graph):
    node = graph.nodes["LOC:路桥区"]
    assert (node["label"], node["type"], node["mentions"], node["articles"], node["aliases"], node["article_ids"]) == (
        "路桥区", "LOC", 2, 2, "路桥|路桥区", "a1|a2")


def test_edge_weights_count_shared_articles_and_sentences(graph):
    edge = graph.edges["PER:潘军明", "LOC:路桥区"]
    assert (edge["weight"], edge["sentence_weight"], edge["shared_articles"]) == (2, 2, "a1|a2")
    assert edge["evidence"] == "潘军明在路桥调研。"
    other = graph.edges["PER:潘军明", "ORG:台州市工商联"]
    # they share no sentence: the evidence is the sentence each first appears in, in their first shared article
    assert (other["weight"], other["sentence_weight"], other["evidence"]) == (1, 0, "潘军明在路桥调研。 … 台州市工商联参加。")
    # 潘军明 and 路桥区 always appear together (NPMI 1); 潘军明 and 工商联 less often than chance would have them
    assert (edge["npmi"], other["npmi"]) == (1.0, -0.2619)


def test_measures_are_added_and_seeded(graph):
    assert graph.nodes["PER:潘军明"]["degree"] == 2
    assert graph.nodes["PER:潘军明"]["weighted_degree"] == 3
    again = graph.copy()
    add_measures(again)
    assert nx.get_node_attributes(again, "community") == nx.get_node_attributes(graph, "community")


def test_a_link_keeps_a_sentence_its_ends_share_over_one_where_they_appear_apart():
    articles = [Article("a1", "p.txt", (1, 2), "", "", "潘军明到椒江。\n台州市工商联开会。"),
                Article("a2", "p.txt", (3, 3), "", "", "潘军明出席台州市工商联大会。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 8, 14, "ORG", "台州市工商联"),
                Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 5, 11, "ORG", "台州市工商联")]
    edge = build_graph(articles, mentions, resolve(mentions)).edges["PER:潘军明", "ORG:台州市工商联"]
    assert (edge["weight"], edge["sentence_weight"], edge["evidence"]) == (2, 1, "潘军明出席台州市工商联大会。")


def test_nodes_and_links_carry_the_first_and_last_date_of_their_articles():
    articles = [Article("a1", "p.txt", (1, 1), "", "", "潘军明在路桥调研。", date="2022-03-01"),
                Article("a2", "p.txt", (2, 2), "", "", "潘军明到路桥。", date="2021-12-30"),
                Article("a3", "q.txt", (1, 1), "", "", "潘军明开会。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"),
                Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 4, 6, "LOC", "路桥"), Mention("a3", 0, 3, "PER", "潘军明")]
    graph = build_graph(articles, mentions, resolve(mentions))
    person = graph.nodes["PER:潘军明"]
    edge = graph.edges["PER:潘军明", "LOC:路桥"]
    assert (person["first_date"], person["last_date"]) == ("2021-12-30", "2022-03-01")  # a3 has no date
    assert (edge["first_shared_date"], edge["last_shared_date"]) == ("2021-12-30", "2022-03-01")
    undated = build_graph(articles[2:], mentions[4:], resolve(mentions[4:]))
    assert (undated.nodes["PER:潘军明"]["first_date"], undated.nodes["PER:潘军明"]["last_date"]) == ("", "")


def test_a_place_that_is_a_division_carries_its_coordinates_for_a_map():
    articles = [Article("a1", "p.txt", (1, 1), "", "", "潘军明在台州市温岭市横峰调研。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 7, "LOC", "台州市"),
                Mention("a1", 7, 10, "LOC", "温岭市"), Mention("a1", 10, 12, "LOC", "横峰")]
    graph = build_graph(articles, mentions, resolve(mentions))
    located = {n: (d["latitude"], d["longitude"]) for n, d in graph.nodes(data=True) if "latitude" in d}
    # 横峰 here is 温岭's 横峰街道 (a town: no point), not Jiangxi's 横峰县
    assert located == {"LOC:台州市": (28.65638, 121.42076), "LOC:温岭市": (28.372506, 121.385604)}


def test_the_article_whose_entities_make_most_of_the_graph_is_found_and_a_filter_can_undo_it(graph):
    # a roll of 50 names (1,225 edges) and a short article naming two of them with a place, twice
    names = [f"{surname}{given}" for surname in "王李张刘陈" for given in ("一一", "二二", "三三", "四四", "五五", "六六",
                                                                        "七七", "八八", "九九", "十十")]
    roll = "、".join(names)
    articles = [Article("roll", "p.txt", (1, 1), "", "", roll)]
    articles[0].mentions = [Mention("roll", roll.index(n), roll.index(n) + 3, "PER", n) for n in names]
    for k in (1, 2):
        text = f"{names[0]}和{names[1]}在路桥。"
        articles.append(Article(f"a{k}", "q.txt", (k, k), "", "", text))
        articles[-1].mentions = [Mention(f"a{k}", 0, 3, "PER", names[0]), Mention(f"a{k}", 4, 7, "PER", names[1]),
                                 Mention(f"a{k}", 8, 10, "LOC", "路桥")]
    mentions = [m for a in articles for m in a.mentions]
    roll_graph = build_graph(articles, mentions, resolve(mentions))
    assert roll_graph.number_of_edges() == 1227
    assert dominant_article(roll_graph, articles) == ("roll", 50, 1225)
    assert dominant_article(graph, []) is None
    # two articles or more per edge: the roll's edges go (but the one the short articles share) and it dominates no more
    thinned, _ = filter_graph(roll_graph, min_weight=2)
    assert thinned.number_of_edges() == 3 and dominant_article(thinned, articles) is None


def test_a_person_carries_the_roles_the_articles_write_before_the_name_most_often_first():
    text = "据区委书记潘军明介绍，市委副书记、市长李跃旗和潘军明到场。本报讯(记者 王媛媛 通讯员 陈榕)区委书记潘军明说。"
    articles = [Article("a1", "p.txt", (1, 1), "", "", text),
                Article("a2", "p.txt", (2, 2), "", "", "陪同的有区长潘军明。区委书记潘军明来到")]
    names = ["潘军明", "李跃旗", "潘军明", "王媛媛", "陈榕", "潘军明"]
    at, mentions = 0, []
    for name in names:
        at = text.index(name, at)
        mentions.append(Mention("a1", at, at + len(name), "PER", name))
        at += len(name)
    mentions += [Mention("a2", 6, 9, "PER", "潘军明"), Mention("a2", 10, 17, "PER", "区委书记潘军明")]
    graph = build_graph(articles, mentions, resolve(mentions))
    assert {n: d["roles"] for n, d in graph.nodes(data=True)} == {
        "PER:潘军明": "区委书记|区长", "PER:李跃旗": "市委副书记|市长", "PER:王媛媛": "记者", "PER:陈榕": "通讯员"}


def test_a_link_carries_the_title_a_person_holds_in_the_body_their_role_names():
    text = "路桥区委书记潘军明说，台州市文赚进出口有限公司负责人黄策和路桥区委在一起。"
    mentions = [Mention("a1", 0, 4, "ORG", "路桥区委"), Mention("a1", 6, 9, "PER", "潘军明"),
                Mention("a1", 11, 23, "ORG", "台州市文赚进出口有限公司"), Mention("a1", 26, 28, "PER", "黄策"),
                Mention("a1", 29, 33, "ORG", "路桥区委")]
    graph = build_graph([Article("a1", "p.txt", (1, 1), "", "", text)], mentions, resolve(mentions))
    assert {(u, v): d["role"] for u, v, d in graph.edges(data=True) if "role" in d} == {
        ("ORG:路桥区委", "PER:潘军明"): "书记", ("ORG:台州市文赚进出口有限公司", "PER:黄策"): "负责人"}
    assert graph.nodes["PER:黄策"]["roles"] == "台州市文赚进出口有限公司负责人"


def test_an_article_naming_more_entities_than_a_machine_can_link_is_linked_by_its_sentences():
    from kg.link import MAX_ARTICLE_ENTITIES, crowded_articles

    given = "丽娟敏静秀英华慧巧美娜婷雪琳晶妍茜秋珊莎锦黛青"
    names = ["王" + a + b for a in given for b in given][:MAX_ARTICLE_ENTITIES + 1]  # a roll of 501 names
    text = "潘军明在路桥调研。台州市工商联参加。" + "、".join(names) + "。"
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"),
                Mention("a1", 9, 15, "ORG", "台州市工商联")]
    mentions += [Mention("a1", 18 + 4 * i, 21 + 4 * i, "PER", name) for i, name in enumerate(names)]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    article = Article("a1", "p.txt", (1, 1), "", "", text, mentions=mentions)
    graph = build_graph([article], mentions, resolve(mentions))
    # 504 entities: only the two that share a sentence are linked, and the roll's sentence of 501 links none
    assert (graph.number_of_nodes(), list(graph.edges)) == (504, [("PER:潘军明", "LOC:路桥")])
    assert crowded_articles([article]) == [("a1", 504)]
    assert crowded_articles([Article("a2", "p.txt", (1, 1), "", "", text, mentions=mentions[:3])]) == []
