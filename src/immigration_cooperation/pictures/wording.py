"""Dates in words, as exact as their bounds allow and never more: a picture must not show a
precise-looking day for a date known only to a month, a year or a range.

Bounds are the package's (earliest, latest) pairs; the precision comes from dates.DateBounds, the
same rule the data and `date_text` use. Month names are spelled here, not by the locale.
"""

from __future__ import annotations

from datetime import date

from ..dates import DateBounds

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "\u2013"  # en dash, for spans of years


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def bounds_text(earliest: date | None, latest: date) -> str:
    """'14 Nov 2016', 'Dec 2016', '2017', 'between 16 Jan and 31 Dec 2017',
    'between 14 Nov 2016 and 20 Jan 2017' or 'no later than 31 Dec 2017'."""
    bounds = DateBounds(earliest, latest)
    precision = bounds.precision
    if precision == "on_or_before":
        return f"no later than {day_text(latest)}"
    if precision == "day":
        return day_text(earliest)
    if precision == "month":
        return f"{MONTHS[earliest.month - 1]} {earliest.year}"
    if precision == "year":
        return str(earliest.year)
    first = (f"{earliest.day} {MONTHS[earliest.month - 1]}" if earliest.year == latest.year
             else day_text(earliest))
    return f"between {first} and {day_text(latest)}"


def year_span(first: int, last: int) -> str:
    """'2017', '2016–17' or '1999–2003': the years a date may fall in."""
    if first == last:
        return str(first)
    if first // 100 == last // 100:
        return f"{first}{DASH}{last % 100:02d}"
    return f"{first}{DASH}{last}"


def _years(word: str, earliest: date | None, latest: date | None) -> str:
    if latest is None:
        return f"{word} none yet"
    if earliest is None:
        return f"{word} {latest.year} or earlier"
    return f"{word} {year_span(earliest.year, latest.year)}"


def since_years(earliest: date | None, latest: date) -> str:
    """A matrix cell's 'since …': the year(s) in which its position of record began."""
    return _years("since", earliest, latest)


def last_years(earliest: date | None, latest: date | None) -> str:
    """A matrix cell's 'last …': the year(s) in which a source last spoke to its position of record
    (its own claim or a consistent re-description); 'last none yet' where none has."""
    return _years("last", earliest, latest)


def sources_text(count: int) -> str:
    """'1 source', '2 sources'."""
    return f"{count} source" if count == 1 else f"{count} sources"


def years_range(first: int, last: int) -> str:
    """'2016–2025' for titles: both years in full."""
    return str(first) if first == last else f"{first}{DASH}{last}"
