"""Allow `python -m annotator`, which is what a frozen build and Windows users often reach for."""

from annotator.cli import main

raise SystemExit(main())
