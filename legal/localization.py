"""Publishing human translations of pages through wagtail-localize.

Seeded content ships in both languages. Rather than writing the English page by hand, we
go through wagtail-localize like a translator would: the French page is the source, each of
its strings gets its English counterpart, and wagtail-localize builds and publishes the
English page. Editors can then keep translating it in the admin as usual.

Every app's demo uses it, so it lives in `legal`, the app every other one may import.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _strings(instance) -> list[StringSegmentValue]:
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


@transaction.atomic
def page_translate(*, source_page: Page, locale: Locale, translated_page: Page) -> Page:
    """Publish `source_page` in `locale` with the strings of `translated_page`.

    `translated_page` is an unsaved instance of the same page type whose translatable fields
    hold the target language, in the same structure as the source (same blocks in the same
    order). Strings are paired by position, so a structural mismatch is an error.
    """
    source_page = source_page.specific
    source, created = TranslationSource.get_or_create_from_instance(source_page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    source_strings = _strings(source_page)
    target_strings = _strings(translated_page)
    if len(source_strings) != len(target_strings):
        raise ValueError(
            f"{source_page}: {len(source_strings)} strings in the source, "
            f"{len(target_strings)} in the translation."
        )
    by_context = {
        (src.path, src.string.data): dst.string.data
        for src, dst in zip(source_strings, target_strings, strict=True)
    }
    po = translation.export_po()
    for entry in po:
        entry.msgstr = by_context.get((entry.msgctxt, entry.msgid), entry.msgstr)
    translation.import_po(po)
    translation.save_target(publish=True)
    return source_page.get_translation(locale)
