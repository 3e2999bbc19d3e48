"""The image sizes public pages use, made ahead of time: an anonymous request never makes one."""

import logging

from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

# Portfolio grid: WebP in two widths for srcset, a JPEG fallback for old browsers.
PORTFOLIO_WEBP = ("fill-480x360|format-webp", "fill-960x720|format-webp")
PORTFOLIO_FALLBACK = "fill-480x360|format-jpeg"
PORTFOLIO_SPECS = (*PORTFOLIO_WEBP, PORTFOLIO_FALLBACK)
PORTFOLIO_SIZES = "(min-width: 60rem) 22rem, (min-width: 40rem) 45vw, 100vw"


def renditions_attach(images) -> None:
    """Fetch the ready renditions of many images in one query and attach them to each image.

    Wagtail's own lookup (`get_rendition`) then finds them without a query, and our template
    tag reads only these: a missing rendition is skipped, never generated during the request.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    Rendition = get_image_model().get_rendition_model()
    by_image: dict[int, list] = {image.pk: [] for image in images}
    for rendition in Rendition.objects.filter(
        image_id__in=list(by_image), filter_spec__in=PORTFOLIO_SPECS
    ):
        by_image[rendition.image_id].append(rendition)
    for image in images:
        image.prefetched_renditions = by_image[image.pk]


def ready_renditions(image) -> dict:
    """{spec: rendition} among those attached by `renditions_attach`."""
    found = {}
    for rendition in getattr(image, "prefetched_renditions", None) or ():
        found.setdefault(rendition.filter_spec, rendition)
    missing = [spec for spec in PORTFOLIO_SPECS if spec not in found]
    if missing:
        logger.warning("Image %s has no rendition %s yet; it is left out.", image.pk, missing)
    return found


def renditions_generate(images) -> int:
    """Make every public rendition of these images (idempotent: existing ones are kept)."""
    made = 0
    for image in images:
        if image is not None:
            made += len(image.get_renditions(*PORTFOLIO_SPECS))
    return made
