"""The ``kg`` command: a thin layer over kg.build, kg.recognise, kg.evaluate and kg.train."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from .errors import InputError, KgError

__all__ = ["main"]


def _progress(quiet: bool, doing: str = "recognising", unit: str = "articles", at_least: int = 50):
    """A progress display on stderr for a stage of ``at_least`` items or more (``doing: 3/50 articles``), at most
    one report every two seconds; None when ``quiet``."""
    if quiet:
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.time()
        if total >= at_least and (now - last[0] > 2 or done == total):
            last[0] = now
            tty = sys.stderr.isatty()  # redraw one line on a terminal, a line per report in a log
            print(("\r" if tty else "") + f"{doing}: {done}/{total} {unit}",
                  end="\n" if done == total or not tty else "", file=sys.stderr, flush=True)

    return show


def _at_least_one(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _entity_types(text: str) -> list[str]:
    """An argparse type: comma-separated entity types, each one of kg's labels."""
    from .recognise import LABELS  # kg build loads it anyway

    types = [t.strip().upper() for t in text.split(",") if t.strip()]
    unknown = [t for t in types if t not in LABELS]
    if unknown or not types:
        raise argparse.ArgumentTypeError(f"unknown type {', '.join(unknown) or repr(text)}: use {', '.join(LABELS)}")
    return types


