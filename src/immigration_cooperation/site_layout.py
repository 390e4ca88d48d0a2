"""Where the explorer puts each jurisdiction: the pages of site/ and the links between them.

A package of at most PAGE_JURISDICTIONS jurisdictions (the real one) has its whole matrix on
site/index.html and a page per jurisdiction (site/jurisdictions/<jurisdiction_id>.html). A
larger one (national scale: tens of thousands of jurisdictions) is cut, in jurisdiction_id
order, into volumes of PAGE_JURISDICTIONS: each volume has a matrix page (site/matrix/<n>.html)
and one page holding its jurisdictions' claims (site/jurisdictions/<n>.html, a section per
jurisdiction); the index lists the volumes and summarises the cells. A browser shows a matrix
of a few hundred rows at once; half a million files, or one page of half a million rows, it
does not.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE = "site"
PAGE_JURISDICTIONS = 200
# Layout.of's rule in SQL, for the queries that make a whole volume's data at once: each
# jurisdiction's volume, counted from 1 in jurisdiction_id order (the same byte order as Python's).
VOLUMES_SQL = (f"SELECT jurisdiction_id, CAST((row_number() OVER (ORDER BY jurisdiction_id) - 1) "
               f"// {PAGE_JURISDICTIONS} + 1 AS INTEGER) AS volume FROM jurisdictions")


@dataclass(frozen=True)
class Layout:
    volumes: tuple[tuple[str, ...], ...]  # jurisdiction ids, in order, cut into volumes

    @classmethod
    def of(cls, jurisdiction_ids) -> "Layout":
        ordered = sorted(jurisdiction_ids)
        return cls(tuple(tuple(ordered[start:start + PAGE_JURISDICTIONS])
                         for start in range(0, len(ordered), PAGE_JURISDICTIONS)) or ((),))

    @property
    def in_volumes(self) -> bool:
        return len(self.volumes) > 1

    def volume_name(self, number: int) -> str:
        """The file stem of volume `number` (from 1), zero-padded so the files list in order."""
        return f"{number:0{len(str(len(self.volumes)))}d}"

    def matrix_page(self, number: int) -> str:
        """The matrix page of volume `number`, relative to site/."""
        return f"matrix/{self.volume_name(number)}.html" if self.in_volumes else "index.html"

    def claims_page(self, number: int, jurisdiction_id: str) -> str:
        """The page holding a jurisdiction's claims, relative to site/."""
        if self.in_volumes:
            return f"jurisdictions/{self.volume_name(number)}.html"
        return f"jurisdictions/{jurisdiction_id}.html"

    def anchor_prefix(self, jurisdiction_id: str) -> str:
        """What a jurisdiction's anchors (dimension-…, statements, events) start with on its
        claims page: nothing on a page of its own, its id on a volume's page."""
        return f"{jurisdiction_id}-" if self.in_volumes else ""

    def pages(self) -> list[str]:
        """Every page about jurisdictions, relative to site/ (with index.html)."""
        if not self.in_volumes:
            return ["index.html", *(self.claims_page(1, jurisdiction) for jurisdiction in self.volumes[0])]
        numbers = range(1, len(self.volumes) + 1)
        return ["index.html", "sources.html", *(self.matrix_page(number) for number in numbers),
                *(self.claims_page(number, "") for number in numbers)]

    def pages_of_jurisdictions(self) -> dict[str, str]:
        """jurisdiction_id -> its claims page (relative to site/)."""
        return {jurisdiction: self.claims_page(number, jurisdiction)
                for number, volume in enumerate(self.volumes, start=1) for jurisdiction in volume}
