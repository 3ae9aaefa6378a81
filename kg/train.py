"""Train the character tagger from gold-format JSONL (``kg train``).

Settings come from a config file (``configs/tagger.cfg``, spaCy/thinc config syntax): the data files, the
label mapping is fixed below, the tagger's hyperparameters and the training loop's. Training is seeded and
single-threaded, evaluates on the dev file after every epoch, keeps the best epoch, and writes a checkpoint so
that an interrupted run resumes where it stopped (``--resume``).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

import torch
from thinc.api import Config

from .errors import InputError
from .evaluate import format_scores, gold_entities, score_spans
from .gazetteer import place_names
from .read import parse_record
from .tagger import Tagger, TaggerSettings, feature_keys, norm_char, split_text, tags_from_spans

__all__ = ["LABEL_MAP", "average", "read_gold", "train"]

# Labels of the shared training sets mapped to ours; a label missing here is dropped (tagged O).
# Weibo's nominal mentions (PER.NOM: 女人, 老师) are not names, CLUENER's position/book/game/movie are not
# entities of the graph.
LABEL_MAP = {
    "PER": "PER", "ORG": "ORG", "LOC": "LOC",
    "name": "PER", "company": "ORG", "government": "ORG", "organization": "ORG", "address": "LOC", "scene": "LOC",
    "PER.NAM": "PER", "ORG.NAM": "ORG", "LOC.NAM": "LOC", "GPE.NAM": "LOC",
    "PROJECT": "PROJECT",  # kg's own gold (no shared set has it); tagged only by a model whose labels include it
}


def read_gold(path: Path, label_map: dict[str, str] | None = None) -> Iterator[dict]:
    """Yield gold records {"id", "text", "entities"} from a JSONL file, labels mapped and unmapped ones dropped;
    an entity outside its text stops the reading with the file and line (:func:`kg.evaluate.gold_entities`)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as error:
        raise InputError(f"{path}: cannot read the training data: {error.strerror or error}") from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                record = parse_record(line)
            except ValueError as error:
                raise InputError(f"{path}:{n}: {error}") from None
            entities = gold_entities(record, f"{path}:{n}")
            if label_map is not None:
                entities = [(s, e, label_map[lab]) for s, e, lab in entities if lab in label_map]
            yield {"id": record.get("id", f"{path.name}:{n}"), "text": record["text"], "entities": entities}


def _batches(lengths: list[int], batch_chars: int, rng: random.Random) -> list[list[int]]:
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and (len(current) + 1) * lengths[i] > batch_chars:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_PLACE_SUFFIXES = ("街道", "社区", "省", "市", "县", "区", "镇", "乡", "村")


