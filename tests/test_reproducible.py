"""Two clean builds of the site are byte-identical (reproducible builds).

Each build starts from an empty figure cache, in its own directory, with its own Python
hash seed, so dates, absolute paths, set ordering or matplotlib ids leaking into any file
(HTML, sitemap.xml.gz, search index, objects.inv, figure SVGs) show up as a difference.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site

# The figures engineer's render module reads its cache directory from this variable.
FIGURE_CACHE_ENV = "NOTES_FIGURE_CACHE"


def _source_date_epoch() -> str:
    """The value ``make build`` exports (the environment's, else the Makefile's default)."""
    if value := os.environ.get("SOURCE_DATE_EPOCH"):
        return value
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"SOURCE_DATE_EPOCH\s*\??=\s*(\d+)", makefile)
    assert match, "the Makefile must export SOURCE_DATE_EPOCH for reproducible builds"
    return match[1]


def _digests(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _clean_build(root: Path, hash_seed: str) -> Path:
    site, cache = root / "site", root / "figure-cache"
    cache.mkdir(parents=True)
    result = build_site(
        site,
        ("SOURCE_DATE_EPOCH", _source_date_epoch()),
        (FIGURE_CACHE_ENV, str(cache)),
        ("PYTHONHASHSEED", hash_seed),
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first = _digests(_clean_build(tmp_path / "a", hash_seed="1"))
    second = _digests(_clean_build(tmp_path / "b-other-path", hash_seed="2"))

    assert first.keys() == second.keys(), (
        f"only in first: {sorted(first.keys() - second.keys())}; "
        f"only in second: {sorted(second.keys() - first.keys())}"
    )
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between two clean builds: {differing}"
    # The comparison covered the files most prone to embedding times and paths.
    for name in ("sitemap.xml.gz", "search/search_index.json", "objects.inv", "index.html"):
        assert name in first, f"{name} missing from the build"


def test_sitemap_dates_come_from_source_date_epoch(built_site: Path) -> None:
    # Without SOURCE_DATE_EPOCH the sitemap's <lastmod> is the day of the build.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        pytest.skip("SOURCE_DATE_EPOCH not set (make test exports it)")
    day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    with gzip.open(built_site / "sitemap.xml.gz", "rb") as packed:
        assert packed.read().decode("utf-8") == sitemap
    # The gzip header's mtime (bytes 4-8, little-endian) is the same fixed time.
    header_mtime = int.from_bytes((built_site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(header_mtime, tz=dt.UTC).date().isoformat() == day
