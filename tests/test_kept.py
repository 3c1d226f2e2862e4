"""What a run keeps for the next (plansite/kept.py): taken back only for the same key and code,
the folder kept within its limit, and a project that cannot be written to still served."""

import os

from plansite import kept


def test_a_kept_file_is_taken_for_the_same_key_and_code_only_and_the_folder_stays_within_its_limit(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(kept.repository, "CACHE", tmp_path)
    monkeypatch.setattr(kept, "LIMIT", 4)
    made = []

    def making(content):
        return lambda: made.append(content) or content

    assert kept.kept("things", b"code", ("a",), making(b"1")) == b"1"
    assert kept.kept("things", b"code", ("a",), making(b"2")) == b"1"
    assert kept.kept("things", b"other code", ("a",), making(b"3")) == b"3"
    assert kept.kept("things", b"code", ("b",), making(b"4")) == b"4"
    assert made == [b"1", b"3", b"4"]
    for n in range(5, 9):
        kept.kept("things", b"code", (n,), making(b"n"))
    assert 0 < len(list((tmp_path / "things").iterdir())) <= 4


def test_a_folder_that_cannot_be_written_to_makes_every_time(tmp_path, monkeypatch):
    monkeypatch.setattr(kept.repository, "CACHE", tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    os.chmod(tmp_path / "cache", 0o500)
    try:
        made = []
        for _ in range(2):
            assert kept.kept("things", b"code", ("a",), lambda: made.append(1) or b"x") == b"x"
        # As root the folder is written all the same; as anyone else, nothing is kept.
        assert len(made) == (1 if os.access(tmp_path / "cache", os.W_OK) else 2)
    finally:
        os.chmod(tmp_path / "cache", 0o700)
