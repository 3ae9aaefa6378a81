"""benchmarks/gold/conventions.py: kg's two annotation conventions applied to gold annotated without them."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("conventions", ROOT / "benchmarks" / "gold" / "conventions.py")
conventions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conventions)


def test_a_leading_division_leaves_a_project_and_a_chain_of_divisions_splits():
    text = "温岭市南排工程(一期)开工，杭州市萧山区和台州市域铁路S2线、台州湾新区。"
    record = {"id": "a", "text": text,
              "entities": [[0, 11, "PROJECT"], [14, 20, "LOC"], [21, 30, "PROJECT"], [31, 36, "PROJECT"]],
              "names": ["温岭市南排工程(一期)", "萧山区", "台州市域铁路S2线", "台州湾新区"]}
    out, changes = conventions.apply(record)
    assert [text[s:e] + "/" + label for s, e, label in out["entities"]] == [
        "温岭市/LOC", "南排工程(一期)/PROJECT", "杭州市/LOC", "萧山区/LOC", "台州市域铁路S2线/PROJECT", "台州湾新区/PROJECT"]
    assert out["names"] == ["温岭市", "温岭市南排工程(一期)", "杭州市", "萧山区", "台州市域铁路S2线", "台州湾新区"]
    assert changes == ["温岭市+南排工程(一期)", "杭州市+萧山区"]


def test_the_sample_pages_gold_already_follows_them(tmp_path):
    source = ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"
    conventions.main(str(source), str(tmp_path / "out.jsonl"))
    records = [json.loads(line) for line in open(source, encoding="utf-8")]
    assert [json.loads(line) for line in open(tmp_path / "out.jsonl", encoding="utf-8")] == records
