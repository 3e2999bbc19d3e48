"""French first, English complete: every string of ours has its English translation."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy (check and unmark): {fuzzy}"


def test_every_translate_tag_in_templates_is_in_the_catalogue():
    import re

    po = polib.pofile(str(CATALOGUE))
    known = {entry.msgid for entry in po if not entry.obsolete}
    pattern = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
    missing = []
    for template in (ROOT / "templates").rglob("*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            if match.group(2) not in known:
                missing.append(f"{template.relative_to(ROOT)}: {match.group(2)}")
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)
