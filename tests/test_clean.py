from kg.clean import repair


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
