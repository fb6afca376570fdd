"""Figures: every registered figure renders to valid SVG in both themes, reproducibly; the
cache spares warm builds all rendering (and matplotlib); pages show each figure with its
alt text, numbered caption and code; broken figures fail the build with a useful message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, SiteBuilds

from figures import render
from figures.registry import FIGURES, FigureSpec
from figures.style import THEMES
from site_tools import markers
from site_tools.figure_markup import LISTINGS

SVG = "{http://www.w3.org/2000/svg}"


def figure_markers() -> dict[str, list[str]]:
    """``page -> [figure names in order]`` for every page of docs/."""
    docs = ROOT / "docs"
    used = {}
    for page in sorted(docs.rglob("*.md")):
        names = [
            m["arg"]
            for m in markers.MARKER.finditer(page.read_text(encoding="utf-8"))
            if m["kind"] == "figure"
        ]
        if names:
            used[page.relative_to(docs).as_posix()] = names
    return used


# ----------------------------------------------------------------------------- rendering
@pytest.fixture(scope="module")
def cold_render(site_builds: SiteBuilds) -> render.RenderReport:
    """Every figure as the suite's cold build rendered it (in worker processes), read back
    from its cache: rendering all of them once more would double the suite's slowest part."""
    return render.ensure_rendered(FIGURES.values(), cache=site_builds["cold"].figure_cache)


def test_every_figure_renders_valid_svg_in_both_themes(cold_render: render.RenderReport) -> None:
    assert cold_render.failures == {}
    assert cold_render.rendered == [], "the build's cache must serve every figure"
    assert sorted(cold_render.outputs) == sorted((n, t) for n in FIGURES for t in THEMES)
    for (name, theme), out in cold_render.outputs.items():
        svg = out.read()
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg", (name, theme)
        drawn = list(root.iter(f"{SVG}path")) + list(root.iter(f"{SVG}use"))
        assert len(drawn) > 20, f"{name} ({theme}) draws almost nothing"
        assert out.width > 300 and out.height > 100, (name, theme, out.width, out.height)
        assert b"<dc:date>" not in svg, "a date in the SVG would break reproducibility"
        assert len(svg) < 200_000, f"{name} ({theme}) is {len(svg)} bytes"


def test_themes_use_their_own_ink(cold_render: render.RenderReport) -> None:
    for name in FIGURES:
        light = cold_render.outputs[name, "light"].read().decode()
        dark = cold_render.outputs[name, "dark"].read().decode()
        assert light != dark, name
        assert THEMES["light"].foreground in light, f"{name}: light theme lacks its text colour"
        assert THEMES["dark"].foreground in dark, f"{name}: dark theme lacks its text colour"
        assert THEMES["light"].foreground not in dark, f"{name}: dark figure has light ink"


def test_rendering_is_byte_identical_across_processes(cold_render: render.RenderReport) -> None:
    # The cold build filled the cache in worker processes; render again here, every figure
    # once, alternating themes, and compare bytes: two independent renderings agree.
    for i, spec in enumerate(FIGURES.values()):
        theme = list(THEMES)[i % len(THEMES)]
        again = render.render_svg(spec, theme)
        assert again == cold_render.outputs[spec.name, theme].read(), (spec.name, theme)


