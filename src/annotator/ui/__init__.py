"""The Qt interface. The only package that imports PySide6."""
