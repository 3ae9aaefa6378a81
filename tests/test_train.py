"""A tiny training run: kg train writes a pipeline that spacy.load opens, and --resume continues it."""

import itertools
import json
import re
from pathlib import Path

import pytest
import spacy
import torch
from thinc.api import Config

from kg.cli import main
from kg.tagger import CRF, spans_from_tags

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


@pytest.fixture(scope="module")
def first_model(tmp_path_factory) -> Path:
    """A tiny model trained once (one epoch on 40 texts), for the tests that fine-tune one."""
    folder = tmp_path_factory.mktemp("first")
    assert main(["train", str(_tiny_config(folder, 1)), "--data", str(SHARED_NER), "-o", str(folder / "model"),
                 "--work", str(folder / "work")]) == 0
    return folder / "model"


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


def test_fine_tuning_starts_from_a_trained_model_and_keeps_its_vocabulary(tmp_path, capsys, first_model):
    first, tuned = first_model, tmp_path / "tuned"
    capsys.readouterr()
    config = _tiny_config(tmp_path, 1)
    text = config.read_text(encoding="utf-8").replace('\ninit = ""\n', f'\ninit = "{first}"\n')
    text = text.replace("\nlimit = 40\n", "\nlimit = 60\n").replace("\nhidden = 16\n", "\nhidden = 24\n")
    config.write_text(text, encoding="utf-8")
    assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(tuned), "--work", str(tmp_path / "w2")]) == 0
    assert f"starting from {first}" in capsys.readouterr().out
    before, after = spacy.load(first).get_pipe("kg_tagger").model, spacy.load(tuned).get_pipe("kg_tagger").model
    assert after.vocab == before.vocab and after.settings == before.settings  # hidden 24 in the config is ignored
    assert after.settings.hidden == 16
    assert not all(torch.equal(a, b) for a, b in zip(before.state_dict().values(), after.state_dict().values()))


def test_fine_tuning_with_lac_adds_the_feature_to_a_model_trained_without_it(tmp_path, first_model):
    config = _tiny_config(tmp_path, 1)
    text = config.read_text(encoding="utf-8").replace('\ninit = ""\n', f'\ninit = "{first_model}"\n')
    config.write_text(text.replace("\ngazetteer = true\n", "\ngazetteer = true\nlac = true\nlac_dim = 8\n"),
                      encoding="utf-8")
    tuned = tmp_path / "tuned"
    assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(tuned), "--work", str(tmp_path / "w")]) == 0
    before, after = spacy.load(first_model).get_pipe("kg_tagger").model, spacy.load(tuned).get_pipe("kg_tagger").model
    assert not before.settings.lac and after.settings.lac and after.settings.lac_dim == 8
    width = before.lstm.weight_ih_l0.shape[1]
    assert after.lstm.weight_ih_l0.shape[1] == width + 8
    assert torch.count_nonzero(after.lstm.weight_ih_l0[:, width:]) > 0  # training taught it to read the tags
    assert spacy.load(tuned)("潘军明在路桥区调研。").text == "潘军明在路桥区调研。"


def test_l2sp_keeps_the_fine_tuned_encoder_near_the_weights_it_started_from(tmp_path, first_model):
    first = first_model
    drift = {}
    for l2sp in (0.0, 10.0):
        config = _tiny_config(tmp_path, 1)
        text = config.read_text(encoding="utf-8").replace('\ninit = ""\n', f'\ninit = "{first}"\nl2sp = {l2sp}\n')
        config.write_text(text.replace("\nlimit = 40\n", "\nlimit = 60\n"), encoding="utf-8")
        tuned = tmp_path / f"tuned{l2sp}"
        assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(tuned), "--work", str(tmp_path / f"w{l2sp}")]) == 0
        before, after = (spacy.load(p).get_pipe("kg_tagger").model.state_dict() for p in (first, tuned))
        drift[l2sp] = {part: sum(((after[k] - before[k]) ** 2).sum().item() for k in before if k.startswith(part))
                       for part in ("lstm", "out")}
    assert drift[10.0]["lstm"] < drift[0.0]["lstm"] / 2  # the encoder is held back
    assert drift[10.0]["out"] > 0  # the output layer still learns


