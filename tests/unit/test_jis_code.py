"""JIS X 0402 local-government codes: check digit, validation and error messages."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.jis_code import (
    InvalidJisCode,
    check_digit,
    is_valid_local_government_code,
    validate_local_government_code,
)

# All 26 public bodies of reference/akita_organizations.csv (the prefecture and 25 municipalities).
AKITA_CODES = [
    "050008",  # 秋田県
    "052019",  # 秋田市
    "052027",  # 能代市
    "052035",  # 横手市
    "052043",  # 大館市
    "052060",  # 男鹿市 (remainder 1 → check digit 0)
    "052078",  # 湯沢市
    "052094",  # 鹿角市
    "052108",  # 由利本荘市
    "052116",  # 潟上市
    "052124",  # 大仙市
    "052132",  # 北秋田市
    "052141",  # にかほ市 (remainder 0 → check digit 1)
    "052159",  # 仙北市
    "053031",  # 小坂町 (remainder 10 → check digit 1)
    "053279",  # 上小阿仁村
    "053465",  # 藤里町
    "053481",  # 三種町
    "053490",  # 八峰町
    "053619",  # 五城目町
    "053635",  # 八郎潟町
    "053660",  # 井川町
    "053686",  # 大潟村
    "054348",  # 美郷町
    "054631",  # 羽後町
    "054640",  # 東成瀬村
]

prefectures = st.integers(min_value=1, max_value=47).map(lambda p: f"{p:02d}")
bodies = st.integers(min_value=0, max_value=999).map(lambda b: f"{b:03d}")


def test_reference_list_has_26_distinct_codes() -> None:
    assert len(set(AKITA_CODES)) == 26


@pytest.mark.parametrize("code", AKITA_CODES)
def test_every_akita_code_validates(code: str) -> None:
    validate_local_government_code(code)
    assert is_valid_local_government_code(code)
    assert check_digit(code[:5]) == code[5]


@pytest.mark.parametrize(
    ("first5", "expected"),
    [
        ("05000", "8"),  # s = 25, r = 3 → 8
        ("05201", "9"),  # r = 2 → 9
        ("05214", "1"),  # r = 0 → 11 → last digit 1
        ("05206", "0"),  # r = 1 → 10 → last digit 0
        ("05303", "1"),  # r = 10 → 1
    ],
)
def test_check_digit_edge_remainders(first5: str, expected: str) -> None:
    assert check_digit(first5) == expected


def test_check_digit_of_well_known_codes_outside_akita() -> None:
    # 札幌市 011002, 千代田区 131016, 大阪市 271004, 那覇市 472018.
    for code in ("011002", "131016", "271004", "472018"):
        assert check_digit(code[:5]) == code[5], code


@pytest.mark.parametrize("bad", ["0520", "052019", "05a01", "", "０５２０１"])
def test_check_digit_rejects_malformed_prefix(bad: str) -> None:
    with pytest.raises(InvalidJisCode):
        check_digit(bad)


def test_wrong_check_digit_message_is_bilingual_and_names_expected_digit() -> None:
    with pytest.raises(InvalidJisCode) as info:
        validate_local_government_code("052018")
    message = str(info.value)
    assert "団体コードのチェックディジットが不正です (期待値 9)" in message
    assert "wrong check digit in local government code (expected 9)" in message
    assert info.value.ja in message and info.value.en in message


def test_invalid_jis_code_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate_local_government_code("052018")


@pytest.mark.parametrize(
    ("code", "ja", "en"),
    [
        ("52019", "6桁のところ5桁", "must have 6 digits, got 5"),
        ("0520190", "6桁のところ7桁", "must have 6 digits, got 7"),
        ("", "半角数字以外", "only ASCII digits"),
        ("05201x", "半角数字以外", "only ASCII digits"),
        ("０５２０１９", "半角数字以外", "only ASCII digits"),
        (" 052019", "半角数字以外", "only ASCII digits"),
        ("-52019", "半角数字以外", "only ASCII digits"),
        ("000000", "都道府県番号が不正", "prefecture number"),
        ("480000", "都道府県番号が不正", "prefecture number"),
    ],
)
def test_malformed_codes_say_why(code: str, ja: str, en: str) -> None:
    with pytest.raises(InvalidJisCode) as info:
        validate_local_government_code(code)
    assert ja in info.value.ja
    assert en in info.value.en
    assert not is_valid_local_government_code(code)


def test_five_digit_code_hints_at_lost_leading_zero() -> None:
    with pytest.raises(InvalidJisCode) as info:
        validate_local_government_code("50008")
    assert "先頭の0" in info.value.ja
    assert "leading zero" in info.value.en


@given(prefectures, bodies)
def test_check_digit_completes_any_prefix_into_a_valid_code(pref: str, body: str) -> None:
    first5 = pref + body
    digit = check_digit(first5)
    assert len(digit) == 1 and digit.isdigit()
    validate_local_government_code(first5 + digit)
    assert is_valid_local_government_code(first5 + digit)


@given(prefectures, bodies, st.integers(min_value=0, max_value=9))
def test_any_other_last_digit_fails(pref: str, body: str, last: int) -> None:
    first5 = pref + body
    code = first5 + str(last)
    if str(last) == check_digit(first5):
        assert is_valid_local_government_code(code)
    else:
        assert not is_valid_local_government_code(code)
        with pytest.raises(InvalidJisCode, match="チェックディジット"):
            validate_local_government_code(code)


@given(prefectures, bodies, st.integers(min_value=0, max_value=4), st.integers(1, 9))
def test_single_digit_change_in_prefix_is_caught_or_maps_to_same_remainder_class(
    pref: str, body: str, position: int, delta: int
) -> None:
    # A weight of 2–6 is coprime with 11, so changing one digit always changes the remainder;
    # the last-digit rule maps remainders 0 and 10 both to 1, the only way a typo slips through.
    first5 = pref + body
    changed = list(first5)
    changed[position] = str((int(changed[position]) + delta) % 10)
    changed5 = "".join(changed)
    weights = (6, 5, 4, 3, 2)
    r1 = sum(w * int(c) for w, c in zip(weights, first5, strict=True)) % 11
    r2 = sum(w * int(c) for w, c in zip(weights, changed5, strict=True)) % 11
    assert r1 != r2
    same_digit = check_digit(first5) == check_digit(changed5)
    assert same_digit == ({r1, r2} == {0, 10})
