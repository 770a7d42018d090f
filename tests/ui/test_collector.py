"""Cyclic garbage is collected on the GUI thread, never by a worker that happens to allocate."""

import gc

from annotator.ui.collector import MainThreadCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_the_collector_turns_automatic_collection_off_and_collects_on_its_timer(qtbot):
    was_enabled = gc.isenabled()
    try:
        collector = MainThreadCollector()
        assert not gc.isenabled()
        gc.collect()
        before = len(gc.get_objects())
        for _ in range(gc.get_threshold()[0] + 10):
            Cycle()
        assert len(gc.get_objects()) > before  # nothing collected them automatically
        collector.collect()
        assert len(gc.get_objects()) <= before + 50
    finally:
        if was_enabled:
            gc.enable()
