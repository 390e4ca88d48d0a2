"""Dates as exact as their text allows: every date is an earliest and a latest possible day.

A curator writes one of

* "2016-11-14" (day), "2016-11" (month) or "2017" (year): the period gives the bounds;
* "2016-11-14..2017-01-20": some day between the two, inclusive. Either end may itself be a
  month or a year ("2017-01-19..2017" runs to 31 December 2017);
* "..2017": on or before the end of 2017, where the text sets no earliest day.

The precision is read off the bounds, never typed: a day, a whole calendar month, a whole calendar
year, a range, or `on_or_before`. Tightening "2017" to "2017-01-19..2017" therefore makes its
precision `range`, which is what it is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FORMS = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
)
RANGE_SEPARATOR = ".."
EXAMPLES = '"2017", "2016-11", "2016-11-14", "2016-11-14..2017-01-20" or "..2017"'


class DateError(ValueError):
    pass


def _period(text: str) -> tuple[date, date]:
    """First and last day of "2017", "2016-11" or "2016-11-14"."""
    for pattern, precision in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(part) for part in match.groups()]
        try:
            if precision == "year":
                return date(parts[0], 1, 1), date(parts[0], 12, 31)
            if precision == "month":
                last = calendar.monthrange(parts[0], parts[1])[1]
                return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
            return date(*parts), date(*parts)
        except (ValueError, calendar.IllegalMonthError) as error:
            raise DateError(f"date {text!r} does not exist ({error})") from None
    raise DateError(f"date {text!r} is not in the form YYYY, YYYY-MM or YYYY-MM-DD")


@dataclass(frozen=True)
class DateBounds:
    """The earliest and latest possible day. `earliest` is None when no earlier bound is known."""

    earliest: date | None
    latest: date

    @property
    def precision(self) -> str:
        first, last = self.earliest, self.latest
        if first is None:
            return "on_or_before"
        if first == last:
            return "day"
        if first.day == 1 and (first.year, first.month) == (last.year, last.month) \
                and last.day == calendar.monthrange(last.year, last.month)[1]:
            return "month"
        if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31) \
                and first.year == last.year:
            return "year"
        return "range"

    def __str__(self) -> str:
        """The canonical written form: "2016-11-14", "2016-11", "2017", "A..B" or "..B"."""
        precision = self.precision
        if precision == "on_or_before":
            return RANGE_SEPARATOR + self.latest.isoformat()
        text = self.earliest.isoformat()
        if precision == "range":
            return f"{text}{RANGE_SEPARATOR}{self.latest.isoformat()}"
        return {"day": text, "month": text[:7], "year": text[:4]}[precision]

    def certainly_before(self, other: "DateBounds") -> bool:
        """Every possible day of this date is earlier than every possible day of `other`."""
        return other.earliest is not None and self.latest < other.earliest

    def within(self, other: "DateBounds") -> bool:
        """Every possible day of this date is a possible day of `other`."""
        return ((other.earliest is None or (self.earliest is not None and self.earliest >= other.earliest))
                and self.latest <= other.latest)


def parse_date_bounds(text: str) -> DateBounds:
    """Parse a curator's date; raise DateError naming what is wrong."""
    if not isinstance(text, str):
        raise DateError(f"date {text!r} must be a string such as {EXAMPLES}")
    text = text.strip()
    if RANGE_SEPARATOR in text:
        start, _, end = text.partition(RANGE_SEPARATOR)
        if not end:
            raise DateError(f"date {text!r} needs a latest day after '..', e.g. \"2016-11-14..2017-01-20\"")
        latest = _period(end.strip())[1]
        earliest = _period(start.strip())[0] if start.strip() else None
        if earliest is not None and earliest > latest:
            raise DateError(f"date {text!r}: the earliest day {earliest} is after the latest {latest}")
        return DateBounds(earliest, latest)
    return DateBounds(*_period(text))


def bounds_from_columns(earliest: date | None, latest: date | None) -> DateBounds | None:
    """The bounds stored in a table's `X` and `X_latest` columns (None when both are blank)."""
    if latest is None:
        return None
    return DateBounds(earliest, latest)
