"""Build the notes with Zensical from the same sources and the same Markdown extension.

``python -m site_tools.zensical_build [SITE_DIR]`` (``make build-zensical``; default
``site-zensical/``). Zensical reads ``mkdocs.yml`` and runs Python-Markdown with its
``markdown_extensions``, so markers, math and the glossary come from the same
:mod:`site_tools.extension`; but it has no plugin API and ignores ``hooks:``, so what the
MkDocs adapter does in a hook happens here before the build:

1. the figures are rendered (or taken from the cache) by
   :func:`site_tools.figure_markup.prepare`, exactly as for MkDocs;
2. the docs are copied to ``.cache/zensical/docs`` and the figures and their listings are
   written into the copy, where the figure markers' relative links find them;
3. a copy of ``mkdocs.yml`` points ``docs_dir``, ``site_dir`` and the extension's
   ``figures`` option (the JSON manifest of the rendered figures) at those files;
4. ``zensical build --strict`` runs on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from site_tools import figure_markup

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = "site_tools.extension"


def zensical_config(work: Path, docs: Path, site: Path, manifest: Path) -> dict[str, Any]:
    """``mkdocs.yml`` for Zensical: docs copy, output folder and figures manifest."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # Paths relative to the config's folder (Zensical's project root), which holds them all.
    config["docs_dir"] = docs.relative_to(work).as_posix()
    config["site_dir"] = site.relative_to(work).as_posix()
    config.pop("hooks", None)  # ignored by Zensical; the steps above stand in for them
    config.pop("watch", None)
    if custom := config.get("theme", {}).get("custom_dir"):
        shutil.copytree(ROOT / custom, work / custom, dirs_exist_ok=True)
    extensions = []
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == EXTENSION:
            options = dict((entry if isinstance(entry, dict) else {}).get(name) or {})
            if glossary := options.get("abbreviations"):
                options["abbreviations"] = str(ROOT / glossary)
            options["figures"] = str(manifest)
            entry = {name: options}
        extensions.append(entry)
    config["markdown_extensions"] = extensions
    return config


def build(site: Path, work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Prepare figures and docs, then run ``zensical build --strict``; the finished process."""
    import yaml

    work = work or ROOT / ".cache" / "zensical"
    docs = work / "docs"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(ROOT / "docs", docs)
    figures = figure_markup.prepare(ROOT / "docs")
    figures.write(docs)
    manifest = work / "figures.json"
    manifest.write_text(figures.to_json(), encoding="utf-8")
    config = work / "mkdocs.yml"
    # Zensical wants the site inside the folder of its config file; it is moved after.
    built = work / "site"
    config.write_text(
        yaml.dump(
            zensical_config(work, docs, built, manifest), allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    zensical = Path(sys.executable).with_name("zensical")
    done = subprocess.run(
        [str(zensical), "build", "--strict", "--clean", "-f", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        if site.exists():
            shutil.rmtree(site)
        shutil.move(built, site)
    return done


def main(argv: list[str]) -> int:
    """Command line: build into ``argv[0]`` (default ``site-zensical``)."""
    site = Path(argv[0] if argv else "site-zensical").resolve()
    done = build(site)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