def _name_parts(records: list[dict]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Surnames, given-name characters, place stems and place suffixes, as often as the training names use them."""
    surnames, given, stems, suffixes = [], [], [], []
    for r in records:
        for s, e, label in r["entities"]:
            name = r["text"][s:e]
            if not _CJK.match(name):
                continue
            if label == "PER" and len(name) in (2, 3):
                surnames.append(name[0])
                given.extend(name[1:])
            elif label == "LOC":
                suffix = next((x for x in _PLACE_SUFFIXES if name.endswith(x)), "")
                if 2 <= len(name) - len(suffix) <= 3:
                    stems.append(name[: len(name) - len(suffix)])
                    suffixes.append(suffix)
    return surnames, given, stems, suffixes


def augment_names(records: list[dict], rng: random.Random, *, person: float, place: float,
                  gazetteer: float = 0.0) -> list[dict]:
    """Copies of ``records`` in which people and places are renamed, so that the tagger learns names from their
    context and form rather than remembering the names of its training texts (1998 news has no 习近平, few
    街道 and few of the counties a local paper names).

    With probability ``person`` a text's two- and three-character person names are replaced by a surname and
    given-name characters drawn from the training names; with probability ``place`` its places by a stem (a
    training place's, or two characters of training stems at random) with a suffix drawn from the training places
    (none, 市, 县, 镇, 村, 街道, …), or, with probability ``gazetteer``, by a real county or town of kg.gazetteer's
    list (沿江镇, 凤鸣街道). Entity offsets are moved with the text.

    >>> recs = [{"id": "1", "text": "张三在北京市", "entities": [[0, 2, "PER"], [3, 6, "LOC"]]},
    ...         {"id": "2", "text": "李小龙到临沂县", "entities": [[0, 3, "PER"], [4, 7, "LOC"]]}]
    >>> out = augment_names(recs, random.Random(1), person=1.0, place=1.0)
    >>> [[out[i]["text"][s:e] for s, e, _ in out[i]["entities"]] for i in (0, 1)]
    [['张小', '临沂县'], ['张小三', '沂沂市']]
    >>> out[1]["text"]
    '张小三到沂沂市'
    """
    surnames, given, stems, suffixes = _name_parts(records)
    real_places = sorted(n for n in place_names()[0] if _CJK.match(n) and 3 <= len(n) <= 6
                         and n.endswith(_PLACE_SUFFIXES)) if gazetteer else []
    stem_chars = [c for stem in stems for c in stem]
    out = []
    for r in records:
        rename_person = bool(surnames) and rng.random() < person
        rename_place = bool(stems) and rng.random() < place
        if not (rename_person or rename_place):
            out.append(r)
            continue
        text, entities, shift, last = [], [], 0, 0
        for s, e, label in sorted(r["entities"]):
            name = r["text"][s:e]
            if rename_person and label == "PER" and len(name) in (2, 3) and _CJK.match(name):
                name = rng.choice(surnames) + "".join(rng.choice(given) for _ in name[1:])
            elif rename_place and label == "LOC" and _CJK.match(name) and 2 <= len(name) <= 6:
                if real_places and rng.random() < gazetteer:
                    name = rng.choice(real_places)
                else:
                    stem = rng.choice(stems) if rng.random() < 0.5 else rng.choice(stem_chars) + rng.choice(stem_chars)
                    name = stem + rng.choice(suffixes)
            text.append(r["text"][last:s] + name)
            entities.append([s + shift, s + shift + len(name), label])
            shift += len(name) - (e - s)
            last = e
        text.append(r["text"][last:])
        out.append({**r, "text": "".join(text), "entities": entities})
    return out


def evaluate_tagger(model: Tagger, records: list[dict]) -> dict:
    """Exact-span scores of ``model`` on gold ``records``."""
    texts = [r["text"] for r in records]
    model.eval()
    return score_spans(texts, [r["entities"] for r in records], model.predict(texts))


def tagger_folder(path: Path) -> Path:
    """The tagger's folder in ``path``: a pipeline written by ``kg train`` (its ``kg_tagger``) or a tagger's own."""
    inner = path / "kg_tagger"
    if (inner / "settings.json").exists():
        return inner
    if (path / "settings.json").exists():
        return path
    raise InputError(f"{path}: no tagger here (neither kg_tagger/settings.json nor settings.json)")


def train(config_path: Path, output: Path, *, data_dir: Path | None = None, resume: bool = False,
          log=print) -> dict:
    """Train a tagger as ``config_path`` says and write the best epoch to ``output``; returns its dev scores."""
    torch.set_num_threads(1)
    if not Path(config_path).is_file():
        raise InputError(f"{config_path}: no such training config")
    cfg = Config().from_disk(config_path)
    data, loop, tagger_cfg = cfg["data"], cfg["training"], cfg["tagger"]
    base = Path(data_dir or data["dir"])
    seed = loop["seed"]
    random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)

    train_records: list[dict] = []
    skip_labels = set(data.get("skip_records_with", []))
    for name in data["train"]:
        records = [r for r in read_gold(base / name) if not skip_labels & {lab for _, _, lab in r["entities"]}]
        records = [{**r, "entities": [[s, e, LABEL_MAP[lab]] for s, e, lab in r["entities"] if lab in LABEL_MAP]}
                   for r in records]
        annotated = {lab for r in records for _, _, lab in r["entities"]}  # a file's labels: those it uses
        limit = data.get("limit", 0)
        train_records.extend({**r, "annotated": annotated, "source": name}
                             for r in (records[:limit] if limit else records))
    augment = cfg.get("augment", {})
    if augment.get("person", 0) or augment.get("place", 0):
        train_records = augment_names(train_records, random.Random(seed), person=augment.get("person", 0.0),
                                      place=augment.get("place", 0.0), gazetteer=augment.get("gazetteer", 0.0))
    dev_records = list(read_gold(base / data["dev"], LABEL_MAP))
    if data.get("dev_limit", 0):
        dev_records = dev_records[: data["dev_limit"]]
    init = loop.get("init", "")
    if init:  # fine-tuning: the model's own settings and vocabularies, new characters read as <unk>
        model = Tagger.load(tagger_folder(Path(init))).with_labels(tagger_cfg.get("labels", []))
        if tagger_cfg.get("lac", False):  # a feature the model lacks is added with zero weights (Tagger.with_lac)
            model = model.with_lac(tagger_cfg.get("lac_dim", 16))
        settings = model.settings
        log(f"starting from {init} (its [tagger] settings and vocabularies are kept; labels {settings.labels})")
    else:
        settings = TaggerSettings(**tagger_cfg)
    for r in train_records + dev_records:  # gold labels the model does not tag are read as O
        r["entities"] = [x for x in r["entities"] if x[2] in settings.labels]
    examples = [{**piece, "annotated": r["annotated"]}
                for r in train_records for _, piece in _pieces(r, settings.max_len)]
    if not init:
        counts = Counter(c for r in train_records for c in r["text"])
        folded: Counter[str] = Counter()
        for c, n in counts.items():
            folded[norm_char(c)] += n
        chars = ["<pad>", "<unk>"] + sorted(c for c, n in folded.items() if n >= loop["min_char_count"])
        vocab = {c: i for i, c in enumerate(chars)}
        bigram_vocab, word_vocab = _feature_vocabs([e["text"] for e in examples], settings)
        model = Tagger(settings, vocab, bigram_vocab, word_vocab)
    log(f"train {len(train_records)} texts, {sum(len(r['text']) for r in train_records)} chars; "
        f"dev {len(dev_records)}; vocab {len(model.vocab)}"
        + (f", bigrams {len(model.bigram_vocab)}" if model.bigram_vocab else "")
        + (f", words {len(model.word_vocab)}" if model.word_vocab else "")
        + f"; parameters {sum(p.numel() for p in model.parameters())}")

    tag_index = {t: i for i, t in enumerate(settings.tags)}
    t0 = time.time()
    feats = [torch.tensor(f, dtype=torch.long) for f in model.features([e["text"] for e in examples])]
    tags = [torch.tensor(tags_from_spans(len(e["text"]), e["entities"], tag_index)) for e in examples]
    # With `partial`, the tags of a label a training file never uses are allowed wherever its texts say O: MSRA
    # marks no projects, so its 三峡工程 should not teach that projects are O (Tagger.loss, CRF.nll).
    partial = loop.get("partial", False)
    unannotated = torch.tensor([[t != "O" and t[2:] not in e["annotated"] for t in settings.tags]
                                for e in examples], dtype=torch.bool) if partial else None
    if partial:
        for name, labels in sorted({(r["source"], tuple(sorted(set(settings.labels) - r["annotated"])))
                                    for r in train_records}):
            if labels:
                log(f"{name} marks no {', '.join(labels)}: read as partly annotated there")
    log(f"featurised {len(examples)} pieces in {time.time() - t0:.0f}s")

    # The embedding tables are large and each batch touches few rows: sparse gradients and SparseAdam keep a
    # step cheap (dense Adam over them took half of each step).
    sparse = {"char_emb", "bigram_emb", "word_emb"}
    groups: dict[bool, list[torch.nn.Parameter]] = {True: [], False: []}
    for name, param in model.named_parameters():
        groups[name.split(".")[0] in sparse].append(param)
    # With `l2sp` (fine-tuning), the encoder is pulled back towards the weights it started from (L2-SP, Li et al.
    # 2018), so that local text does not wear away what the news corpora taught; the output and CRF layers,
    # which learn the new labels, are free.
    l2sp = loop.get("l2sp", 0.0) if init else 0.0
    anchors = {name: param.detach().clone() for name, param in model.named_parameters()
               if l2sp and name.split(".")[0] not in sparse | {"out", "crf"}}
    anchored = [(param, anchors[name]) for name, param in model.named_parameters() if name in anchors]
    optimizers = [torch.optim.SparseAdam(groups[True], lr=loop["lr"]), torch.optim.Adam(groups[False], lr=loop["lr"])]
    schedulers = [torch.optim.lr_scheduler.ExponentialLR(o, gamma=loop["lr_decay"]) for o in optimizers]
    output.mkdir(parents=True, exist_ok=True)
    checkpoint = output / "checkpoint.pt"
    state: dict = {"epoch": 0, "best_f": -1.0, "best_epoch": 0, "history": []}
    if resume and checkpoint.exists():
        saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
        model.load_state_dict(saved["model"])
        for o, o_state in zip(optimizers, saved["optimizers"]):
            o.load_state_dict(o_state)
        for sch, sch_state in zip(schedulers, saved["schedulers"]):
            sch.load_state_dict(sch_state)
        state = saved["state"]
        rng.setstate(saved["rng"])
        if "torch_rng" in saved:  # feature dropout draws from torch's generator
            torch.set_rng_state(saved["torch_rng"])
        log(f"resumed after epoch {state['epoch']}")

    start_time = time.time()
    lengths = [len(f) for f in feats]
    while state["epoch"] < loop["epochs"]:
        epoch = state["epoch"] + 1
        model.train()
        total, t_epoch = 0.0, time.time()
        for batch in _batches(lengths, loop["batch_chars"], rng):
            f = torch.nn.utils.rnn.pad_sequence([feats[i] for i in batch], batch_first=True)
            if loop.get("feature_dropout", 0.0):
                f = _drop_features(f, loop["feature_dropout"])
            t = torch.nn.utils.rnn.pad_sequence([tags[i] for i in batch], batch_first=True)
            mask = torch.zeros(t.shape)
            for b, i in enumerate(batch):
                mask[b, : lengths[i]] = 1
            loss = model.loss(f, t, mask, unannotated[batch] if unannotated is not None else None)
            for o in optimizers:
                o.zero_grad()
            drift = sum(((p - p0) ** 2).sum() for p, p0 in anchored) if anchored else 0.0
            (loss / len(batch) + l2sp * drift).backward()
            torch.nn.utils.clip_grad_norm_(groups[False], loop["grad_clip"])
            for o in optimizers:
                o.step()
            total += loss.item()
        for sch in schedulers:
            sch.step()
        scores = evaluate_tagger(model, dev_records)
        f1 = scores["micro"]["f"]
        state["epoch"] = epoch
        state["history"].append({"epoch": epoch, "loss": total, "dev_f": f1, "seconds": time.time() - t_epoch})
        log(f"epoch {epoch}: loss {total:.0f}, dev F1 {f1:.4f}, {time.time() - t_epoch:.0f}s")
        if loop.get("save_epochs", False):  # for averaging epochs (kg average)
            model.save(output / f"epoch{epoch}")
        if f1 > state["best_f"]:
            state["best_f"], state["best_epoch"] = f1, epoch
            model.save(output)
            (output / "dev_scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
        torch.save({"model": model.state_dict(), "optimizers": [o.state_dict() for o in optimizers],
                    "schedulers": [sch.state_dict() for sch in schedulers], "state": state, "rng": rng.getstate(),
                    "torch_rng": torch.get_rng_state()}, checkpoint)
        (output / "training.json").write_text(json.dumps(state, indent=2), encoding="utf-8")
        if (time.time() - start_time) / 60 > loop["max_minutes"]:
            log(f"stopping: {loop['max_minutes']} minutes used")
            break
    best = json.loads((output / "dev_scores.json").read_text(encoding="utf-8"))
    log(f"best epoch {state['best_epoch']}\n" + format_scores(best))
    return best


def _feature_vocabs(texts: list[str], settings: TaggerSettings) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """The bigram and jieba-word tables of a model whose settings ask for them (``bigram_min_count``,
    ``word_min_count`` > 0): every bigram / word seen that often in ``texts``, most frequent first, after
    PAD and UNK. Rarer ones share UNK, so training meets UNK where it meets a rare name, as prediction will."""
    bigrams: Counter[str] = Counter()
    words: Counter[str] = Counter()
    if settings.bigram_min_count or settings.word_min_count:
        for text in texts:
            _, pairs, tokens = feature_keys(text)
            bigrams.update(pairs)
            words.update(tokens)

    def table(counts: Counter[str], min_count: int) -> dict[str, int] | None:
        if not min_count:
            return None
        keys = ["<pad>", "<unk>"] + [k for k, n in counts.most_common() if n >= min_count]
        return {k: i for i, k in enumerate(keys)}

    return table(bigrams, settings.bigram_min_count), table(words, settings.word_min_count)


def _drop_features(feats: torch.Tensor, rate: float) -> torch.Tensor:
    """A copy of a batch's features in which each bigram and word id is UNK with probability ``rate`` (PAD stays
    PAD): the model learns to read a character whose bigrams or word it has never seen, as in a new name."""
    feats = feats.clone()
    for column in (1, 2, 4):
        ids = feats[..., column]
        ids[(torch.rand(ids.shape) < rate) & ids.ne(0)] = 1
    return feats


def _pieces(record: dict, max_len: int):
    """Cut a long training text at sentence ends, keeping only entities wholly inside a piece."""
    for offset, piece in split_text(record["text"], max_len):
        ents = [[s - offset, e - offset, lab] for s, e, lab in record["entities"]
                if s >= offset and e <= offset + len(piece)]
        if piece:
            yield offset, {"text": piece, "entities": ents}


def package(work: Path, output: Path) -> Path:
    """Wrap the best tagger in ``work`` into a spaCy pipeline folder at ``output`` (``spacy.load`` opens it once
    kg is installed)."""
    scores = work / "dev_scores.json"
    return _save_pipeline(Tagger.load(work), output,
                          json.loads(scores.read_text(encoding="utf-8")) if scores.exists() else None)


def _save_pipeline(tagger: Tagger, output: Path, scores: dict | None = None) -> Path:
    from .recognise import new_pipeline

    nlp = new_pipeline(tagger)
    nlp.meta.update({"name": "kg_ner", "version": "0.1.0", "lang": "zh",
                     "description": f"kg's {'/'.join(tagger.settings.labels)} character BiLSTM-CRF plus rules "
                                    "(bodies, repeats, lists, PROJECT)"})
    if scores is not None:
        nlp.meta["performance"] = scores
    nlp.to_disk(output)
    return output


def average(models: list[Path], output: Path) -> Path:
    """``kg average``: write to ``output`` the pipeline whose tagger has the mean weights of ``models`` (pipeline
    or tagger folders), a uniform model soup (Wortsman et al. 2022). The taggers must share settings and
    vocabularies, as runs fine-tuned from one model do; then the mean keeps much of what each run learnt (the
    shipped tagger averages five taggers of three runs on different local sets: model card).

    models (list[Path]): two or more pipeline folders (with kg_tagger/) or tagger folders (model.pt).
    """
    if len(models) < 2:
        raise InputError(f"kg average needs two models or more, got {len(models)}")
    taggers = [Tagger.load(tagger_folder(path)) for path in models]
    first = taggers[0]
    for path, tagger in zip(models[1:], taggers[1:]):
        if (tagger.settings, tagger.vocab, tagger.bigram_vocab, tagger.word_vocab) != (
                first.settings, first.vocab, first.bigram_vocab, first.word_vocab):
            raise InputError(f"{path}: its settings or vocabularies differ from those of {models[0]}; only taggers "
                             "fine-tuned from one model can be averaged")
    states = [tagger.state_dict() for tagger in taggers]
    first.load_state_dict({name: torch.stack([s[name].float() for s in states]).mean(0).to(value.dtype)
                           if value.is_floating_point() else value for name, value in states[0].items()})
    return _save_pipeline(first, output)


def train_pipeline(config_path: Path, output: Path, *, work: Path | None = None, data_dir: Path | None = None,
                   resume: bool = False, log=print) -> dict:
    """``kg train``: train the tagger (checkpoints in ``work``) and save the pipeline to ``output``."""
    work = work or Path("output") / "training" / output.name
    scores = train(config_path, work, data_dir=data_dir, resume=resume, log=log)
    package(work, output)
    log(f"pipeline saved to {output}")
    return scores
