"""Dates of known precision: "2017" (year), "2016-11" (month), "2016-11-14" (day).

An imprecise date is stored as the first day of its period; `period_end` gives the last day, so a
check such as "a statement cannot postdate its article" compares against the whole period.
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


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class PartialDate:
    start: date
    precision: str  # day, month or year

    @property
    def end(self) -> date:
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def __str__(self) -> str:
        text = self.start.isoformat()
        return {"day": text, "month": text[:7], "year": text[:4]}[self.precision]


def parse_partial_date(text: str) -> PartialDate:
    """Parse a curator's date; raise DateError naming what is wrong."""
    if not isinstance(text, str):
        raise DateError(f"date {text!r} must be a string such as \"2017\", \"2016-11\" or \"2016-11-14\"")
    for pattern, precision in _FORMS:
        match = pattern.match(text.strip())
        if match:
            parts = [int(part) for part in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                return PartialDate(date(*parts), precision)
            except ValueError as error:
                raise DateError(f"date {text!r} does not exist ({error})") from None
    raise DateError(f"date {text!r} is not in the form YYYY, YYYY-MM or YYYY-MM-DD")