def test_editing_one_figure_function_changes_only_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure's cache key follows its own function and the module code that function uses:
    editing a neighbour, a docstring or ``__all__`` leaves it, so only that figure renders again."""
    module = tmp_path / "some_figures.py"
    monkeypatch.syspath_prepend(str(tmp_path))
    source = textwrap.dedent("""
        import math

        SCALE = 2.0
        __all__ = ["first", "second"]


        def _helper(x):
            return x * SCALE


        def first(*, theme):
            \"\"\"Docstring.\"\"\"
            return _helper(1)


        def second(*, theme):
            return math.pi
    """)

    versions = iter(range(1, 100))
    specs = [
        FigureSpec(name, f"some_figures:{name}", caption=name, alt=name)
        for name in ("first", "second")
    ]

    def keys(text: str) -> tuple[str, str]:
        module.write_text(text, encoding="utf-8")
        stamp = next(versions)  # keys are memoised by the file's modification time and size
        os.utime(module, ns=(stamp, stamp))
        first, second = (render.cache_key(spec, "light") for spec in specs)
        return first, second

    first, second = keys(source)
    helper = keys(source.replace("x * SCALE", "x * SCALE + 1"))
    assert helper[0] != first and helper[1] == second
    constant = keys(source.replace("SCALE = 2.0", "SCALE = 3.0"))
    assert constant[0] != first and constant[1] == second
    other = keys(source.replace("math.pi", "math.e"))
    assert other[0] == first and other[1] != second
    assert keys(source.replace("Docstring.", "Other words.")) == (first, second)
    assert keys(source.replace('"second"]', '"second", "third"]')) == (first, second)
    imports = keys(source.replace("import math", "import math\nimport cmath"))
    assert imports[0] != first and imports[1] != second


def test_registry_and_cache_keys_need_no_matplotlib() -> None:
    code = textwrap.dedent("""
        import sys
        from figures import render
        from figures.registry import FIGURES, FigureSpec
        from site_tools import figure_markup
        for spec in FIGURES.values():
            render.cache_key(spec, "light")
            assert render.function_source(spec).startswith("def " + spec.function + "(")
        assert "matplotlib" not in sys.modules, "matplotlib was imported"
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_every_registered_figure_is_placed_exactly_once() -> None:
    """The one check of figure placement in the notes' sources; that each placed figure
    reaches its page is test_pages_show_figures_with_alt_text_caption_and_code's."""
    placed = [name for names in figure_markers().values() for name in names]
    assert sorted(set(placed) - FIGURES.keys()) == [], "notes name figures that are not registered"
    assert sorted(FIGURES.keys() - set(placed)) == [], "registered figures that no note shows"
    twice = sorted(name for name in set(placed) if placed.count(name) > 1)
    assert twice == [], "figures placed more than once"


# ----------------------------------------------------------------------------- site builds
def _figures_log(build: Build) -> tuple[int, int]:
    """(rendered, from cache) as the build logged them."""
    match = re.search(r"figures: (\d+) rendered, (\d+) from cache", build.log)
    assert match, "the build did not log its figures"
    return int(match[1]), int(match[2])


@pytest.mark.slow
def test_cold_build_renders_every_figure(site_builds: SiteBuilds) -> None:
    assert _figures_log(site_builds["cold"]) == (2 * len(FIGURES), 0)


@pytest.mark.slow
def test_warm_build_renders_nothing_and_never_imports_matplotlib(
    site_builds: SiteBuilds,
) -> None:
    warm = site_builds["warm"]
    assert _figures_log(warm) == (0, 2 * len(FIGURES))
    # -X importtime lists every module the build imported.
    imported = re.findall(r"^import time:.*\|\s*(\S+)$", warm.log, re.M)
    assert "numpy" in imported or len(imported) > 100, "no import list in the log"
    assert not [m for m in imported if m.split(".")[0] == "matplotlib"], "matplotlib imported"


@pytest.mark.slow
def test_the_site_holds_each_figure_in_both_themes_and_the_listings(
    site_builds: SiteBuilds,
) -> None:
    # That the cold and the warm build's files are identical is test_reproducible's.
    built = sorted((site_builds["cold"].site / "figures").iterdir())
    svgs = [f"{n}-{t}.svg" for n in FIGURES for t in THEMES]
    assert [p.name for p in built] == sorted([*svgs, Path(LISTINGS).name])
    assert not (ROOT / "docs" / "figures").exists(), "figures must not be written into docs/"


