"""Allow `python -m herzlich_tui`."""

from herzlich_tui.cli import main

raise SystemExit(main())
