"""Use cases that the command line and the GUI both call."""
