"""The render stage's memos (scripts/pipeline/memo.py): a result kept by its arguments, saved between runs for one
fingerprint only, in shards (scripts/pipeline/shards.py); an unreadable or foreign shard is a slower run, never a wrong
result."""

from __future__ import annotations

import pickle

import pytest

from scripts.pipeline import memo, shards


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
    path = tmp_path / "rendu"
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
    path = tmp_path / "rendu"
    memo.start_run()
    shout("premier texte")
    memo.start_run()
    shout("second texte")
    memo.save(path, "empreinte")
    [name] = memo.MEMOS
    assert [folder.name for folder in path.iterdir()] == [name]
    assert shards.read(path / name, "empreinte").entries() == {memo.text_digest("second texte"): "SECOND TEXTE"}


@pytest.mark.parametrize("content", [b"pas un pickle", b"",
                                     pickle.dumps({"format": shards.FORMAT, "fingerprint": "autre",
                                                   "entries": {memo.text_digest("texte"): "FAUX"}}),
                                     pickle.dumps(["une liste"])])
def test_an_unreadable_or_foreign_shard_is_not_used(tmp_path, shout, content):
    path = tmp_path / "rendu"
    memo.start_run()
    shout("texte")
    memo.save(path, "empreinte")
    [name] = memo.MEMOS
    [written] = (path / name).iterdir()
    written.write_bytes(content)
    shout.results.clear()
    memo.load(path, "empreinte")
    assert shout.results == {}
    assert shout("texte") == "TEXTE"


def test_a_file_of_another_fingerprint_is_not_used(tmp_path, shout):
    """Its results may come from another version of the code: a wrong answer stored under the right arguments."""
    path = tmp_path / "rendu"
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
    memo.save(tmp_path / "rendu", "empreinte")
    assert not (tmp_path / "rendu" / "scripts.pipeline.text.prose").exists()


def test_a_save_rewrites_only_the_shards_whose_keys_changed(tmp_path, shout):
    """At 10,000 cards the memos weigh about 60 MB: one card edited must not rewrite them all."""
    path = tmp_path / "rendu"
    texts = [f"texte {number}" for number in range(400)]
    memo.start_run()
    for text in texts:
        shout(text)
    memo.save(path, "empreinte")
    [name] = memo.MEMOS
    before = {file.name: file.stat().st_ino for file in (path / name).iterdir()}
    assert len(before) > 20
    shout.results.clear()
    memo.load(path, "empreinte")
    memo.start_run()
    for text in ["texte modifié", *texts[1:]]:
        shout(text)
    memo.save(path, "empreinte")
    after = {file.name: file.stat().st_ino for file in (path / name).iterdir()}
    rewritten = {file for file in after if before.get(file) != after[file]}
    touched = {f"{shards.shard_of(memo.text_digest(text)):02d}.pickle" for text in (texts[0], "texte modifié")}
    assert rewritten == touched
    assert shards.read(path / name, "empreinte").entries() == {memo.text_digest(text): text.upper()
                                                               for text in ["texte modifié", *texts[1:]]}


def test_a_shard_left_empty_is_removed(tmp_path):
    folder = tmp_path / "cache"
    stored = shards.write(folder, "empreinte", {"a.yml": 1, "b.yml": 2}, None)
    assert len(list(folder.iterdir())) == len({shards.shard_of("a.yml"), shards.shard_of("b.yml")})
    shards.write(folder, "empreinte", {"a.yml": 1}, stored)
    assert [file.name for file in folder.iterdir()] == [f"{shards.shard_of('a.yml'):02d}.pickle"]
    assert shards.read(folder, "empreinte").entries() == {"a.yml": 1}
    # Written for another fingerprint: every shard again, none of the old ones left behind.
    shards.write(folder, "autre", {"b.yml": 2}, None)
    assert shards.read(folder, "autre").entries() == {"b.yml": 2}
    assert shards.read(folder, "empreinte").entries() == {}
