"""Guard against PySide6 releases that crash CPython 3.11 after many None-returning calls.

PySide6-Essentials 6.12.0 on CPython 3.11 dies with "Fatal Python error: none_dealloc" after
some tens of thousands of calls to methods returning None (a reference-count fault that 3.12+
hides because None is immortal there). The call loop runs in a subprocess so a relapse fails
this test instead of killing the whole test run.
"""

import subprocess
import sys

CALLS = 100_000

SCRIPT = f"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication([])
document = QTextDocument("x" * 100)
cursor = QTextCursor(document)
editor = QPlainTextEdit()
for i in range({CALLS} // 2):
    cursor.setPosition(i % 100)
    editor.setReadOnly(bool(i % 2))
print("survived", {CALLS})
"""


def test_many_none_returning_calls_do_not_crash_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"PySide6 crashed the interpreter:\n{result.stderr[-2000:]}"
    assert f"survived {CALLS}" in result.stdout
