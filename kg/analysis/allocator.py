"""Keep glibc from returning the shuffle test's working memory to the system after every shuffle.

Each exposure table allocates arrays of a few megabytes. By default glibc serves such blocks with
fresh ``mmap`` pages and unmaps them when freed, so every shuffle pays for page faults and
zeroing: on the Chicago records that was 60% of the test's time. Raising the mmap and trim
thresholds (``mallopt``, the same as the ``MALLOC_MMAP_THRESHOLD_`` and
``MALLOC_TRIM_THRESHOLD_`` environment variables) makes glibc reuse the heap instead. Elsewhere
than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024
"""glibc's largest allowed mmap threshold on 64-bit systems."""
TRIM_THRESHOLD = 256 * 1024 * 1024


@cache
def keep_heap() -> bool:
    """Raise glibc's thresholds once per process; True when it took effect."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
