"""A readable comparison of two published versions of a legal document.

The stored text of a version is HTML. We compare it passage by passage (one heading,
paragraph, list item or table row each), and within a changed passage word by word, so that
readers see exactly which words were added or removed.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

PASSAGE_TAGS = {"h1", "h2", "h3", "h4", "p", "li", "tr", "caption"}


class _PassageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.passages: list[str] = []
        self._current: list[str] = []

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.passages.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in PASSAGE_TAGS:
            self._flush()
        elif tag in {"td", "th", "br"}:
            self._current.append(" ")

    def handle_endtag(self, tag):
        if tag in PASSAGE_TAGS:
            self._flush()

    def handle_data(self, data):
        self._current.append(data)

    def close(self):
        super().close()
        self._flush()


def passages(html: str) -> list[str]:
    parser = _PassageParser()
    parser.feed(html)
    parser.close()
    return parser.passages


@dataclass
class Fragment:
    """A run of words: kept ("equal"), added ("insert") or removed ("delete")."""

    kind: str
    text: str


@dataclass
class Passage:
    """A passage of the new text: unchanged, added, removed, or changed (with its fragments)."""

    kind: str
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.fragments)


@dataclass
class TextDiff:
    passages: list[Passage]

    @property
    def added(self) -> int:
        return sum(1 for p in self.passages if p.kind == "insert")

    @property
    def removed(self) -> int:
        return sum(1 for p in self.passages if p.kind == "delete")

    @property
    def changed(self) -> int:
        return sum(1 for p in self.passages if p.kind == "replace")

    @property
    def has_changes(self) -> bool:
        return any(p.kind != "equal" for p in self.passages)


_WORDS = re.compile(r"\S+")


def _word_diff(old: str, new: str) -> list[Fragment]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    fragments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            fragments.append(Fragment("equal", " ".join(new_words[b1:b2])))
            continue
        if op in {"delete", "replace"}:
            fragments.append(Fragment("delete", " ".join(old_words[a1:a2])))
        if op in {"insert", "replace"}:
            fragments.append(Fragment("insert", " ".join(new_words[b1:b2])))
    return fragments


def _pair_changed(old: list[str], new: list[str]) -> list[Passage]:
    """Pair similar passages as changed; what stays unpaired was removed or added."""
    result = []
    j = 0
    for old_text in old:
        best = None
        for k in range(j, len(new)):
            ratio = difflib.SequenceMatcher(a=old_text, b=new[k], autojunk=False).ratio()
            if ratio >= 0.5:
                best = k
                break
        if best is None:
            result.append(Passage("delete", [Fragment("delete", old_text)]))
            continue
        for added in new[j:best]:
            result.append(Passage("insert", [Fragment("insert", added)]))
        result.append(Passage("replace", _word_diff(old_text, new[best])))
        j = best + 1
    for added in new[j:]:
        result.append(Passage("insert", [Fragment("insert", added)]))
    return result


def text_diff(old_html: str, new_html: str) -> TextDiff:
    old, new = passages(old_html), passages(new_html)
    result = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(Passage("equal", [Fragment("equal", text)]) for text in new[b1:b2])
        elif op == "delete":
            result.extend(Passage("delete", [Fragment("delete", text)]) for text in old[a1:a2])
        elif op == "insert":
            result.extend(Passage("insert", [Fragment("insert", text)]) for text in new[b1:b2])
        else:
            result.extend(_pair_changed(old[a1:a2], new[b1:b2]))
    return TextDiff(result)
