"""``python -m evidence_guides.cli``: the ``guides`` command without its console script.

Tests and the hostile-input suite run it this way, in a fresh process, with
the interpreter they choose.
"""

from __future__ import annotations

import sys

from evidence_guides.cli import main

sys.exit(main())
