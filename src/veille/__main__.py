"""``python -m veille`` runs the CLI."""

import sys

from veille.cli import main

sys.exit(main())
