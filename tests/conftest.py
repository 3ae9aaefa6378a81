"""Shared fixtures: paths of the test inputs, the shipped pipeline (loaded once), the shared training data."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_NER = ROOT.parent / "shared" / "data" / "ner"


@pytest.fixture(scope="session")
def nlp():
    from kg.recognise import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
