"""Entry point of `python -m scripts`."""

import sys

from .cli import main

sys.exit(main())
