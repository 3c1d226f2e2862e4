"""Chinese numerals for measure and chapter labels, from the plan's 53 to a national plan's thousands."""

import pytest

from plansite.data.numerals import from_int, to_int


@pytest.mark.parametrize(
    "number,numeral",
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (53, "五十三"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1050, "一千零五十"),
        (1235, "一千二百三十五"),
    ],
)
def test_numerals_read_as_the_plans_write_them(number, numeral):
    assert from_int(number) == numeral and to_int(numeral) == number


def test_every_number_a_plan_can_hold_reads_back():
    assert all(to_int(from_int(n)) == n for n in range(1, 10000))
    with pytest.raises(ValueError):
        from_int(10000)
