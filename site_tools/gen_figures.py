"""mkdocs-gen-files script: add every registered figure to the site, light and dark.

The figures come from the cache in ``.cache/figures/`` and are rendered only when their code
changed (see :mod:`figures.render`); they become virtual files ``figures/NAME-light.svg`` and
``figures/NAME-dark.svg`` of the site and are never written into ``docs/``.
"""

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from site_tools import figure_markup

try:
    figure_markup.generate(mkdocs_gen_files.open, mkdocs_gen_files.config["docs_dir"])
except figure_markup.FigureError as error:
    raise PluginError(str(error)) from error
