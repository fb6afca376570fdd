"""Build-time glue between the notes library and MkDocs.

Everything MkDocs-specific lives in :mod:`site_tools.hooks`; the modules it calls
are plain Python so that moving to another site generator touches one file.
"""
