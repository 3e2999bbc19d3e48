"""The image sizes public pages use, made ahead of time: an anonymous request never makes one."""

import logging
from dataclasses import dataclass, field

from wagtail.images import get_image_model

from profiles.showcase import sql

logger = logging.getLogger(__name__)

# Portfolio grid: WebP in two widths for srcset, a JPEG fallback for old browsers.
PORTFOLIO_WEBP = ("fill-480x360|format-webp", "fill-960x720|format-webp")
PORTFOLIO_FALLBACK = "fill-480x360|format-jpeg"
PORTFOLIO_SPECS = (*PORTFOLIO_WEBP, PORTFOLIO_FALLBACK)
PORTFOLIO_SIZES = "(min-width: 60rem) 22rem, (min-width: 40rem) 45vw, 100vw"


@dataclass
class PortfolioPicture:
    """A portfolio image as a public page shows it: its id, its alternative text and the
    renditions `renditions_attach` found ready for it."""

    pk: int
    default_alt_text: str
    ready: list = field(default_factory=list)


@dataclass(frozen=True)
class ReadyRendition:
    filter_spec: str
    url: str
    width: int
    height: int


def renditions_attach(pictures) -> None:
    """Fetch the ready renditions of many pictures in one query and attach them to each.

    Only their addresses and sizes are read (no rendition objects are built), and a missing
    rendition is skipped by the template tag, never generated during the request (in SQL:
    profiles.showcase.sql says why)."""
    pictures = [picture for picture in pictures if picture is not None]
    if not pictures:
        return
    Rendition = get_image_model().get_rendition_model()
    storage = Rendition._meta.get_field("file").storage
    by_image: dict[int, list] = {picture.pk: [] for picture in pictures}
    ids = list(by_image)
    found = sql.rows(
        "SELECT image_id, filter_spec, file, width, height "  # noqa: S608 - names from models
        f"FROM {sql.table(Rendition)} "
        f"WHERE image_id IN ({', '.join(['%s'] * len(ids))}) "
        f"AND filter_spec IN ({', '.join(['%s'] * len(PORTFOLIO_SPECS))})",
        [*ids, *PORTFOLIO_SPECS],
    )
    for image_id, spec, name, width, height in found:
        by_image[image_id].append(ReadyRendition(spec, storage.url(name), width, height))
    for picture in pictures:
        picture.ready = by_image[picture.pk]


def ready_renditions(picture) -> dict:
    """{spec: rendition} among those attached by `renditions_attach`."""
    found = {}
    for rendition in picture.ready:
        found.setdefault(rendition.filter_spec, rendition)
    missing = [spec for spec in PORTFOLIO_SPECS if spec not in found]
    if missing:
        logger.warning("Image %s has no rendition %s yet; it is left out.", picture.pk, missing)
    return found


def renditions_generate(images) -> int:
    """Make every public rendition of these images (idempotent: existing ones are kept)."""
    made = 0
    for image in images:
        if image is not None:
            made += len(image.get_renditions(*PORTFOLIO_SPECS))
    return made
