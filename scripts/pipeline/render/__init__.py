"""Render stage: the library and the schemas become Markdown pages and data files (paths relative to docs/).

Every function is pure: records in, `{path: text}` out. Addresses come from scripts/pipeline/paths.py, pieces
shared by several pages from common.py; the collections' own modules (practices, glossary, reports) are named in
the registry (scripts/pipeline/registry.py), the site-wide ones (browse, reference, exports, acronyms, search) are
called by scripts/pipeline/run.py.
"""
