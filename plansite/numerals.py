"""Chinese numerals as the plan writes them: 一 … 九十九."""

DIGITS = "一二三四五六七八九"


def to_int(numeral: str) -> int:
    """一 → 1, 十二 → 12, 五十三 → 53."""
    if "十" not in numeral:
        return DIGITS.index(numeral) + 1
    tens, _, units = numeral.partition("十")
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(units) + 1 if units else 0)


def from_int(number: int) -> str:
    """1 → 一, 12 → 十二, 53 → 五十三."""
    if not 1 <= number <= 99:
        raise ValueError(f"{number} has no numeral in the plan's range 1–99")
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return head + (DIGITS[units - 1] if units else "")
