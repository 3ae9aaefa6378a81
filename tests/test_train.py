"""A tiny training run: kg train writes a pipeline that spacy.load opens, and --resume continues it."""

import json
from pathlib import Path

import spacy

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED_NER = ROOT.parent / "shared" / "data" / "ner"


def _tiny_config(tmp_path, epochs):
    text = (ROOT / "configs" / "tagger.cfg").read_text(encoding="utf-8")
    for old, new in [("limit = 0", "limit = 40"), ("dev_limit = 0", "dev_limit = 20"), ("epochs = 20", f"epochs = {epochs}"),
                     ("hidden = 192", "hidden = 16"), ("bigram_buckets = 131072", "bigram_buckets = 1024"),
                     ("word_buckets = 65536", "word_buckets = 1024")]:
        assert f"\n{old}\n" in text
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    path = tmp_path / f"tiny{epochs}.cfg"
    path.write_text(text, encoding="utf-8")
    return path


def test_train_writes_a_loadable_pipeline_and_resumes(tmp_path, capsys):
    out, work = tmp_path / "model", tmp_path / "work"
    args = ["--data", str(SHARED_NER), "-o", str(out), "--work", str(work)]
    assert main(["train", str(_tiny_config(tmp_path, 1)), *args]) == 0
    assert json.loads((work / "training.json").read_text())["epoch"] == 1
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["kg_tagger", "kg_bodies", "kg_repeats", "kg_lists", "kg_projects"]
    doc = nlp("潘军明在路桥区调研。")
    assert doc.text == "潘军明在路桥区调研。"
    assert main(["train", str(_tiny_config(tmp_path, 2)), *args, "--resume"]) == 0
    assert "resumed after epoch 1" in capsys.readouterr().out
    history = json.loads((work / "training.json").read_text())["history"]
    assert [h["epoch"] for h in history] == [1, 2]


def test_gazetteer_flags_mark_the_place_names_of_the_text():
    from kg.tagger import _lexicon_flags

    flags = _lexicon_flags("在沿江镇和玉环市", gazetteer=True)
    gazetteer_bits = [(f >> 12) & 0b111 for f in flags]
    # start = 1, inside = 2, end = 4: 沿江镇 (a town; 沿江 alone is none), 玉环 and 玉环市 (a county, short and full)
    assert gazetteer_bits == [0, 1, 2, 4, 0, 1, 4 | 2, 4]
    assert all(f < 1 << 12 for f in _lexicon_flags("在沿江镇和玉环市"))


def test_augmentation_can_draw_real_places_from_the_gazetteer():
    import random

    from kg.gazetteer import place_names
    from kg.train import augment_names

    records = [{"id": str(i), "text": "他到临沂县", "entities": [[2, 5, "LOC"]]} for i in range(20)]
    out = augment_names(records, random.Random(0), person=0.0, place=1.0, gazetteer=1.0)
    names = place_names()[0]
    renamed = [r["text"][2:] for r in out]
    assert all(name in names and name.endswith(("省", "市", "县", "区", "镇", "乡", "街道", "村", "社区")) for name in renamed)
    assert all(r["entities"] == [[2, 2 + len(r["text"][2:]), "LOC"]] for r in out)
    assert len(set(renamed)) > 10