def _text(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


@pytest.mark.slow
def test_pages_show_figures_with_alt_text_caption_and_code(built_site: Path) -> None:
    site = built_site
    placed = figure_markers()
    assert placed, "no page places a figure"
    listings = json.loads((site / "figures" / "code.json").read_text(encoding="utf-8"))
    for page, names in placed.items():
        rel = Path(page).with_suffix("")
        out = rel.parent if rel.name == "index" else rel
        html = (site / out / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        page_url = f"http://site/{out.as_posix()}/".replace("//site/./", "//site/")
        code_shown: dict[str, str] = {}
        for number, name in enumerate(names, start=1):
            spec = FIGURES[name]
            figure = soup.find("figure", id=re.compile(f"^figure-{re.escape(name)}(-\\d+)?$"))
            assert figure is not None, f"{page}: figure {name} missing"
            images = figure.find_all("img")
            assert [urlparse(i["src"]).fragment for i in images] == ["only-light", "only-dark"]
            for img in images:
                assert img["alt"] == " ".join(spec.alt.split()), f"{page}: {name} alt text"
                assert img["loading"] == "lazy"
                assert int(img["width"]) > 0 and int(img["height"]) > 0
                target = urlparse(urljoin(page_url, img["src"])).path.lstrip("/")
                assert (site / target).is_file(), f"{page}: {img['src']} does not resolve"
            caption = _text(figure.find("figcaption"))
            assert caption.startswith(f"Figure {number}:"), f"{page}: {caption[:40]!r}"
            for prose in spec.caption.split("$")[::2]:  # the parts outside math
                words = " ".join(prose.split()).strip(" ,.;:")
                assert words in caption, f"{page}: {name} caption lacks {words!r}"
            details = figure.find_next_sibling("details")
            assert details is not None and "Code for this figure" in _text(details.summary)
            first = code_shown.setdefault(spec.function, figure["id"])
            if first == figure["id"]:
                # The listing is fetched when the block opens (figure-code.js), from the
                # build's listings file, highlighted, under the function's name.
                holder = details.find("p", class_="notes-figure-listing")
                assert holder is not None, f"{page}: {name} has no listing placeholder"
                listing = listings[holder["data-function"]]
                assert holder["data-function"] == f"{spec.module}.{spec.function}"
                code = BeautifulSoup(listing, "html.parser").select_one("div.highlight pre code")
                assert code is not None and code.select("span.k"), f"{name}: not highlighted"
                source = render.function_source(spec, docstring=False)
                assert code.get_text().rstrip() == source.rstrip(), f"{name}: listing != source"
                assert not details.select("pre"), f"{page}: {name} listing in the page"
            else:  # the same function's code is shown once per page, then referred to
                assert f"def {spec.function}(" not in details.get_text(), f"{page}: {name}"
                assert details.find("a", href=f"#{first}") is not None, f"{page}: {name}"
            link = details.find("a", href=re.compile(r"api/figures/#"))
            assert link is not None and link["href"].endswith(f"#{spec.module}.{spec.function}")


# ----------------------------------------------------------------------------- failures
def _tiny_project(tmp: Path, page: str, hooks: tuple[str, ...] = ()) -> Path:
    """A one-page MkDocs project using the real adapter, extension and figure build step."""
    (tmp / "docs").mkdir()
    (tmp / "docs" / "index.md").write_text(page, encoding="utf-8")
    all_hooks = [*hooks, str(ROOT / "site_tools" / "hooks.py")]
    (tmp / "mkdocs.yml").write_text(
        textwrap.dedent(f"""
            site_name: tiny
            hooks: [{", ".join(all_hooks)}]
            markdown_extensions: [site_tools.extension, attr_list, md_in_html, admonition,
                                  pymdownx.details, pymdownx.superfences]
        """),
        encoding="utf-8",
    )
    return tmp


def _build_tiny(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        render.CACHE_ENV: str(cache),
        "PYTHONPATH": os.pathsep.join([str(project), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_unknown_figure_fails_the_build_naming_page_and_figure(
    tmp_path: Path, cold_render: render.RenderReport
) -> None:
    cache = next(iter(cold_render.outputs.values())).path.parent  # warm: no rendering
    project = _tiny_project(tmp_path, "# Page\n\n{{ figure: no-such-figure }}\n")
    result = _build_tiny(project, cache)
    assert result.returncode != 0
    assert re.search(r"index\.md.*no-such-figure.*unknown figure", result.stderr), result.stderr


def test_raising_figure_function_fails_the_build_naming_page_figure_and_cause(
    tmp_path: Path, cold_render: render.RenderReport
) -> None:
    cache = next(iter(cold_render.outputs.values())).path.parent
    (tmp_path / "broken_figures.py").write_text(
        "def draw(*, theme):\n    raise ValueError('deliberately broken')\n", encoding="utf-8"
    )
    (tmp_path / "add_broken.py").write_text(
        textwrap.dedent("""
            from figures import registry
            registry.FIGURES["broken-figure"] = registry.FigureSpec(
                "broken-figure", "broken_figures:draw", "A caption.", "Alt text."
            )
        """),
        encoding="utf-8",
    )
    # A hook file runs when MkDocs loads its config, before the adapter renders figures.
    project = _tiny_project(
        tmp_path, "# Page\n\n{{ figure: broken-figure }}\n", (str(tmp_path / "add_broken.py"),)
    )
    result = _build_tiny(project, cache)
    assert result.returncode != 0
    message = result.stderr
    assert "broken-figure" in message and "index.md" in message, message
    assert "ValueError: deliberately broken" in message and "broken_figures.py" in message


def test_figure_links_are_relative_to_the_page() -> None:
    from site_tools.figure_markup import figure_markdown

    spec = FIGURES["perceptron-graph"]
    top = figure_markdown(spec, "index.md", 1, (614, 288))
    nested = figure_markdown(spec, "lecture-1/perceptron.md", 3, (614, 288))
    assert "](figures/perceptron-graph-light.svg#only-light)" in top
    assert "](../figures/perceptron-graph-dark.svg#only-dark)" in nested
    assert "**Figure 3:**" in nested
    assert 'width="614" height="288" loading="lazy"' in nested


@pytest.mark.slow  # a whole (one-page) MkDocs build
def test_figures_switched_off_build_placeholders_without_rendering(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path, "# Page\n\n{{ figure: perceptron-graph }}\n")
    env_cache = tmp_path / "empty-cache"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            render.CACHE_ENV: str(env_cache),
            render.SWITCH_ENV: "off",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "notes-figure-placeholder" in html and "<img" not in html
    assert not list(env_cache.glob("*.svg")), "figures were rendered although switched off"


def test_cache_key_follows_exactly_the_code_a_figure_draws_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit copies of the sources: a figure's key changes with the code it runs (its module,
    the notes_lib code it plots, transitively), never with docstrings, comments, layout, or
    code it does not use."""
    for package in ("figures", "notes_lib"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    monkeypatch.setattr(render, "ROOT", tmp_path)
    by_module = {spec.module: spec for spec in FIGURES.values()}
    activation, perceptron = by_module["figures.activations"], by_module["figures.perceptron"]

    def keys() -> tuple[str, str]:
        return render.cache_key(activation, "light"), render.cache_key(perceptron, "light")

    def edit(module: str, change: Callable[[str], str]) -> None:
        path = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    start = keys()
    assert render.cache_key(activation, "dark") != start[0], "the theme is part of the key"
    assert start[0] != render.cache_key(by_module["figures.training"], "light")

    edit("notes_lib.activations", lambda text: f"# A comment.\n\n\n{text}\n# Another.\n")
    edit("figures.activations", lambda text: text.replace('"""', '"""Reworded. ', 1))
    assert keys() == start, "docstrings, comments and layout changed a key"

    edit("notes_lib.training", lambda text: text + "\nUNUSED_BY_THESE_FIGURES = 1\n")
    assert keys() == start, "code the figures do not import changed their keys"

    # The perceptron figures import notes_lib.perceptron, which uses the activations.
    edit("notes_lib.activations", lambda text: text + "\nCHANGED = 1\n")
    changed = keys()
    assert changed[0] != start[0] and changed[1] != start[1], "a code change kept a key"
