"""JIS X 0402 local-government codes (全国地方公共団体コード).

A code has six ASCII digits: a two-digit prefecture number (01–47), a three-digit body number
(000 for the prefecture itself) and one check digit (検査数字). The check digit rule:

    s = 6*d1 + 5*d2 + 4*d3 + 3*d4 + 2*d5
    check = (11 - s % 11) % 10

i.e. the last digit of 11 minus the remainder, so a remainder of 0 gives 1 (11 → 1) and a
remainder of 1 gives 0 (10 → 0). Both cases occur in Akita: 052141 Nikaho (remainder 0) and
052060 Oga (remainder 1).
"""

__all__ = [
    "InvalidJisCode",
    "check_digit",
    "is_valid_local_government_code",
    "validate_local_government_code",
]

_WEIGHTS = (6, 5, 4, 3, 2)
_ASCII_DIGITS = frozenset("0123456789")
_FIRST_PREFECTURE, _LAST_PREFECTURE = 1, 47


class InvalidJisCode(ValueError):
    """A code that breaks the JIS X 0402 rules; ``ja`` and ``en`` say why."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja = ja
        self.en = en


def _require_ascii_digits(text: str, what_ja: str, what_en: str) -> None:
    # str.isdigit() would accept full-width and other scripts' digits, which are not valid codes.
    if not text or not set(text) <= _ASCII_DIGITS:
        raise InvalidJisCode(
            f"{what_ja}に半角数字以外の文字が含まれています: {text!r}",
            f"{what_en} must contain only ASCII digits: {text!r}",
        )


def check_digit(first5: str) -> str:
    """The check digit for the first five digits of a code: "05201" → "9"."""
    _require_ascii_digits(first5, "団体コード(上5桁)", "local government code prefix")
    if len(first5) != 5:
        raise InvalidJisCode(
            f"団体コードの上5桁が不正です ({len(first5)}桁です): {first5!r}",
            f"local government code prefix must have 5 digits (got {len(first5)}): {first5!r}",
        )
    s = sum(weight * int(digit) for weight, digit in zip(_WEIGHTS, first5, strict=True))
    return str((11 - s % 11) % 10)


def validate_local_government_code(code: str) -> None:
    """Raise :class:`InvalidJisCode` unless ``code`` is six ASCII digits, the prefecture number
    is 01–47 and the last digit is the check digit of the first five."""
    _require_ascii_digits(code, "団体コード", "local government code")
    if len(code) != 6:
        # Five digits usually means a spreadsheet dropped the leading zero (050008 → 50008)
        # or the code was written without its check digit.
        hint_ja = " (先頭の0の欠落か、検査数字の欠落)" if len(code) == 5 else ""
        hint_en = " (leading zero lost, or check digit missing)" if len(code) == 5 else ""
        raise InvalidJisCode(
            f"団体コードの桁数が不正です: 6桁のところ{len(code)}桁です{hint_ja}: {code!r}",
            f"local government code must have 6 digits, got {len(code)}{hint_en}: {code!r}",
        )
    prefecture = int(code[:2])
    if not _FIRST_PREFECTURE <= prefecture <= _LAST_PREFECTURE:
        raise InvalidJisCode(
            f"団体コードの都道府県番号が不正です (01〜47): {code!r}",
            f"prefecture number of local government code must be 01 to 47: {code!r}",
        )
    expected = check_digit(code[:5])
    if code[5] != expected:
        raise InvalidJisCode(
            f"団体コードのチェックディジットが不正です (期待値 {expected}): {code!r}",
            f"wrong check digit in local government code (expected {expected}): {code!r}",
        )


def is_valid_local_government_code(code: str) -> bool:
    """True when :func:`validate_local_government_code` accepts ``code``."""
    try:
        validate_local_government_code(code)
    except InvalidJisCode:
        return False
    return True
