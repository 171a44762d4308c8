"""MkDocs integration: the hook named in mkdocs.yml and the faster abbreviation matcher it installs."""
