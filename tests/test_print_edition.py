"""The print edition's ids are renamed as the plugin renames them; its assets stay off pages.

``site_tools.print_edition.update_anchor_ids`` replaces the plugin's function of that name
(the plugin's search is quadratic in a line's length): it must give the same result for any
page, including HTML that the plugin's regex reads oddly (no space after a tag name, ``ID=``,
an id on the next line, a quote left open). ``on_post_page`` removes the plugin's CSS and
script from the other pages as the pattern it replaced did (that pattern was quadratic in a
run of spaces).
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st
from mkdocs_print_site_plugin import urls

from site_tools import print_edition

PLUGIN = urls.update_anchor_ids

# Pieces that the regex and the renaming care about, joined at random.
PIECES = st.sampled_from(
    ['<h2 id="a">', "<h3 ", 'ID="b"', 'id="', '"', ">", "<", "\n", " ", "x", "sup", "<li", "h1"]
)


@given(st.lists(PIECES, max_size=40).map("".join))
@example('<p>text</p><h2 id="intro">Intro</h2>\n<li id="fn:1">note</li><sup id="r">1</sup>')
@example('<h2\nid="a">x</h2><h2 ID="a">y</h2><h2 id="a">z</h2>')
@example("<math><mi>x</mi><mo>=</mo></math> " * 50 + '<h3 id="late">Late</h3>')
def test_same_result_as_the_plugin(html: str) -> None:
    assert PLUGIN is not print_edition.update_anchor_ids, "compare with the plugin's own"
    assert print_edition.update_anchor_ids(html, "page") == PLUGIN(html, "page")


def test_headings_and_notes_are_renamed_and_other_ids_kept() -> None:
    html = '<h2 id="a">A</h2>\n<figure id="f"></figure>\n<li id="fn:1">n</li>'
    renamed = print_edition.update_anchor_ids(html, "lecture-1-loss")
    assert renamed == (
        '<h2 id="lecture-1-loss-a">A</h2>\n<figure id="f"></figure>\n'
        '<li id="lecture-1-loss-fn:1">n</li>'
    )


# The pattern print_edition.on_post_page replaced: the same removals, scanned quadratically.
_STRIP_ASSETS = re.compile(
    r'\s*<link rel="stylesheet" href="[^"]*css/print-site[^"]*\.css">'
    r'|\s*<script src="[^"]*js/print-site\.js"></script>'
)
ASSET_PIECES = st.sampled_from(
    [
        '<link rel="stylesheet" href="../css/print-site.css">',
        '<link rel="stylesheet" href="css/print-site-material.css">',
        '<script src="../js/print-site.js"></script>',
        '<link rel="stylesheet" href="x.css">',
        "\n", " ", "\t", "x", "<", '"',
    ]
)  # fmt: skip


@given(st.lists(ASSET_PIECES, max_size=30).map("".join))
@example('<head>\n  <link rel="stylesheet" href="css/print-site.css">\n</head>')
@example(' \n <script src="js/print-site.js"></script><script src="js/print-site.js"></script>')
def test_print_assets_leave_other_pages_as_the_pattern_did(html: str) -> None:
    assert print_edition.on_post_page(html) == _STRIP_ASSETS.sub("", html)