def test_average_writes_the_mean_of_the_weights_of_runs_fine_tuned_from_one_model(tmp_path, first_model, capsys):
    config = _tiny_config(tmp_path, 2)
    text = config.read_text(encoding="utf-8")
    text = text.replace('\ninit = ""\n', f'\ninit = "{first_model}"\nsave_epochs = true\n')
    config.write_text(text.replace("\nlimit = 40\n", "\nlimit = 60\n"), encoding="utf-8")
    work = tmp_path / "work"
    args = ["--data", str(SHARED_NER), "-o", str(tmp_path / "tuned"), "--work", str(work)]
    assert main(["train", str(config), *args]) == 0
    assert (work / "epoch1" / "model.pt").exists() and (work / "epoch2" / "model.pt").exists()
    soup = tmp_path / "soup"
    assert main(["average", str(first_model), str(work / "epoch1"), str(work / "epoch2"), "-o", str(soup)]) == 0
    states = [spacy.load(p).get_pipe("kg_tagger").model.state_dict() for p in (first_model, soup)]
    epochs = [torch.load(work / f"epoch{e}" / "model.pt") for e in (1, 2)]
    for name, value in states[1].items():
        if value.is_floating_point():
            mean = (states[0][name].float() + epochs[0][name].float() + epochs[1][name].float()) / 3
            assert torch.allclose(value.float(), mean, atol=2e-3), name  # the saved weights are float16
    assert spacy.load(soup)("潘军明在路桥区调研。").text == "潘军明在路桥区调研。"
    # a tagger of other settings cannot be averaged in
    other, config = tmp_path / "other", _tiny_config(tmp_path, 1)
    config.write_text(config.read_text(encoding="utf-8").replace("\nhidden = 16\n", "\nhidden = 24\n"),
                      encoding="utf-8")
    assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(other), "--work", str(tmp_path / "w3")]) == 0
    capsys.readouterr()
    assert main(["average", str(first_model), str(soup), str(other / "kg_tagger"), "-o", str(tmp_path / "bad")]) == 2
    assert "settings or vocabularies differ" in capsys.readouterr().err  # a clear error, not a traceback
    assert main(["average", str(first_model), "-o", str(tmp_path / "bad")]) == 2
    assert capsys.readouterr().err == "kg average: error: kg average needs two models or more, got 1\n"


def test_training_data_that_cannot_be_used_is_named(tmp_path, capsys):
    assert main(["train", str(tmp_path / "none.cfg"), "-o", str(tmp_path / "m")]) == 2
    assert capsys.readouterr().err == f"kg train: error: {tmp_path / 'none.cfg'}: no such training config\n"
    data = tmp_path / "data"
    (data / "msra").mkdir(parents=True)
    (data / "msra" / "train.jsonl").write_text('{"text": "张三", "entities": [[0, 2, "PER"]]}\n{"text": "台州"\n',
                                               encoding="utf-8")
    assert main(["train", str(_tiny_config(tmp_path, 1)), "--data", str(data), "-o", str(tmp_path / "m")]) == 2
    assert capsys.readouterr().err == (f"kg train: error: {data / 'msra' / 'train.jsonl'}:2: invalid JSON (Expecting ',' "
                                       "delimiter at column 14)\n")


def test_a_model_trained_with_tables_and_feature_dropout_keeps_its_tables_in_the_pipeline(tmp_path):
    config = _tiny_config(tmp_path, 1)
    text = config.read_text(encoding="utf-8")
    for old, new in [("bigram_min_count = 0", "bigram_min_count = 2"), ("word_min_count = 0", "word_min_count = 2"),
                     ("feature_dropout = 0.0", "feature_dropout = 0.1")]:
        assert f"\n{old}\n" in text
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(out), "--work", str(tmp_path / "work")]) == 0
    assert {"bigrams.json", "words.json"} <= {f.name for f in (out / "kg_tagger").iterdir()}
    tagger = spacy.load(out).get_pipe("kg_tagger").model
    assert tagger.bigram_vocab is not None and tagger.word_vocab is not None
    assert tagger.bigram_emb.num_embeddings == len(tagger.bigram_vocab) < 1024
    assert tagger.bigram_vocab["<unk>"] == 1 and tagger.word_vocab["<unk>"] == 1


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


