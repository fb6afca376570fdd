"""Lecture 1 as one printable page (print_page/) and as a PDF (``make pdf``).

The PDF is rendered here from the session's built site, the way ``make pdf`` does it
(``site_tools.print_pdf``), into a temporary directory: the built site stays as built for
the other tests. Needs Debian's chromium and poppler-utils (``pdftotext``, ``pdfimages``);
``.ci/run`` installs both. Without them the tests skip and say why.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import made_once
from site_html import DOCS, ROOT, soup

from site_tools import print_pdf

EPOCH = 1704067200
LECTURE_PAGES = sorted(p.stem for p in (DOCS / "lecture-1").glob("*.md"))
# TeX that must never reach the reader: arithmatex delimiters and common commands.
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(?:frac|mathbf|hat|sum|sigma|partial)\b")


def _render(site: Path, out: Path) -> Path:
    """``print_pdf.render`` in its own process, as ``make pdf`` runs it.

    Its own process because Playwright's sync API refuses to start inside the event loop that
    pytest-playwright's session browser already runs in this one.
    """
    code = "import sys; from pathlib import Path; from site_tools import print_pdf; "
    code += "print_pdf.render(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(site), str(out), str(EPOCH)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"make pdf's renderer failed:\n{done.stderr[-3000:]}"
    return out


def _needs(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} missing: apt-get install poppler-utils (as .ci/run does)")
    if not Path(print_pdf.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {print_pdf.CHROMIUM}: apt-get install chromium")


@pytest.fixture(scope="module")
def pdf(built_site: Path, run_dir: Path) -> Path:
    """The PDF of the built site, printed once per run for every worker."""
    _needs("pdftotext", "pdfimages")
    folder = made_once(
        run_dir / "pdf", lambda folder: _render(built_site, folder / print_pdf.OUTPUT)
    )
    return folder / print_pdf.OUTPUT


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _flat(s: str) -> str:
    return " ".join(s.replace("¶", " ").split())


def _headings(built_site: Path) -> dict[str, list[str]]:
    """Every lecture page's h1 and h2 texts, as the built pages show them."""
    headings = {}
    for stem in LECTURE_PAGES:
        path = "lecture-1/index.html" if stem == "index" else f"lecture-1/{stem}/index.html"
        article = soup(built_site / path).select_one("article")
        assert article is not None, path
        headings[stem] = [_flat(h.get_text(" ")) for h in article.select("h1, h2")]
    return headings


def test_page_count_is_sane(pdf: Path) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    # Nine lecture pages, a glossary and references: tens of A4 pages, not one, not hundreds.
    assert 20 <= pages <= 150, f"{pages} pages"


def test_every_lecture_heading_is_in_the_text(built_site: Path, text: str) -> None:
    flat = _flat(text)
    missing = [
        f"{stem}: {heading!r}"
        for stem, headings in _headings(built_site).items()
        for heading in headings
        if heading not in flat
    ]
    assert not missing, "headings missing from the PDF's text:\n" + "\n".join(missing)


def test_no_raw_tex(text: str) -> None:
    found = sorted({m[0] for m in RAW_TEX.finditer(text)})
    assert not found, f"raw TeX in the PDF's text: {found}"


