"""The render stage's memos (scripts/pipeline/memo.py): a result kept by its arguments, saved between runs for one
fingerprint only; an unreadable or foreign file is a slower run, never a wrong result."""

from __future__ import annotations

import pickle

import pytest

from scripts.pipeline import memo
from scripts.pipeline.text import inline, prose


@pytest.fixture
def emptied():
    """Every memo empty before and after the test (others in this process filled them)."""
    saved = {name: dict(found.results) for name, found in memo.MEMOS.items()}
    for found in memo.MEMOS.values():
        found.results.clear()
    yield
    for name, found in memo.MEMOS.items():
        found.results.clear()
        found.results.update(saved[name])


def test_a_saved_memo_is_used_by_the_next_run_of_the_same_fingerprint(tmp_path, emptied):
    path = tmp_path / "rendu.pickle"
    memo.start_run()
    expected = prose("Un texte *en italique* avec { une accolade }.")
    assert memo.changed()
    memo.save(path, "empreinte")
    for found in memo.MEMOS.values():
        found.results.clear()
    memo.load(path, "empreinte")
    memo.start_run()
    assert prose("Un texte *en italique* avec { une accolade }.") == expected
    assert memo.MEMOS["scripts.pipeline.text.prose"].computed == 0


def test_only_what_a_run_used_is_saved(tmp_path, emptied):
    path = tmp_path / "rendu.pickle"
    memo.start_run()
    inline("premier texte")
    memo.start_run()
    inline("second texte")
    memo.save(path, "empreinte")
    stored = pickle.loads(path.read_bytes())["memos"]["scripts.pipeline.text.inline"]
    assert list(stored) == [("second texte",)]


@pytest.mark.parametrize("content", [b"pas un pickle", b"",
                                     pickle.dumps({"format": memo.FORMAT, "fingerprint": "autre", "memos": {}}),
                                     pickle.dumps(["une liste"])])
def test_an_unreadable_or_foreign_file_is_not_used(tmp_path, emptied, content):
    path = tmp_path / "rendu.pickle"
    path.write_bytes(content)
    memo.load(path, "empreinte")
    assert all(not found.results for found in memo.MEMOS.values())


def test_a_file_of_another_fingerprint_is_not_used(tmp_path, emptied):
    """Its results may come from another version of the code: a wrong answer stored under the right arguments."""
    path = tmp_path / "rendu.pickle"
    memo.save(path, "ancienne")
    memo.MEMOS["scripts.pipeline.text.inline"].results[("texte",)] = "résultat d'une autre version"
    memo.start_run()
    inline("texte")
    memo.save(path, "ancienne")
    for found in memo.MEMOS.values():
        found.results.clear()
    memo.load(path, "nouvelle")
    assert inline("texte") == "texte"