def test_bigram_and_word_tables_keep_what_training_saw_often_and_survive_save_and_load(tmp_path):
    from kg.tagger import UNK, Tagger, TaggerSettings
    from kg.train import _feature_vocabs

    settings = TaggerSettings(hidden=8, bigram_min_count=2, word_min_count=2)
    texts = ["台州市政府。", "台州市政府。", "温岭市。"]
    bigrams, words = _feature_vocabs(texts, settings)
    # most frequent first: 。</s> ends all three texts
    assert list(bigrams) == ["<pad>", "<unk>", "。</s>", "<s>台", "台州", "州市", "市政", "政府", "府。"]
    assert "温岭" not in bigrams and "市。" not in bigrams  # seen once
    assert list(words) == ["<pad>", "<unk>", "。", "台州市", "政府"]
    model = Tagger(settings, {"<pad>": 0, "<unk>": 1, "台": 2}, bigrams, words)
    assert model.bigram_emb.num_embeddings == 9 and model.word_emb.num_embeddings == 5
    features = model.features(["台州市温岭"])[0]
    # [char, left bigram, right bigram, seg (B/M/E/S = 1-4), word]: jieba cuts 台州市|温岭; 市温 and 温岭 are
    # unknown bigrams, 温岭 an unknown word, and 州, 市, 温, 岭 unknown characters of this tiny vocabulary
    assert [row[:5] for row in features] == [[2, 3, 4, 1, 3], [UNK, 4, 5, 2, 3], [UNK, 5, UNK, 3, 3],
                                             [UNK, UNK, UNK, 1, UNK], [UNK, UNK, UNK, 3, UNK]]
    model.save(tmp_path)
    loaded = Tagger.load(tmp_path)
    assert loaded.bigram_vocab == bigrams and loaded.word_vocab == words
    assert loaded.features(["台州市温岭"])[0] == features


def test_feature_dropout_hides_bigrams_and_words_but_not_characters_or_padding():
    import torch

    from kg.train import _drop_features

    feats = torch.tensor([[[5, 6, 7, 1, 8, 3], [9, 7, 10, 3, 8, 0], [0, 0, 0, 0, 0, 0]]])
    dropped = _drop_features(feats, 1.0)
    assert dropped.tolist() == [[[5, 1, 1, 1, 1, 3], [9, 1, 1, 3, 1, 0], [0, 0, 0, 0, 0, 0]]]
    assert feats[0, 0].tolist() == [5, 6, 7, 1, 8, 3]  # the batch itself is left as it was
    assert torch.equal(_drop_features(feats, 0.0), feats)


def test_the_committed_configs_parse_and_the_fine_tuning_one_starts_from_a_model():
    news = Config().from_disk(ROOT / "configs" / "tagger.cfg")
    local = Config().from_disk(ROOT / "configs" / "finetune-local.cfg")
    assert news["training"]["init"] == "" and local["training"]["init"].endswith("models/kg-ner")
    assert local["data"]["train"][:3] == news["data"]["train"]
    # the model it starts from was trained with these settings; fine-tuning adds PROJECT and LAC's feature
    added = ("labels", "lac", "lac_dim")
    assert {k: v for k, v in local["tagger"].items() if k not in added} == {
        k: v for k, v in news["tagger"].items() if k not in added}
    assert local["tagger"]["lac"] and not news["tagger"].get("lac", False)
    assert local["tagger"]["labels"] == news["tagger"]["labels"] + ["PROJECT"]


