"""The frozen `annotator` executable: the command line (self-test, import, export, gui...)."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
