"""Test-wide setup: Qt renders offscreen, and no test touches the user's settings or data."""

import gc
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Point the data folder and QSettings at fresh temporary folders for every test."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # the non-GUI suites also run where Qt cannot be imported
        return root
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "config"))
    return root


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_on_the_main_thread():
    """As the app does (annotator.ui.collector): no collection may run in a worker thread."""
    gc.disable()
    yield
    gc.enable()


FULL_COLLECTION_EVERY = 50
_tests_since_full_collection = [0]


@pytest.fixture(autouse=True)
def no_worker_thread_left_running(request):
    """Like napari's conftest: a test that leaves a suggestion thread running fails.

    Qt aborts the whole process when a running QThread is destroyed, so a leak here would
    crash some later test instead of failing this one.
    """
    yield
    # On the main thread, between tests. A full collection walks every object spaCy and
    # hypothesis hold (a fifth of a second), so it runs after each Qt test, whose cycles hold
    # widgets, and every FULL_COLLECTION_EVERY tests; the young objects are collected each time.
    _tests_since_full_collection[0] += 1
    if "qtbot" in request.fixturenames or _tests_since_full_collection[0] >= FULL_COLLECTION_EVERY:
        _tests_since_full_collection[0] = 0
        gc.collect()
    else:
        gc.collect(1)
    workers = sys.modules.get("annotator.ui.workers")
    if workers is None:
        return
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    running = [s for s in workers.SuggestionService.instances if s.running]
    assert not running, f"{request.node.name} left {len(running)} suggestion thread(s) running"


@pytest.fixture(autouse=True)
def no_modal_dialog_waits(request, monkeypatch):
    """A modal dialog a test did not replace (ui.dialogs' functions are there to be replaced)
    would wait for a click that never comes and hang the whole run: fail the test instead."""
    if "annotator.ui.dialogs" not in sys.modules and "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(dialog, *_args):
        raise AssertionError(f"{request.node.name} opened a modal dialog: {dialog.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
