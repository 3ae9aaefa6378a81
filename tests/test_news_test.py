"""benchmarks/news_test.py: the held-out news file's one-character-a-line B/M/E/S tags read as gold records."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("news_test", ROOT / "benchmarks" / "news_test.py")
news_test = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(news_test)


def test_bmes_lines_become_sentences_with_character_spans():
    # CRLF line ends as in the wheel's file; a single-character name (S-), a name of three (B- M- E-), a B- that
    # never closes and an E- of another label (both dropped), a blank line between sentences
    text = "\r\n".join(["新 B-ORG", "华 M-ORG", "社 E-ORG", "电 O", "（ O", "李 B-PER", "鹏 E-PER", "） O", "",
                       "美 S-LOC", "中 B-LOC", "国 O", "日 B-LOC", "本 E-PER", ""])
    assert news_test.read_bmes(text) == [
        {"text": "新华社电（李鹏）", "entities": [[0, 3, "ORG"], [5, 7, "PER"]]},
        {"text": "美中国日本", "entities": [[0, 1, "LOC"]]},
    ]
