"""MkDocs' own command line, for an incremental build (scripts/sitebuild.py): every file MkDocs writes becomes a new
file instead of overwriting the old one in place.

The incremental build updates a hard-linked copy of the last site: writing in place would change the last site's
files too, and a failed build would leave it half updated. MkDocs' caution about --dirty builds is silenced: the
incremental build is intended, and in strict mode that caution would count as a warning.
"""

from __future__ import annotations

import logging
import os
import sys


def _written_anew(write):
    def wrapper(*arguments):
        output = arguments[-1]
        if os.path.isfile(output):
            os.unlink(output)
        return write(*arguments)
    return wrapper


def main() -> int:
    from mkdocs import utils
    from mkdocs.__main__ import cli

    utils.write_file = _written_anew(utils.write_file)
    utils.copy_file = _written_anew(utils.copy_file)
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))
    return cli.main(prog_name="mkdocs", standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
