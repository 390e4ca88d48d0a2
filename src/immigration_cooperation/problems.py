"""What curation reports: problems that name the curation file, the record and what to do.

Every problem is collected before anything is reported, so a curator sees the whole list at once;
`closest` suggests the allowed names nearest to a misspelt one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable



@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.message}"


class UserError(Exception):
    """A mistake in what the user typed at the terminal; `cooperation` prints it without a
    traceback and exits 1."""


class CurationError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"{len(problems)} curation problem(s); nothing was written:"]
        lines += [f"  - {problem}" for problem in problems]
        super().__init__("\n".join(lines))


def closest(value: Any, allowed: Iterable[str], limit: int = 3) -> list[str]:
    allowed = list(allowed)
    if not isinstance(value, str) or not allowed:
        return []
    from rapidfuzz import process  # only when there is a mistake to suggest for

    return [match for match, score, _ in process.extract(value, allowed, limit=limit) if score >= 50]


def unknown_value(kind: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    suggestions = closest(value, allowed)
    hint = f"did you mean {', '.join(repr(s) for s in suggestions)}? " if suggestions else ""
    shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", …"
    return f"unknown {kind} {value!r}; {hint}allowed: {shown}"


def record_mistakes(item: Any) -> list[str]:
    """What a curator mistyped in a record's keywords (records.worksheet_record keeps it), one
    message per mistake: a misspelt keyword that stands for a missing required one is one
    mistake, reported once with the keyword meant."""
    mistakes = getattr(item, "mistakes", ())
    allowed = getattr(item, "keyword_names", ())
    missing = [name for kind, name, _ in mistakes if kind == "missing_keyword"]
    explained: set[str] = set()
    messages = []
    for kind, name, value in mistakes:
        if kind == "unknown_keyword":
            meant = [match for match in closest(name, missing or allowed, limit=1)]
            if meant and meant[0] in missing:
                explained.add(meant[0])
                messages.append(f"unknown keyword {name}=; did you mean {meant[0]}=? "
                                f"({meant[0]} is required)")
            else:
                if meant:
                    messages.append(f"unknown keyword {name}=; did you mean {meant[0]}=?")
                else:
                    messages.append(f"unknown keyword {name}=; {type(item).__name__} takes "
                                    f"{', '.join(allowed)}")
        elif kind == "repeated_keyword":
            messages.append(f"{name}= is given twice, once without its keyword; keep one")
        elif kind == "extra_arguments":
            messages.append(f"{type(item).__name__} takes at most {len(allowed)} values without a "
                            f"keyword; name the others (e.g. note=...)")
    for name in missing:
        if name not in explained:
            messages.append(f"{name}= is required")
    return messages
