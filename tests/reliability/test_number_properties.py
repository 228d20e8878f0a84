"""Property-based tests (hypothesis) for the number and money parsers (helpers.extract.numbers).

Round trip: a value printed in any Korean style the documents use (thousands separators, △ negatives,
full-width digits, %, 만/억/조 compounds, units glued to the figure, money units) parses back to the same
value. Robustness: the parsers return a value or None on arbitrary text, they never raise.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.extract.numbers import (
    MONEY_UNITS,
    find_numbers,
    is_missing,
    money_factor,
    normalise_text,
    parse_money,
    parse_number,
    percent,
    to_krw,
)

# Per test, not a global profile: other suites keep their own settings. No deadline on a shared machine.
lean = settings(max_examples=150, deadline=None)

FULL_WIDTH = str.maketrans("0123456789,.%", "０１２３４５６７８９，．％")
COUNT_UNITS = ["건", "명", "개소", "회", "가구", "개", "시간", "일"]

ints = st.integers(min_value=0, max_value=10**13)
# Decimals with 1–2 places, as the documents print rates and 억원 amounts (70.8억원, 68.55%).
decimals = st.builds(lambda n, p: Decimal(n).scaleb(-p), st.integers(0, 10**9), st.sampled_from([1, 2]))


def grouped(value: Decimal | int) -> str:
    """``1234567.5`` → ``"1,234,567.5"``: thousands separators as the tables print them."""
    value = Decimal(value)
    places = max(0, -value.as_tuple().exponent)
    return f"{value:,.{places}f}"


def expected(value: Decimal | int, factor: int = 1, negative: bool = False) -> float:
    """The value the parser must return: computed in Decimal, converted to float once (no binary noise)."""
    v = Decimal(value) * factor
    return float(-v if negative else v)


@st.composite
def styled(draw, number):
    """A printed form of ``number``: plain or grouped, optionally △/▲/− negative, optionally full-width."""
    value = draw(number)
    text = grouped(value) if draw(st.booleans()) or "." in str(value) else str(value)
    if "," not in text and "." not in text and draw(st.booleans()):
        text = grouped(value)
    negative = draw(st.booleans())
    if negative:
        text = draw(st.sampled_from(["△", "▲", "−", "-", "△ "])) + text
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return value, negative, text


@lean
@given(styled(st.one_of(ints, decimals)))
@example((Decimal("1234"), True, "△1,234"))  # triangle = minus (budget decreases)
@example((Decimal("123"), False, "１２３"))  # full-width digits
def test_plain_numbers_round_trip(case):
    value, negative, text = case
    n = parse_number(text)
    assert n is not None, text
    assert n.value == expected(value, negative=negative) and n.unit == "" and n.negative == negative


@lean
@given(styled(decimals), st.sampled_from(["%", "％", " %"]))
@example((Decimal("68.5"), False, "68.5"), "%")
def test_percent_round_trip(case, sign):
    value, negative, text = case
    n = parse_number(text + sign)
    assert n is not None and n.is_percent and n.value == expected(value, negative=negative)
    assert percent(text + sign) == expected(value, negative=negative)
    # the "count(rate%)" cell form: 851(100%) → the rate
    assert percent(f"851({text}{sign})") == expected(value, negative=negative)


@lean
@given(styled(ints), st.sampled_from(COUNT_UNITS))
@example((15000, False, "15,000"), "건")
def test_count_with_glued_unit_round_trip(case, unit):
    value, negative, text = case
    n = parse_number(text + unit)
    assert n is not None and n.unit == unit and n.value == expected(value, negative=negative)


@lean
@given(st.integers(1, 9999), st.sampled_from(["만", "억"]), st.sampled_from(COUNT_UNITS))
@example(3, "만", "명")  # 3만명 = 30,000명
def test_magnitude_word_multiplies_counts(n, word, unit):
    factor = {"만": 10**4, "억": 10**8}[word]
    parsed = parse_number(f"{grouped(n)}{word}{unit}")
    assert parsed is not None and parsed.unit == unit and parsed.value == n * factor


@lean
@given(styled(st.one_of(ints, decimals)), st.sampled_from(sorted(MONEY_UNITS)), st.booleans())
@example((Decimal("70.8"), False, "70.8"), "억원", False)
@example((Decimal("28800"), False, "28,800"), "백만원", True)  # "28,800백만 원": space inside the unit
def test_money_with_inline_unit_round_trip(case, unit, spaced):
    value, negative, text = case
    printed = text + (unit[:-1] + " 원" if spaced else unit)
    assert parse_money(printed) == expected(value, MONEY_UNITS[unit], negative)
    n = parse_number(printed)  # the number keeps its money unit; to_krw converts
    assert n is not None and n.unit == unit
    assert to_krw(n.value, n.unit) == expected(value, MONEY_UNITS[unit], negative)


@lean
@given(styled(st.one_of(ints, decimals)), st.sampled_from(sorted(MONEY_UNITS)))
def test_bare_money_takes_the_unit_in_force(case, unit):
    value, negative, text = case
    assert parse_money(text, unit) == expected(value, MONEY_UNITS[unit], negative)
    assert parse_money(text) is None  # no unit anywhere: unknown scale, never guessed


@st.composite
def compound(draw):
    """A 조/억/만 compound as printed in budget prose: ``3조 2,867억원``, ``1억 5천만원``, ``2억 3,400만 500원``."""
    jo, eok = draw(st.integers(0, 99)), draw(st.integers(0, 9999))
    man_word = draw(st.sampled_from(["만", "천만", "백만", "천"]))
    man_max = {"만": 9999, "천만": 9, "백만": 99, "천": 9}[man_word]
    man, won = draw(st.integers(0, man_max)), draw(st.integers(0, 9999))
    if man_word != "만":
        won = 0  # "5천만 300원" is not a form the documents use; keep to the printed ones
    parts, total = [], 0
    if jo:
        parts.append(f"{jo}조")
        total += jo * 10**12
    if eok:
        parts.append(f"{eok:,}억")
        total += eok * 10**8
    if man:
        parts.append(f"{man:,}{man_word}")
        total += man * MONEY_UNITS[man_word + "원"]
    if not parts:  # a bare number is not a compound
        parts.append("1억")
        total += 10**8
    if won:
        parts.append(f"{won:,}")
        total += won
    sep = draw(st.sampled_from(["", " "]))
    negative = draw(st.booleans())
    return ("△" if negative else "") + sep.join(parts) + "원", (-total if negative else total)


@lean
@given(compound())
@example(("3조 2,867억원", 3_286_700_000_000))
@example(("1억 5천만원", 150_000_000))
def test_compound_money_round_trip(case):
    text, won = case
    assert parse_money(text) == float(won)
    n = parse_number(text)  # "1억원" keeps its unit, "3조 2,867억원" is folded to 원: both convert alike
    assert n is not None and to_krw(n.value, n.unit) == float(won)


# --- robustness: arbitrary text never raises --------------------------------------------------------

NUMBERISH = st.text(alphabet="0123456789０１２３４５６７８９,.，．%％△▲−- 만억조천백원명건()/비예산百万", max_size=30)


@lean
@given(st.one_of(st.text(max_size=200), NUMBERISH))
@example("1,2,3")  # a list, not a number
@example("12..5")
@example("％")
@example("百万")
@example("5百万원")
@example("1,234,")
@example("△")
@example("1e10")
@example("٣٤٥")  # Arabic-Indic digits: isdigit() but not a Korean report figure
@example("²³")  # superscripts: NFKC turns them into digits
def test_parsers_never_raise(text):
    n = parse_number(text)
    assert n is None or isinstance(n.value, float)
    m = parse_money(text)
    assert m is None or isinstance(m, float)
    assert parse_money(text, "천원") is None or isinstance(parse_money(text, "천원"), float)
    p = percent(text)
    assert p is None or isinstance(p, float)
    for start, end, value in find_numbers(text):
        assert 0 <= start < end and isinstance(value, float)
    assert isinstance(is_missing(text), bool)
    assert isinstance(normalise_text(text), str)
    assert money_factor(text) is None or money_factor(text) in MONEY_UNITS.values()


@lean
@given(st.sampled_from(["1,2,3", "12..5", "％", "百万", "인증", "사업추진 방식 검토", "1.2.3", ",123", "1,23"]),
       st.sampled_from(["", "건", "%", "천원"]))
def test_malformed_figures_are_not_numbers(text, suffix):
    """Malformed figures give None (the table extractor then flags the row), never a wrong number."""
    assert parse_number(text + suffix) is None
    assert parse_money(text + suffix, "천원") is None


@lean
@given(st.lists(styled(ints), min_size=1, max_size=6), st.sampled_from(["\t", " ", " | ", "  "]))
def test_find_numbers_recovers_every_cell_of_a_row(cells, sep):
    """A flattened table row (label + numbers, any separator) gives back its numbers in order."""
    row = "총 계" + sep + sep.join(text for _, _, text in cells)
    # "-" after a separator is a sign; "−"/"-" glued to a label is not used by the documents
    got = [v for _, _, v in find_numbers(row)]
    assert got == [expected(v, negative=neg) for v, neg, _ in cells], row
