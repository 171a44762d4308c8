"""Generated files are rewritten only when their content changes, and stale ones are removed."""

from __future__ import annotations

import os

from scripts.pipeline.write import write_tree


def test_only_changed_files_are_written_and_stale_ones_removed(tmp_path):
    first = write_tree(tmp_path, {"pratiques/a.md": "A", "pratiques/b.md": "B"}, ("pratiques",))
    assert first.written == ("pratiques/a.md", "pratiques/b.md")
    stamp = (tmp_path / "pratiques/a.md").stat().st_mtime_ns
    os.utime(tmp_path / "pratiques/a.md", ns=(stamp - 10**9, stamp - 10**9))
    second = write_tree(tmp_path, {"pratiques/a.md": "A", "pratiques/c.md": "C"}, ("pratiques",))
    assert second.written == ("pratiques/c.md",)
    assert second.removed == ("pratiques/b.md",)
    assert second.unchanged == 1
    assert (tmp_path / "pratiques/a.md").stat().st_mtime_ns == stamp - 10**9
    assert sorted(path.name for path in (tmp_path / "pratiques").iterdir()) == ["a.md", "c.md"]


def test_folders_not_owned_are_left_alone(tmp_path):
    (tmp_path / "contribuer").mkdir()
    (tmp_path / "contribuer/index.md").write_text("écrit à la main")
    write_tree(tmp_path, {"pratiques/a.md": "A"}, ("pratiques",))
    assert (tmp_path / "contribuer/index.md").read_text() == "écrit à la main"


def test_new_files_get_the_usual_mode_and_rewritten_ones_keep_theirs(tmp_path):
    # mkstemp makes files private (0600): a scaffolded card must be readable by others, as any new file is.
    mask = os.umask(0o022)
    try:
        write_tree(tmp_path, {"pratiques/a.md": "A", "pratiques/b.md": "B"}, ("pratiques",))
        assert (tmp_path / "pratiques/a.md").stat().st_mode & 0o777 == 0o644
        (tmp_path / "pratiques/b.md").chmod(0o664)
        write_tree(tmp_path, {"pratiques/a.md": "A", "pratiques/b.md": "B modifié"}, ("pratiques",))
        assert (tmp_path / "pratiques/b.md").stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(mask)
