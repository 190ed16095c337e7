"""`python -m pipeline` is the `natprog` command."""

import sys

from .cli import main

sys.exit(main())
