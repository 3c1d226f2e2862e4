"""The characters typed alike, which the search reads a mistyped piece by (plansite/site/sounds.py)."""

from plansite.site import sounds


def test_the_written_table_is_pypinyins_reading_of_the_common_characters():
    """`python -m plansite.site.sounds` rewrites it when pypinyin's version changes."""
    assert sounds.TABLE.read_text(encoding="utf-8") == sounds.written_table()


def test_the_groups_kept_are_those_holding_a_character_of_the_plan():
    groups = sounds.homophone_groups(["电梯", "以旧换新"])
    assert [g for g in groups if "电" in g] == [g for g in groups if "点" in g]
    assert any("心" in g and "新" in g for g in groups)
    assert all(not {"电", "梯", "以", "旧", "换", "新"}.isdisjoint(g) for g in groups)
    assert len(groups) == 6
    assert sounds.homophone_groups(["abc"]) == []
