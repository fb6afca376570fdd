"""Speed changes to the build leave its output byte-identical.

The glossary of abbreviations used to be appended to every Markdown conversion with
``pymdownx.snippets``' ``auto_append`` (every docstring of the API pages included); the
site's extension now hands it to ``abbr`` once as its glossary. This builds the same sources
both ways and requires every file of the two sites to be the same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from mkdocs.utils.yaml import yaml_load

EXTENSION = "site_tools.extension"


def _digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _appended_glossary_config(tmp: Path) -> Path:
    """``mkdocs.yml`` as it was before the change: ``abbr`` plus snippets' auto_append."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = []
    glossary = None
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict) and EXTENSION in entry:
            options = dict(entry[EXTENSION] or {})
            glossary = Path(options.pop("abbreviations"))
            extensions += ["abbr", {EXTENSION: options} if options else EXTENSION]
        else:
            extensions.append(entry)
    assert glossary is not None, f"{EXTENSION} has no abbreviations option in mkdocs.yml"
    extensions.append(
        {
            "pymdownx.snippets": {
                "base_path": [str(ROOT / glossary.parent)],
                "check_paths": True,
                "auto_append": [glossary.name],
            }
        }
    )
    config["markdown_extensions"] = extensions
    # The variant lives outside the repository: make the paths it resolves from its own
    # location absolute.
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    for key in ("hooks", "watch"):
        config[key] = [str(ROOT / path) for path in config.get(key, [])]
    if custom := config["theme"].get("custom_dir"):
        config["theme"]["custom_dir"] = str(ROOT / custom)
    path = tmp / "mkdocs-appended-glossary.yml"
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_glossary_once_per_conversion_gives_the_same_site(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = build_site(site, config=_appended_glossary_config(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    before, after = _digests(site), _digests(built_site)
    assert before.keys() == after.keys()
    assert [name for name in before if before[name] != after[name]] == []
    # The comparison covers pages where the glossary shows, notes and API alike.
    glossary_pages = [
        name
        for name in ("lecture-1/index.html", "api/activations/index.html")
        if "<abbr title=" in (built_site / name).read_text(encoding="utf-8")
    ]
    assert len(glossary_pages) == 2, glossary_pages
