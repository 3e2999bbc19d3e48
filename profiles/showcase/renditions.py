"""The image sizes public pages use, made ahead of time: an anonymous request never makes one."""

import functools
import logging
from dataclasses import dataclass, field

from wagtail.images import get_image_model

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

    @functools.cached_property
    def found(self) -> dict:
        return ready_renditions(self)

    @property
    def fallback(self):
        """The JPEG the <img> shows; None leaves the picture out (its renditions are not made)."""
        return self.found.get(PORTFOLIO_FALLBACK)

    @property
    def webp_srcset(self) -> str:
        found = self.found
        return ", ".join(
            f"{found[spec].url} {found[spec].width}w" for spec in PORTFOLIO_WEBP if spec in found
        )

    sizes = PORTFOLIO_SIZES


@dataclass(frozen=True)
class ReadyRendition:
    filter_spec: str
    url: str
    width: int
    height: int


def renditions_attach(pictures) -> None:
    """Fetch the ready renditions of many pictures in one query and attach them to each.

    Only their addresses and sizes are read (no rendition objects are built), and a missing
    rendition is left out by the template, never generated during the request."""
    pictures = [picture for picture in pictures if picture is not None]
    if not pictures:
        return
    Rendition = get_image_model().get_rendition_model()
    storage = Rendition._meta.get_field("file").storage
    by_image: dict[int, list] = {picture.pk: [] for picture in pictures}
    found = Rendition.objects.filter(
        image_id__in=list(by_image), filter_spec__in=PORTFOLIO_SPECS
    ).values_list("image_id", "filter_spec", "file", "width", "height")
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
