"""`annotator ARGS` in a child process, for cases that may hang or grow when the code is wrong.

CONTRACT_MEMORY_MB caps the address space (so a zip bomb fails this process, not the
machine); CONTRACT_FILE_SIZE caps the size of any file it writes, as a full disk would
(Python ignores SIGXFSZ, so the write fails with EFBIG); CONTRACT_STATS names a file that
receives the peak resident memory, written even when an exception escapes, which then prints
its traceback as Python always does.
"""

import json
import os
import resource
import sys


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    cap = int(os.environ.get("CONTRACT_MEMORY_MB", "0"))
    if cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap * 1024 * 1024, cap * 1024 * 1024))
    file_size = int(os.environ.get("CONTRACT_FILE_SIZE", "0"))
    if file_size:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    code = 1
    try:
        from annotator.cli import main

        code = main(sys.argv[1:])
    finally:
        stats = os.environ.get("CONTRACT_STATS")
        if stats:
            with open(stats, "w", encoding="utf-8") as handle:
                json.dump({"peak_mb": _peak_mb()}, handle)
    sys.exit(code)
