"""What serving any page needs and editors rarely change: cached for the whole site, and
kept ready in each process.

The site and its home pages, the site settings, the legal state, the cookie registry and
whether any page has a view restriction are read to serve every page. They are kept in Django's cache (Redis in
production: shared by every process and server) under keys that carry a *stamp*, and each
process also keeps the values it has read, already unpickled, for as long as the stamp stays
the same: unpickling them from the cache on every request cost more than half a
millisecond a page.

Any change to one of them calls `site_cache_forget()`, which renews the stamp now and again
once the transaction commits (a request racing it may have cached the old value). Every
process then reads afresh at its next request, and entries under an old stamp expire on
their own. A cleared cache renews the stamp too.

The values a process keeps are shared by the requests it serves: they are read, never
modified. This lives in `legal` because `legal` is the app every other one may import.
"""

import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

STAMP_KEY = "site-cache:stamp"
ENTRY_KEY = "site-cache:{stamp}:{name}"
DEFAULT_TIMEOUT = 24 * 60 * 60
MAX_KEPT = 256  # names are per host, language and day: a handful in practice

T = TypeVar("T")

# name -> (deadline, value), valid under the stamp below.
_kept: dict[str, tuple[float, object]] = {}
_kept_stamp: list[str | None] = [None]


def site_cached(name: str, build: Callable[[], T], *, timeout: int = DEFAULT_TIMEOUT) -> T:
    """`build()`'s value, computed once for the whole site and kept for `timeout` seconds at
    most, or until `site_cache_forget()`."""
    stamp = site_cache_stamp()
    now = time.time()
    kept = _kept.get(name)
    if kept is not None and kept[0] > now:
        return kept[1]
    key = ENTRY_KEY.format(stamp=stamp, name=name)
    entry = cache.get(key)
    if entry is None:
        # The deadline travels with the value, so no process keeps it longer than `timeout`.
        entry = (now + timeout, build())
        cache.set(key, entry, timeout)
    if stamp is not None:
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[name] = entry
    return entry[1]


def site_cache_forget() -> None:
    """Something `site_cached` keeps has changed: every process reads afresh."""
    _renew()
    transaction.on_commit(_renew)


def _renew() -> None:
    cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)


def site_cache_stamp() -> str | None:
    """Changes whenever something kept here changes: a key part for what is made from it."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(STAMP_KEY)  # None only without a working cache: nothing is kept
    if stamp != _kept_stamp[0]:
        _kept.clear()
        _kept_stamp[0] = stamp
    return stamp
