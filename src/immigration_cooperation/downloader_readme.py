"""The README of a release archive, written for someone who downloaded it: what is inside, how to
check it and how to open it with the tools they have. The repository's README is for people who
build the package; a downloader has no `make` and no `.venv`."""

from __future__ import annotations

from pathlib import Path

from . import codebook, release
from .database_file import DATABASE
from .explorer_screenshots import SCREENSHOTS
from .schema import RESOURCES

TEMPLATE = "downloader_readme.md.j2"


def downloader_readme(package_dir: Path, archive_name: str, checksums: str, workbook: str) -> str:
    """The README text for the release folder made from the package in `package_dir`."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from .reports import citation_markdown, scope_markdown
    from .sql import connect

    connection = connect(package_dir, fresh=True)
    tables = [{"name": resource.name,
               "rows": connection.execute(f"SELECT count(*) FROM {resource.name}").fetchone()[0],
               "description": resource.description.replace("|", "\\|")}
              for resource in RESOURCES]
    sources = connection.execute("SELECT count(*) FROM sources").fetchone()[0]
    connection.close()
    # The repository's citation text points to CITATION.cff with a relative link; here it is a file.
    citation = citation_markdown(package_dir).replace("[CITATION.cff](CITATION.cff)", "`CITATION.cff`")
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                              undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return environment.get_template(TEMPLATE).render(
        title=release.TITLE, version=release.VERSION, released_on=release.RELEASED_ON,
        scope=scope_markdown(package_dir), tables=tables, sources=sources, database=DATABASE,
        workbook=workbook, checksums=checksums, screenshots=SCREENSHOTS, archive=archive_name, citation=citation,
        data_licence=release.DATA_LICENSE["name"], top_level=len(codebook.LEVEL_MEANINGS) - 1,
        levels="; ".join(f"{level} = {meaning}" for level, meaning in enumerate(codebook.LEVEL_MEANINGS)))
