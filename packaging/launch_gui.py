"""The frozen `annotator-gui` executable: the main window, with no console on Windows/macOS."""

import sys

from annotator.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
