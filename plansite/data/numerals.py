"""Chinese numerals as plans write them (一 … 九十九, and on to 九千九百九十九 for large plans), and dates."""

import datetime
from decimal import Decimal

DIGITS = "一二三四五六七八九"
# Place words from the largest down; 十 alone leads 10–19 (十二, not 一十二).
_PLACES = ((1000, "千"), (100, "百"), (10, "十"))


def to_int(numeral: str) -> int:
    """一 → 1, 十二 → 12, 五十三 → 53, 一百零五 → 105."""
    total, digit = 0, None
    for char in numeral:
        if char == "零":
            continue
        if char in DIGITS:
            digit = DIGITS.index(char) + 1
            continue
        value = dict((word, place) for place, word in _PLACES)[char]
        total += (digit if digit is not None else 1) * value
        digit = None
    return total + (digit or 0)


def from_int(number: int) -> str:
    """1 → 一, 12 → 十二, 53 → 五十三, 105 → 一百零五, 1235 → 一千二百三十五."""
    if not 1 <= number <= 9999:
        raise ValueError(f"{number} has no numeral in the range 1–9999")
    if number < 20:
        return ("十" if number >= 10 else "") + (DIGITS[number % 10 - 1] if number % 10 else "")
    words, rest, gap = "", number, False
    for place, word in _PLACES:
        digit, rest = divmod(rest, place)
        if digit:
            words += ("零" if gap and words else "") + DIGITS[digit - 1] + word
            gap = False
        elif words:
            gap = True
    if rest:
        words += ("零" if gap else "") + DIGITS[rest - 1]
    return words


# A year written digit by digit in Chinese numerals: 二〇二四 (〇, or the ○ many texts type for it).
_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, **{digit: DIGITS.index(digit) + 1 for digit in DIGITS}}


def date_in_numerals(text: str) -> datetime.date | None:
    """二〇二四年六月二十一日 (or 二○二四年…) → 2024-06-21; None if ``text`` is not such a date."""
    year, _, rest = text.partition("年")
    month, _, day = rest.partition("月")
    if len(year) != 4 or any(c not in _YEAR_DIGITS for c in year) or not day.endswith("日"):
        return None
    day = day.removesuffix("日")
    if not month or not day or any(c not in DIGITS + "十" for c in month + day):
        return None
    try:
        return datetime.date(int("".join(str(_YEAR_DIGITS[c]) for c in year)), to_int(month), to_int(day))
    except ValueError:
        return None


def zh_date(date: datetime.date) -> str:
    """2024-06-21 → 2024年6月21日."""
    return f"{date.year}年{date.month}月{date.day}日"


def figure(value: float) -> str:
    """A target's figure as the plan writes it, never in exponent form: 40.0 → 40, 0.5 → 0.5,
    12000000.0 → 12000000 (the shortest decimal that reads back as the same number)."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
