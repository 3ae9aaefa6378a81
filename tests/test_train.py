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
    assert nlp.pipe_names == ["kg_tagger", "kg_projects"]
    doc = nlp("潘军明在路桥区调研。")
    assert doc.text == "潘军明在路桥区调研。"
    assert main(["train", str(_tiny_config(tmp_path, 2)), *args, "--resume"]) == 0
    assert "resumed after epoch 1" in capsys.readouterr().out
    history = json.loads((work / "training.json").read_text())["history"]
    assert [h["epoch"] for h in history] == [1, 2]