def test_figures_are_vector_graphics(pdf: Path, text: str, built_site: Path) -> None:
    """Every figure's caption is there, and not a single raster image: the SVG figures
    were printed as vector paths (the site has no raster image at all)."""
    captions = BeautifulSoup(
        (built_site / "print_page" / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).select("figure.notes-figure figcaption strong")
    assert len(captions) >= 10, f"only {len(captions)} figures in the print page"
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    images = listing[2:]  # two header lines
    assert not images, "raster images in the PDF:\n" + "\n".join(images)
    assert _flat(text).count("Figure ") >= len(captions)


def test_outline_has_every_lecture_page(pdf: Path, built_site: Path) -> None:
    from pypdf import PdfReader

    def titles(items: list[Any]) -> list[str]:
        found = []
        for item in items:
            if isinstance(item, list):
                found += titles(item)
            else:
                found.append(_flat(item.title))
        return found

    outline = titles(PdfReader(pdf).outline)
    assert outline, "the PDF has no bookmark outline"
    # Chromium drops the space where a long heading wraps: compare without white space.
    squeezed = {re.sub(r"\s", "", title) for title in outline}
    missing = [
        h[0] for h in _headings(built_site).values() if re.sub(r"\s", "", h[0]) not in squeezed
    ]
    assert not missing, f"lecture pages missing from the outline: {missing}"


def test_links_go_inside_the_document_or_to_the_web(pdf: Path) -> None:
    """Links between lecture pages jump within the PDF; the rest go to real web addresses,
    never to the local server the PDF was printed from."""
    from pypdf import PdfReader

    internal, local = 0, []
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            uri = action.get("/URI") if action is not None else None
            if link.get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif uri is not None and not str(uri).startswith("https://"):
                local.append(f"page {number}: {uri}")
    assert internal >= 50, f"only {internal} links within the document"
    assert not local, "links that do not work outside the printing machine:\n" + "\n".join(local)


def _differences(first: Path, second: Path) -> str:
    """Which pages of two renderings differ, and how their text differs there."""
    from pypdf import PdfReader

    pages = [PdfReader(str(path)).pages for path in (first, second)]
    if len(pages[0]) != len(pages[1]):
        return f"a second rendering has {len(pages[1])} pages, not {len(pages[0])}"
    report = []
    for number, (a, b) in enumerate(zip(*pages, strict=True), 1):
        if a.get_contents().get_data() != b.get_contents().get_data():
            lines = difflib.unified_diff(
                a.extract_text().splitlines(), b.extract_text().splitlines(), lineterm="", n=1
            )
            report.append(f"page {number} differs:\n" + "\n".join(list(lines)[2:12]))
    return "a second rendering differs:\n" + ("\n".join(report) or "outside the pages' content")


# A link's clickable rectangle, as Chromium writes it in the link's annotation.
_LINK_RECT = re.compile(rb"/Subtype /Link\n/F 4\n/Border \[0 0 0\]\n/Rect \[([-\d. ]+)\]")
# Chromium has placed one link's rectangle (a link after inline math in a table cell) one
# CSS pixel, 0.75 pt, apart in two renderings of the same page: where it paints is the same.
RECT_TOLERANCE_PT = 0.75 + 1e-6


def test_same_bytes_for_the_same_source_date_epoch(
    pdf: Path, built_site: Path, tmp_path: Path
) -> None:
    """The same site gives the same PDF, byte for byte, but for Chromium's occasional
    one-pixel difference in where a link's clickable area starts (then the rest is the same
    bytes, and the two rectangles are at most a pixel apart)."""
    again = _render(built_site, tmp_path / print_pdf.OUTPUT)
    first, second = pdf.read_bytes(), again.read_bytes()
    if first != second:
        masked = [_LINK_RECT.sub(b"/Rect [...]", data) for data in (first, second)]
        assert masked[0] == masked[1], _differences(pdf, again)
        rects = [[[float(v) for v in m[1].split()] for m in _LINK_RECT.finditer(data)]
                 for data in (first, second)]  # fmt: skip
        moved = [
            (a, b)
            for a, b in zip(*rects, strict=True)
            if max(abs(x - y) for x, y in zip(a, b, strict=True)) > RECT_TOLERANCE_PT
        ]
        assert not moved, f"link rectangles more than a pixel apart: {moved[:5]}"
    other = print_pdf.normalise(first, EPOCH + 86_400)
    assert other != first, "SOURCE_DATE_EPOCH does not reach the PDF"


def test_print_page_shows_light_figures(page: Any) -> None:
    """Printing uses the light palette: the print page shows the light variants only."""
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(print_pdf.PRINT_PAGE)
    page.wait_for_selector("figure.notes-figure img")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('figure.notes-figure img')]"
        ".filter((img) => img.checkVisibility()).map((img) => img.getAttribute('src'))"
    )
    assert shown, "no figure visible on the print page"
    assert all(src.endswith("#only-light") for src in shown), shown


def test_the_site_links_to_the_pdf_where_make_pdf_writes_it(built_site: Path) -> None:
    html = (built_site / "lecture-1" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in soup.select("article a[href$='.pdf']")]
    # lecture-1/index.html is one level down: ../X is X at the site root.
    assert f"../{print_pdf.OUTPUT}" in hrefs, hrefs
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^pdf: build\n\t\$\(BIN\)/python -m site_tools.print_pdf site$", makefile, re.M
    )
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "make build pdf" in workflow