def _date(text: str) -> str:
    """An argparse type: a date in any common form (2022-01-26, 2022/1/26, 2022年1月26日), as ISO."""
    from .read import iso_date

    if not (value := iso_date(text)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as 2022-01-26")
    return value


def _writable_file(path: str) -> str:
    """Check before any work that ``path`` can be written: its folder exists and it is no folder itself."""
    if Path(path).is_dir() or not Path(path).resolve().parent.is_dir():
        raise InputError(f"{path}: cannot write here (no such folder, or a folder of that name)")
    return path


def cmd_build(args) -> int:
    from .build import run

    filters = {"min_mentions": args.min_mentions, "min_weight": args.min_weight, "types": args.types,
               "top": args.top}
    report = run(args.paths or ["corpus"], Path(args.output), ner=args.ner, max_nodes=args.max_nodes,
                 progress=_progress(args.quiet), filters=filters, processes=args.processes, cache=not args.no_cache,
                 period=(args.since, args.until), aliases=args.aliases, keep_copies=args.keep_copies, ocr=args.ocr,
                 ocr_progress=_progress(args.quiet, "reading by OCR", "page images and scans", at_least=1),
                 focus=[n for n in re.split(r"[,，、]", args.focus or "") if n.strip()])  # a Chinese comma too
    if not args.quiet:
        print(report.summary())
    else:
        for s in report.skipped:
            print(f"skipped {s}", file=sys.stderr)
        for old, new in report.renamed:
            print(f"id {old} was already taken: that article is {new}", file=sys.stderr)
    return 0


def _read_inputs(path: Path, gold: bool = False) -> list[dict]:
    """Records {"id", "text", ...} from gold-format JSONL, or one per non-empty line of a plain text file; with
    ``gold``, each JSONL record's "entities" checked (:func:`kg.evaluate.gold_entities`)."""
    from .evaluate import gold_entities
    from .read import parse_record, read_text

    text = read_text(path)
    records = []
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                record = parse_record(line)
            except ValueError as error:
                raise InputError(f"{path}:{n}: {error}") from None
            record.setdefault("id", f"{path.name}:{n}")
            if gold:
                record["entities"] = gold_entities(record, f"{path}:{n}")
            records.append(record)
    else:
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                records.append({"id": f"{path.name}:{n}", "text": line})
    return records


# A lone surrogate: half of a character whose JSON escape a scraper cut in two (\ud83d). spaCy cannot hash it and
# UTF-8 cannot hold it, so the NER reads it as U+FFFD (offsets unchanged) and kg ner writes it escaped, as given.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _predict(records: list[dict], ner: str | None, labels=None) -> list[list[list]]:
    from .recognise import load_pipeline

    nlp = load_pipeline(ner)
    out = []
    for doc in nlp.pipe((_SURROGATE.sub("\ufffd", r["text"]) for r in records), batch_size=64):
        out.append([[e.start_char, e.end_char, e.label_] for e in doc.ents if not labels or e.label_ in labels])
    return out


def cmd_ner(args) -> int:
    _writable_file(args.output)
    records = _read_inputs(Path(args.input))
    predicted = _predict(records, args.ner)
    with open(args.output, "w", encoding="utf-8") as f:
        for record, entities in zip(records, predicted):
            line = json.dumps({"id": record["id"], "text": record["text"], "entities": entities}, ensure_ascii=False)
            f.write(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")
    if not args.quiet:
        print(f"{len(records)} texts, {sum(map(len, predicted))} entities -> {args.output}")
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import format_scores, score_spans

    if args.json:
        _writable_file(args.json)
    gold = _read_inputs(Path(args.gold), gold=True)
    labels = args.labels.split(",") if args.labels else None
    if args.pred:
        pred = _read_inputs(Path(args.pred), gold=True)
        for path, records in ((args.gold, gold), (args.pred, pred)):
            twice = [i for i, n in Counter(r["id"] for r in records).items() if n > 1]
            if twice:  # predictions are matched to gold records by id
                raise InputError(f"{path}: more than one record has the id {', '.join(map(str, twice[:5]))}")
        pred_records = {r["id"]: r for r in pred}
        missing = [r["id"] for r in gold if r["id"] not in pred_records]
        if missing:
            raise InputError(f"{args.pred}: no prediction for ids {', '.join(missing[:5])}")
        predicted = [pred_records[r["id"]].get("entities", []) for r in gold]
    else:
        started = time.time()
        predicted = _predict(gold, args.ner)
        seconds = time.time() - started
    scores = score_spans([r["text"] for r in gold], [r.get("entities", []) for r in gold], predicted, labels)
    print(format_scores(scores))
    if not args.pred:
        chars = sum(len(r["text"]) for r in gold)
        print(f"{len(gold)} texts, {chars} chars in {seconds:.1f} s ({chars / max(seconds, 1e-9):.0f} chars/s, "
              "model loading included)")
    if args.json:
        Path(args.json).write_text(json.dumps(scores, indent=2), encoding="utf-8")
    return 0


def cmd_train(args) -> int:
    from .train import train_pipeline

    train_pipeline(Path(args.config), Path(args.output), work=Path(args.work) if args.work else None,
                   data_dir=Path(args.data) if args.data else None, resume=args.resume)
    return 0


def cmd_average(args) -> int:
    from .train import average

    average([Path(m) for m in args.models], Path(args.output))
    print(f"pipeline saved to {args.output}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of people, organisations, places "
                                "and projects from Chinese newspaper pages.")
    sub = p.add_subparsers(dest="command", required=True)
    ner_help = ("recogniser: 'default' (the shipped model), a spaCy pipeline folder, or hanlp[:<id or folder>]")

    b = sub.add_parser("build", help="pages -> graph.html, graph.graphml, graph.gexf, tables, articles.jsonl")
    b.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    b.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    b.add_argument("--ner", default=None, help=ner_help)
    b.add_argument("--max-nodes", type=_at_least_one, default=1500, help="most nodes drawn in graph.html (default 1500)")
    b.add_argument("--focus", metavar="NAMES",
                   help="entities graph.html draws first, with their neighbours, beyond --max-nodes: names, aliases or "
                        "ids, comma-separated (潘军明,LOC:台州市; ， and 、 also separate)")
    b.add_argument("--min-mentions", type=_at_least_one, default=1, help="drop entities mentioned fewer times (default 1)")
    b.add_argument("--min-weight", type=_at_least_one, default=1, help="drop edges shared by fewer articles (default 1)")
    b.add_argument("--types", type=_entity_types, default=None, help="keep only these types, e.g. PER,ORG")
    b.add_argument("--top", type=_at_least_one, default=None, help="keep only the N entities in most articles")
    b.add_argument("--processes", type=_at_least_one, default=1,
                   help="recognise in this many processes, one CPU core each (default 1; each loads the model); "
                        "with --ocr, OCR the page images in as many first")
    b.add_argument("--since", type=_date, default=None,
                   help="keep only the articles dated on or after this day (undated articles are left out)")
    b.add_argument("--until", type=_date, default=None,
                   help="keep only the articles dated on or before this day (undated articles are left out)")
    b.add_argument("--no-cache", action="store_true",
                   help="recognise every article afresh and keep nothing (default: reuse and keep what was "
                        "recognised, in OUTPUT/.kg-cache.sqlite)")
    b.add_argument("--aliases", default=None, metavar="FILE",
                   help="a CSV table of your own aliases (columns alias,entity, as in aliases.csv; entity TYPE:name, "
                        "or empty for no entity) that overrides the rules")
    b.add_argument("--keep-copies", action="store_true",
                   help="read an article that copies another (the same story reposted, saved twice or cut short) "
                        "as an article of its own (default: as the one it copies, so that a story counts once)")
    b.add_argument("--ocr", action="store_true",
                   help="read page images (.png, .jpg, .tif …) and scanned PDFs by OCR (RapidOCR, offline; "
                        "pip install 'kg[ocr]'): seconds a page")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    b.set_defaults(func=cmd_build)

    n = sub.add_parser("ner", help="tag texts: gold-format JSONL or plain text (one text a line) -> JSONL")
    n.add_argument("input")
    n.add_argument("-o", "--output", required=True)
    n.add_argument("--ner", default=None, help=ner_help)
    n.add_argument("-q", "--quiet", action="store_true")
    n.set_defaults(func=cmd_ner)

    e = sub.add_parser("evaluate", help="exact-span P/R/F1 per label and per-document entity-set F1")
    e.add_argument("gold")
    e.add_argument("--labels", default=None, help="comma-separated labels to score, e.g. PER,ORG,LOC")
    e.add_argument("--pred", default=None, help="score this prediction JSONL instead of running the model")
    e.add_argument("--ner", default=None, help=ner_help)
    e.add_argument("--json", default=None, help="also write the scores to this JSON file")
    e.set_defaults(func=cmd_evaluate)

    t = sub.add_parser("train", help="train the NER tagger from gold-format JSONL and save a spaCy pipeline")
    t.add_argument("config", nargs="?", default="configs/tagger.cfg")
    t.add_argument("-o", "--output", default="models/kg-ner", help="pipeline folder to write")
    t.add_argument("--data", default=None, help="folder of the training data (overrides the config's)")
    t.add_argument("--work", default=None, help="folder for checkpoints (default: output/training)")
    t.add_argument("--resume", action="store_true", help="resume from the checkpoint in --work")
    t.set_defaults(func=cmd_train)

    a = sub.add_parser("average", help="average the weights of taggers fine-tuned from one model (a model soup)")
    a.add_argument("models", nargs="+", help="pipeline folders (with kg_tagger/) or tagger folders (model.pt)")
    a.add_argument("-o", "--output", required=True, help="pipeline folder to write")
    a.set_defaults(func=cmd_average)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as error:
        print(f"kg {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
