"""Start the GUI: the QApplication, the project to show first, and the --screenshot mode."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.app.projects import ensure_demo_project
from annotator.errors import UserError
from annotator.interop.files import check_output
from annotator.resources import icon_path
from annotator.store import ProjectStore
from annotator.ui.collector import MainThreadCollector
from annotator.ui.main_window import MainWindow
from annotator.ui.options import DEFAULT_SIZE, add_window_arguments
from annotator.ui.settings import APPLICATION, ORGANIZATION, Settings
from annotator.ui.system_libraries import check_before_qt, check_report

#: Quiet period after the window stops working before a screenshot is taken.
SETTLE_MS = 300
#: Longest wait for background work before the screenshot is taken anyway.
SCREENSHOT_TIMEOUT_MS = 120_000


def run_gui(
    *,
    project: Path | None = None,
    article_id: int | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
    check_libraries: bool = False,
) -> int:
    """Open the main window; with `screenshot`, render it offscreen, save a PNG and return.

    `size` overrides the remembered window size; `check_libraries` only checks the system
    libraries the window needs on X11 and says so."""
    if check_libraries:
        print(f"annotator: {check_report()}")
        return 0
    if screenshot is not None:
        # Render without a display so screenshots work on servers and in CI.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # Never over a project or any SQLite file (QImage.save writes in place), nor a folder.
        check_output(screenshot, project=project)
    check_before_qt()  # a missing X11 library is one sentence, not Qt's abort
    store = ProjectStore.open(project) if project is not None else None
    app = application()
    settings = Settings()
    window = MainWindow(settings)
    if screenshot is not None:  # one size whatever the last session left, which stays as it was
        window.remember_layout = False
        size = size or DEFAULT_SIZE
    if size is not None:
        window.resize(*size)
    app.installEventFilter(FileOpener(window, app))
    window.set_store(store or _default_store(settings))
    if article_id is not None and not window.select_article(article_id):
        name = window.store.path if window.store else "the project"
        window.close()
        raise UserError(f"{name}: no article with id {article_id}")
    window.show()
    if screenshot is None:
        if not settings.has_user_name():  # first start: whose annotations are these?
            window.ask_user_name()
        return app.exec()
    return _screenshot_when_settled(app, window, screenshot)


class FileOpener(QObject):
    """macOS hands a double-clicked project file to the running app as a FileOpen event,
    not on the command line: open it in the window. (Events are delivered once the event
    loop runs, after the window has its first project.)"""

    def __init__(self, window: MainWindow, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self.window.open_project(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def application() -> QApplication:
    """The running QApplication (tests make their own), named and with the app icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName("annotator")
    app.setWindowIcon(QIcon(str(icon_path())))
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
    return app


def _default_store(settings: Settings) -> ProjectStore:
    """The last project used if it still opens, else the user's copy of the demo project."""
    last = settings.last_project()
    if last is not None and last.exists():
        try:
            return ProjectStore.open(last)
        except UserError:
            settings.remove_recent_project(last)
    return ProjectStore.open(ensure_demo_project())


def _screenshot_when_settled(app: QApplication, window: MainWindow, out: Path) -> int:
    """Wait until suggestions are in and the window has been idle for a moment, then shoot."""
    result = {"code": 0, "waited": 0, "idle": 0}

    def shoot() -> None:
        if not window.grab().save(str(out), "PNG"):
            print(f"annotator: error: {out}: could not write the screenshot", file=sys.stderr)
            result["code"] = 1
        window.close()
        app.quit()

    def poll() -> None:
        result["waited"] += 100
        result["idle"] = 0 if window.is_busy() else result["idle"] + 100
        if result["idle"] >= SETTLE_MS or result["waited"] >= SCREENSHOT_TIMEOUT_MS:
            shoot()
        else:
            QTimer.singleShot(100, poll)

    QTimer.singleShot(100, poll)
    app.exec()
    return result["code"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `annotator-gui` launcher (no console window on Windows): the
    options of `annotator gui`, parsed here, as the CLI is a layer above the window."""
    parser = argparse.ArgumentParser(prog="annotator-gui", description="Open the main window.")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    add_window_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_gui(
            project=args.project,
            article_id=args.article,
            screenshot=args.screenshot,
            size=args.size,
            check_libraries=args.check_libraries,
        )
    except UserError as error:
        print(f"annotator: error: {error}", file=sys.stderr)
        return 1


def window_check(project: Path) -> str:
    """For `annotator self-test`: open the main window on `project` offscreen, let it settle
    (the suggestion model loads in its thread) and draw it, without touching the user's
    settings. Says what it drew; raises UserError if nothing was drawn."""
    import tempfile

    from PySide6.QtCore import QSettings

    with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        shot = Path(folder) / "window.png"
        run_gui(project=project, article_id=1, screenshot=shot)
        size = shot.stat().st_size if shot.exists() else 0
        if size < 1000:
            raise UserError("self-test failed: the main window could not be drawn")
        return f"{size // 1024} KB image of the main window with the demo article"
