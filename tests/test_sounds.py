"""The characters typed alike and the traditional characters, which the search reads a mistyped or
traditional query by (plansite/site/sounds.py, plansite/site/traditional.py)."""

from plansite.site import sounds, traditional


def test_the_written_table_is_pypinyins_reading_of_the_common_characters():
    """`python -m plansite.site.sounds` rewrites it when pypinyin's version changes."""
    assert sounds.TABLE.read_text(encoding="utf-8") == sounds.written_table()


def test_the_syllables_kept_are_those_typing_a_character_of_the_plan():
    found = sounds.syllables_of(["电梯", "以旧换新"])
    assert set(found) == {"dian", "ti", "yi", "jiu", "huan", "xin"}
    assert "点" in found["dian"] and "心" in found["xin"]
    assert sounds.syllables_of(["abc"]) == {}


def test_the_traditional_table_is_openccs():
    """`python -m plansite.site.traditional` rewrites it when OpenCC's version changes."""
    assert traditional.TABLE.read_text(encoding="utf-8") == traditional.written_table()


def test_a_traditional_character_is_read_as_the_simplified_one_the_plan_writes():
    found = traditional.simplified_of(["电梯补贴", "乾坤"])
    assert found["電"] == "电" and found["補"] == "补" and found["貼"] == "贴"
    # A character the plan writes itself is never read as another.
    assert "乾" not in found
    assert traditional.simplified_of(["abc"]) == {}
