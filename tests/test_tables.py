"""Results tables in press releases: row labels, column periods, change columns, header units."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_figures
from extract.tables import table_cells

RELEASE = """Veldhoven Systems N.V. - Half-year report 2024

Key figures (€ million, unless stated otherwise)

                      H1 2024    H1 2023    Change
Revenue                 1,291      1,231      4.9%
Adjusted EBITA            191        192     -0.5%
EPS (€)                  1.42       1.58    -10.1%
Employees (FTE)         9,840      9,312      5.7%

"Demand recovered through the second quarter," said the chief executive.
"""

US_RELEASE = """Harborline Stores reported results for the third quarter of 2023.

(in millions, except per share data)      Q3 2023      Q3 2022
Net sales                                  $4,870       $5,012
Gross margin rate                           31.8%        30.2%
Diluted EPS                                 $1.23        $1.09
"""


def rows(text: str, published: str) -> dict[str, dict]:
    frame = extract_figures(text, published=published)
    return {f"{r['measure']}|{r['surface']}": r for r in frame.to_dict("records")}


def test_cells_know_their_row_and_column() -> None:
    cells = table_cells(RELEASE)
    revenue = RELEASE.index("1,291")
    assert cells[revenue].label == "Revenue"
    assert cells[revenue].header == "H1 2024"
    change = RELEASE.index("-0.5%")
    assert (cells[change].label, cells[change].header, cells[change].change) == (
        "Adjusted EBITA",
        "Change",
        True,
    )
    assert cells[RELEASE.index("1.42")].label == "EPS"


PIPES = """Key figures (CHF millions) | H1 2025 | H1 2024 | % change CER
Group sales | 8,420 | 8,175 | +7
Net income | 2,214 | 2,390 | -7
"""


def test_a_pipe_table_with_a_change_column() -> None:
    got = rows(PIPES, "2025-07-24")
    sales = got["Group sales|8,420"]
    assert (sales["value"], sales["unit"], sales["period_end"]) == (
        8.42e9,
        "CHF",
        dt.date(2025, 6, 30),
    )
    change = got["Net income|-7"]
    assert (change["value"], change["unit"], change["kind"]) == (-7, "%", "change")


def test_prose_is_no_table() -> None:
    assert table_cells("Revenue rose 4.9% to EUR 1,291 million in the first half.") == {}


def test_a_table_scales_and_dates_its_figures() -> None:
    got = rows(RELEASE, "2024-07-25")
    revenue = got["Revenue|1,291"]
    assert (revenue["value"], revenue["unit"], revenue["kind"]) == (1.291e9, "EUR", "level")
    assert (revenue["period_start"], revenue["period_end"]) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
    )
    before = got["Revenue|1,231"]
    assert (before["period_start"], before["period_end"]) == (
        dt.date(2023, 1, 1),
        dt.date(2023, 6, 30),
    )
    change = got["Adjusted EBITA|-0.5%"]
    assert (change["value"], change["kind"], change["period_end"]) == (
        -0.5,
        "change",
        dt.date(2024, 6, 30),
    )
    eps = got["EPS|1.42"]
    assert (eps["value"], eps["unit"]) == (1.42, "EUR")  # per share: not in millions
    staff = got["Employees|9,840"]
    assert (staff["value"], staff["unit"]) == (9840, "employee")


def test_a_dollar_table_in_millions() -> None:
    got = rows(US_RELEASE, "2023-11-21")
    assert got["Net sales|$4,870"]["value"] == 4.87e9
    assert got["Net sales|$5,012"]["period_end"] == dt.date(2022, 9, 30)
    assert got["Gross margin rate|31.8%"]["value"] == 31.8
    assert got["Diluted EPS|$1.23"]["value"] == 1.23


WORDED_RELEASE = """Nordhavn Retail A/S - Annual results 2023

Key figures (in millions of euros)

                      2023       2022
Net sales              812        774
Stores                 143        131
Customers (millions)   4.1        3.8

"We opened twelve stores," said the chief executive.
"""


def test_a_header_currency_in_words_and_counted_rows() -> None:
    got = rows(WORDED_RELEASE, "2024-02-20")
    sales = got["Net sales|812"]
    assert (sales["value"], sales["unit"]) == (812e6, "EUR")  # not the document's dollar
    assert (got["Stores|143"]["value"], got["Stores|143"]["unit"]) == (143, "store")
    assert got["Customers|4.1"]["unit"] == "customer"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab1,.%$€ \t\n()-")), max_size=300))
def test_table_cells_never_raise_and_point_at_numbers(text: str) -> None:
    for start, cell in table_cells(text).items():
        assert 0 <= start < len(text)
        assert isinstance(cell.label, str)
