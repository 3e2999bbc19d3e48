"""The browser family of a User-Agent header: all a consent record keeps of it.

A deliberately small parser: the family is enough to tell, as proof of consent, which kind
of browser made a choice, and keeps nothing that could single a visitor out (no version,
no OS build, no device model).
"""

import re

# Order matters: Edge and Opera announce themselves as Chrome, Chrome as Safari.
_FAMILIES = [
    (re.compile(r"bot|crawler|spider|slurp|headless", re.I), "Robot"),
    (re.compile(r"Edg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"OPR/|Opera"), "Opera"),
    (re.compile(r"SamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"Firefox/|FxiOS/"), "Firefox"),
    (re.compile(r"Chrome/|Chromium/|CriOS/"), "Chrome"),
    (re.compile(r"Safari/"), "Safari"),
]


def user_agent_family(user_agent: str) -> str:
    for pattern, family in _FAMILIES:
        if pattern.search(user_agent or ""):
            return family
    return "Autre"
