"""Putting the built site online: security headers computed from the built pages (prepare.py, headers.py) and the
production nginx configuration served on loopback (nginx.py). Run after `mkdocs build`; the pipeline never imports it."""
