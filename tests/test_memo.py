"""The render stage's memos (scripts/pipeline/memo.py): a result kept by its arguments, saved between runs for one
fingerprint only; an unreadable or foreign file is a slower run, never a wrong result."""

from __future__ import annotations

import pickle

import pytest

from scripts.pipeline import memo


@pytest.fixture
def shout():
    """A memoized pure function of the test's own, the only memo saved while the test runs."""
    others = dict(memo.MEMOS)
    memo.MEMOS.clear()
    calls: list[str] = []

    @memo.memoized(key=lambda text: memo.text_digest(text))
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    shout.calls = calls
    yield shout
    memo.MEMOS.clear()
    memo.MEMOS.update(others)


def test_a_saved_memo_is_used_by_the_next_run_of_the_same_fingerprint(tmp_path, shout):
    path = tmp_path / "rendu.pickle"
    memo.start_run()
    assert shout("un texte") == "UN TEXTE"
    assert memo.changed()
    memo.save(path, "empreinte")
    shout.results.clear()
    memo.load(path, "empreinte")
    memo.start_run()
    assert shout("un texte") == "UN TEXTE" and shout.calls == ["un texte"]
    assert not memo.changed()


def test_only_what_a_run_used_is_saved_and_by_its_key(tmp_path, shout):
    path = tmp_path / "rendu.pickle"
    memo.start_run()
    shout("premier texte")
    memo.start_run()
    shout("second texte")
    memo.save(path, "empreinte")
    memos = pickle.loads(path.read_bytes())["memos"]
    assert list(memos) == list(memo.MEMOS)
    stored = memos[next(iter(memo.MEMOS))]
    assert stored == {memo.text_digest("second texte"): "SECOND TEXTE"}


@pytest.mark.parametrize("content", [b"pas un pickle", b"",
                                     pickle.dumps({"format": memo.FORMAT, "fingerprint": "autre", "memos": {}}),
                                     pickle.dumps(["une liste"])])
def test_an_unreadable_or_foreign_file_is_not_used(tmp_path, shout, content):
    path = tmp_path / "rendu.pickle"
    path.write_bytes(content)
    memo.load(path, "empreinte")
    assert shout.results == {}


def test_a_file_of_another_fingerprint_is_not_used(tmp_path, shout):
    """Its results may come from another version of the code: a wrong answer stored under the right arguments."""
    path = tmp_path / "rendu.pickle"
    shout.results[memo.text_digest("texte")] = "résultat d'une autre version"
    memo.start_run()
    shout("texte")
    memo.save(path, "ancienne")
    shout.results.clear()
    memo.load(path, "nouvelle")
    assert shout("texte") == "TEXTE"


def test_the_memos_of_the_process_only_are_never_saved(tmp_path):
    from scripts.pipeline.text import prose

    assert "scripts.pipeline.text.prose" not in memo.MEMOS
    memo.start_run()
    prose("Un texte *à garder* dans le processus seulement.")
    memo.save(tmp_path / "rendu.pickle", "empreinte")
    assert "scripts.pipeline.text.prose" not in pickle.loads((tmp_path / "rendu.pickle").read_bytes())["memos"]
