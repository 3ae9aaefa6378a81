from kg.clean import is_traditional, repair


def test_spaces_inside_chinese_are_removed_and_offsets_map_back():
    text = "台州市文赚进 出口有限公司\n负责人黄 策说"
    view = repair(text)
    assert view.text == "台州市文赚进出口有限公司负责人黄策说"
    start = view.text.index("台州市文赚进出口有限公司")
    s, e = view.to_original(start, start + len("台州市文赚进出口有限公司"))
    assert text[s:e] == "台州市文赚进 出口有限公司"
    s, e = view.to_original(view.text.index("黄策"), view.text.index("黄策") + 2)
    assert text[s:e] == "黄 策"


def test_paragraph_breaks_and_sentence_ends_stay_and_latin_spaces_collapse():
    view = repair("标题\n\n正文。\n下一句 ABC   DEF")
    assert view.text == "标题\n正文。\n下一句ABC DEF"
    assert len(view.index) == len(view.text)
    assert all(view.original[i] == c for i, c in zip(view.index, view.text) if not c.isspace())


def test_a_page_in_traditional_characters_is_read_in_simplified_ones_at_the_same_offsets():
    text = "本報訊（記者 王 偉）臺州市椒江區委書記陳建勳在「臺州灣新材料產業園」調研"
    view = repair(text)
    assert view.text == "本报讯（记者王伟）台州市椒江区委书记陈建勋在“台州湾新材料产业园”调研"
    s, e = view.to_original(view.text.index("王伟"), view.text.index("王伟") + 2)
    assert text[s:e] == "王 偉"
    s, e = view.to_original(view.text.index("台州湾"), view.text.index("产业园") + 3)
    assert text[s:e] == "臺州灣新材料產業園"


def test_simplified_text_keeps_name_characters_that_traditional_writing_shares():
    # 於 and 乾 are also simplified characters; 寀 and 澐 are traditional-only, but two in 44 are too few
    text = "记者於可训报道：乾隆年间建成的古桥，由村民王寀、李澐修缮后，今年重新开放，成为台州市民休闲的好去处。"
    assert not is_traditional(text) and repair(text).text == text
    assert is_traditional("臺州市椒江區") and not is_traditional("臺州市椒江區" + "台州市的新闻" * 5)
