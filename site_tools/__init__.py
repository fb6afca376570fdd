"""Build-time glue between the notes library and a site generator.

The build logic is a Python-Markdown extension (:mod:`site_tools.extension`) and plain
functions; :mod:`site_tools.hooks` is the one MkDocs-specific file, and
:mod:`site_tools.zensical_build` builds the same sources with Zensical.
"""
