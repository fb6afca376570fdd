"""Render the print edition (``print_page/``) of a built site to ``lecture-1.pdf``.

``python -m site_tools.print_pdf SITE_DIR`` (``make pdf``) serves SITE_DIR on 127.0.0.1,
opens the print page in Debian's headless Chromium (as the browser tests do) in the light
palette, waits until the table of contents is drawn and every figure has loaded, and prints
it with Chromium's PDF backend: A4 (page numbers from the plugin's print CSS), a bookmark
outline from the headings and a tagged (accessible) PDF. Figures stay vector graphics (SVG
in, PDF paths out) and the math stays MathML rendered by Chromium: nothing is rasterised.

Reproducible bytes: Chromium writes the time of printing (``/CreationDate``, ``/ModDate``),
a document ID derived from it, and names a few tagged elements after DOM node numbers that
vary from run to run. All are rewritten in place, with strings of the same length so that
the cross-reference offsets stay valid: the dates from ``SOURCE_DATE_EPOCH`` (as the rest of
the build uses), the node names renumbered in order, and the ID from a hash of the rest of
the file. Everything else Chromium writes depends only on the page.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_tools.chromium import CHROMIUM, CHROMIUM_ARGS

PRINT_PAGE = "print_page/"
OUTPUT = "lecture-1.pdf"
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
_ID = re.compile(rb"/ID \[<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>\]")
_NODE = re.compile(rb"\(node(\d+)\)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def normalise(pdf: bytes, epoch: int) -> bytes:
    """``pdf`` with its dates set to ``epoch`` and its ID a hash of everything else.

    Every replacement has the length of what it replaces, so byte offsets do not move.
    """
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()

    def date(match: re.Match[bytes]) -> bytes:
        zone = b"+00'00'"
        tail = zone if len(match[3]) == len(zone) else match[3]
        return b"/%s (D:%s%s)" % (match[1], stamp, tail)

    pdf = _DATE.sub(date, pdf)
    # Tagged elements that need an ID (table headers) are named after Chromium's DOM node
    # ids, which depend on how many nodes the page's scripts made before. Renumber them in
    # their own order (the /IDTree lists them sorted), at the same width.
    nodes = sorted({int(n) for n in _NODE.findall(pdf)})
    rank = {n: i + 1 for i, n in enumerate(nodes)}
    pdf = _NODE.sub(lambda m: b"(node%0*d)" % (len(m[1]), rank[int(m[1])]), pdf)
    ids = _ID.search(pdf)
    if ids is None:
        return pdf
    rest = pdf[: ids.start()] + pdf[ids.end() :]
    digest = hashlib.sha256(rest).hexdigest().upper().encode()

    def same_length(hex_id: bytes) -> bytes:
        return (digest * (len(hex_id) // len(digest) + 1))[: len(hex_id)]

    replacement = b"/ID [<%s> <%s>]" % (same_length(ids[1]), same_length(ids[2]))
    return pdf[: ids.start()] + replacement + pdf[ids.end() :]


def render(site: Path, output: Path, epoch: int) -> Path:
    """Print ``site``'s print page to ``output``; return ``output``.

    Raises
    ------
    FileNotFoundError
        If ``site`` has no print page or Chromium is missing.
    """
    from playwright.sync_api import sync_playwright

    if not (site / PRINT_PAGE / "index.html").is_file():
        raise FileNotFoundError(f"{site / PRINT_PAGE}index.html: build the site first")
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    with _serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(color_scheme="light", reduced_motion="reduce")
            page.emulate_media(media="print", color_scheme="light")
            # Paper is static: no theme or widget scripts (Material's bundle, the explorer,
            # the figure buttons), only the plugin's, which draws the table of contents.
            # Scripts that change the page while it prints made two renderings differ (it
            # rewrites links once it has fetched the sitemap); without them the explorer
            # shows its static note, as the figure beside it carries the picture.
            page.route("**/assets/javascripts/**", lambda route: route.abort())
            page.goto(base + PRINT_PAGE)
            # The plugin's script draws the table of contents once the DOM is ready.
            page.wait_for_selector("#print-page-toc nav li", state="attached")
            page.wait_for_function(
                "() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)"
            )
            # Worked answers and other collapsed blocks print open, as Material's script
            # would open them for printing.
            page.evaluate("document.querySelectorAll('details').forEach((d) => (d.open = true))")
            page.evaluate("document.fonts.ready")
            # Chromium places inline MathML (a superscript, a line holding one) a fraction of
            # a pixel differently depending on the layouts that came before, and how often
            # the page was laid out while it loaded depends on the machine's load. Dropping
            # the layout tree and laying the page out once afresh makes that history the
            # same in every run.
            page.evaluate(
                """() => {
                  const root = document.documentElement;
                  root.style.display = "none";
                  void root.offsetHeight;
                  root.style.removeProperty("display");
                  void root.offsetHeight;
                }"""
            )
            pdf = page.pdf(
                format="A4",
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                print_background=True,
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()
    output.write_bytes(normalise(pdf, epoch))
    return output


def main(argv: list[str]) -> int:
    """``python -m site_tools.print_pdf [SITE_DIR]``: write SITE_DIR/lecture-1.pdf."""
    site = Path(argv[1] if len(argv) > 1 else "site")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    out = render(site, site / OUTPUT, epoch)
    print(f"{out}: {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