def test_fine_tuning_with_a_new_label_keeps_the_predictions_until_trained_and_then_tags_it(tmp_path, capsys,
                                                                                            first_model):
    first, tuned = first_model, tmp_path / "tuned"
    model = spacy.load(first).get_pipe("kg_tagger").model
    extended = model.with_labels(["PER", "ORG", "LOC", "PROJECT"])
    assert extended.settings.labels == ["PER", "ORG", "LOC", "PROJECT"]
    assert extended.settings.tags[-4:] == ["B-PROJECT", "I-PROJECT", "E-PROJECT", "S-PROJECT"]
    texts = [r["text"] for r in map(json.loads, open(ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"))][:5]
    extended.eval()
    assert extended.predict(texts) == model.predict(texts)
    assert model.with_labels(["LOC"]) is model

    # fine-tune on the project-annotated sample pages only: the model learns to tag PROJECT
    config = _tiny_config(tmp_path, 1)
    text = config.read_text(encoding="utf-8").replace('\ninit = ""\n', f'\ninit = "{first}"\n')
    text = text.replace('labels = ["PER", "ORG", "LOC"]', 'labels = ["PER", "ORG", "LOC", "PROJECT"]')
    gold = ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"
    # and on MSRA sentences, which mark no projects: with `partial` their O does not rule PROJECT out
    text = re.sub(r"\ntrain = .*\n", f'\ntrain = {json.dumps(["msra/train.jsonl"] + [str(gold)] * 12)}\n', text)
    text = text.replace("\nseed = 0\n", "\nseed = 0\npartial = true\n")
    text = re.sub(r"\ndev = .*\n", f'\ndev = "{gold}"\n', text).replace("\nepochs = 1\n", "\nepochs = 3\n")
    text = text.replace("\nlr = 0.002\n", "\nlr = 0.01\n")
    config.write_text(text, encoding="utf-8")
    assert main(["train", str(config), "--data", str(SHARED_NER), "-o", str(tuned), "--work", str(tmp_path / "w2")]) == 0
    out = capsys.readouterr().out
    assert "labels ['PER', 'ORG', 'LOC', 'PROJECT']" in out
    assert "msra/train.jsonl marks no PROJECT: read as partly annotated there" in out
    nlp = spacy.load(tuned)
    assert nlp.get_pipe("kg_tagger").model.settings.labels[-1] == "PROJECT"
    predicted = nlp.get_pipe("kg_tagger").model.predict(texts)
    assert any(label == "PROJECT" for spans in predicted for _, _, label in spans)


def test_a_partially_annotated_text_sums_over_every_path_its_annotation_allows():
    """CRF.nll with `unannotated` tags: where the text says O those tags are allowed too; checked against the sum
    over all tag paths written out."""
    torch.manual_seed(0)
    crf = CRF(9)  # O + B/I/E/S of two labels
    for param in (crf.transitions, crf.start, crf.end):
        param.data.normal_()
    emissions, tags = torch.randn(1, 4, 9), torch.tensor([[1, 3, 0, 0]])
    mask = torch.ones(1, 4)
    unannotated = torch.tensor([[False] * 5 + [True] * 4])  # the second label's tags

    def score(path):
        total = crf.start[path[0]] + emissions[0, 0, path[0]] + crf.end[path[-1]]
        return total + sum(crf.transitions[a, b] + emissions[0, t + 1, b] for t, (a, b) in enumerate(zip(path, path[1:])))

    every = torch.logsumexp(torch.stack([score(p) for p in itertools.product(range(9), repeat=4)]), 0)
    allowed = torch.logsumexp(torch.stack([score(p) for p in itertools.product([1], [3], range(9), range(9))
                                           if all(t in (0, 5, 6, 7, 8) for t in p[2:])]), 0)
    assert torch.isclose(crf.nll(emissions, tags, mask, unannotated), every - allowed, atol=1e-4)
    assert torch.isclose(crf.nll(emissions, tags, mask), every - score([1, 3, 0, 0]), atol=1e-4)


def _bioes_crf() -> tuple[CRF, list[str]]:
    """A CRF over O + B/I/E/S of one label X that forbids ill-formed runs (as a trained one learns to)."""
    tags = ["O", "B-X", "I-X", "E-X", "S-X"]
    crf = CRF(len(tags))
    follows = {"O": "OBS", "B": "IE", "I": "IE", "E": "OBS", "S": "OBS"}
    for i, a in enumerate(tags):
        for j, b in enumerate(tags):
            crf.transitions.data[i, j] = 0.0 if b[0] in follows[a[0]] else -1e4
    crf.start.data[[2, 3]] = -1e4  # no I or E first
    crf.end.data[[1, 2]] = -1e4  # no B or I last
    return crf, tags


def test_span_probabilities_are_those_of_every_tag_path_written_out():
    """CRF.posterior_spans keeps exactly the spans whose summed path probability exceeds min_prob, in each
    sequence of a padded batch."""
    crf, tags = _bioes_crf()
    torch.manual_seed(33)
    emissions = torch.randn(2, 5, 5) * 1.5 + torch.tensor([0.0, 0.5, 1.0, 0.5, -1.0])  # longer names than chance
    mask = torch.tensor([[1.0] * 5, [1.0] * 3 + [0.0] * 2])
    for row, length in enumerate((5, 3)):
        scores = {}
        for path in itertools.product(range(5), repeat=length):
            score = crf.start[path[0]] + crf.end[path[-1]] + sum(emissions[row, t, k] for t, k in enumerate(path))
            scores[path] = score + sum(crf.transitions[a, b] for a, b in zip(path, path[1:]))
        log_z = torch.logsumexp(torch.stack(list(scores.values())), 0)
        probability: dict[tuple, float] = {}
        for path, score in scores.items():
            for span in spans_from_tags([tags[k] for k in path]):
                probability[span] = probability.get(span, 0.0) + float((score - log_z).detach().exp())
        for min_prob in (0.5, 0.7):
            found = crf.posterior_spans(emissions, mask, ["X"], min_prob=min_prob)[row]
            assert found == sorted(s for s, p in probability.items() if p > min_prob)
            assert found == [[(1, 4, "X")], [(0, 2, "X"), (2, 3, "X")] if min_prob == 0.5 else [(2, 3, "X")]][row]


def test_viterbi_finds_the_best_of_every_tag_path_written_out():
    """CRF.decode returns, for each sequence of a padded batch, the path of highest score, cut at its length."""
    torch.manual_seed(5)
    crf = CRF(4)
    with torch.no_grad():
        for parameter in (crf.transitions, crf.start, crf.end):
            parameter.normal_()
    emissions = torch.randn(3, 5, 4) * 2
    mask = torch.tensor([[1.0] * 5, [1.0] * 2 + [0.0] * 3, [1.0] + [0.0] * 4])
    decoded = crf.decode(emissions, mask)
    for row, length in enumerate((5, 2, 1)):
        def score(path):
            return float((crf.start[path[0]] + crf.end[path[-1]] + sum(emissions[row, t, k] for t, k in enumerate(path))
                          + sum(crf.transitions[a, b] for a, b in zip(path, path[1:]))).detach())
        assert decoded[row] == list(max(itertools.product(range(4), repeat=length), key=score))


def test_posterior_decoding_keeps_the_sure_name_where_the_best_path_runs_on():
    """灵湖开湖: the best path tags all four characters (B I I E), but most of the probability says the name ends
    after two (B E, then anything); posterior decoding keeps 灵湖. A best-path span of a label in `keep` stays
    where nothing surer overlaps it."""
    crf, tags = _bioes_crf()
    emissions = torch.full((1, 4, 5), -5.0)
    emissions[0, 0, 1] = 3.0  # B
    emissions[0, 1, [2, 3]] = torch.tensor([1.0, 0.9])  # I or E
    emissions[0, 2, [2, 0, 4, 1]] = torch.tensor([1.0, 0.5, 0.5, 0.5])  # I, O, S or B
    emissions[0, 3, [3, 0, 4]] = torch.tensor([1.0, 0.6, 0.6])  # E, O or S
    mask = torch.ones(1, 4)
    best = [spans_from_tags([tags[k] for k in crf.decode(emissions, mask)[0]])]
    assert best == [[(0, 4, "X")]]
    assert crf.posterior_spans(emissions, mask, ["X"]) == [[(0, 2, "X")]]
    assert crf.posterior_spans(emissions, mask, ["X"], keep=["X"]) == [[(0, 2, "X")]]
    assert crf.posterior_spans(emissions, mask, ["X"], min_prob=0.9) == [[]]
    assert crf.posterior_spans(emissions, mask, ["X"], keep=["X"], min_prob=0.9) == [[(0, 4, "X")]]
