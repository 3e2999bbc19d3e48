"""Every hook `profiles` offers to the apps above it (orders, home), in one place.

Imports run one way (README.md, "Layout"): `profiles` never imports `orders`, yet the privacy
centre must export, restrict and erase orders' data, and the showcase shows orders' reviews.
So `profiles` calls Wagtail hooks, `wagtail.hooks.get_hooks(NAME)`, and a higher app fills
them with `@hooks.register(NAME)` in its `wagtail_hooks.py` (loaded by Wagtail on the first
`get_hooks` call, in web processes, Celery workers and tests alike). Every hook name starts
with `retoucherie_`: `grep -rn retoucherie_ --include=extension_points.py` lists them all.

Every function registered here must be idempotent: a retried task may call it twice.
Django signals are not an extension point: they serve cache invalidation only.
"""

PERSONAL_DATA_DECLARATIONS = "retoucherie_personal_data_declarations"
"""fn(registry) -> None: declare the app's personal fields on the personal-data registry
(`registry.declare(...)`, `registry.exempt_model(...)`). Called once, on the registry's first
read. Filled by profiles (its own, legal's and the libraries' models) and orders."""

PERSONAL_DATA_EXPORT = "retoucherie_personal_data_export"
"""fn(user) -> Iterable[ExportedRecord]: records of the user's data beyond the declared fields,
added to the access page and the export. No app fills it yet."""

ON_RESTRICT = "retoucherie_on_restrict"
"""fn(user) -> None: the user restricted the processing of their data (policy §7); stop what
must stop. Filled by profiles (the showcase goes off line)."""

ON_LIFT_RESTRICTION = "retoucherie_on_lift_restriction"
"""fn(user) -> None: the user lifted the restriction; put back what it stopped. Filled by
profiles (the showcase pages the restriction unpublished are republished)."""

ON_ERASE = "retoucherie_on_erase"
"""fn(user) -> None: the account is being deleted, inside the deletion transaction, before the
user row goes; delete or anonymise what the declarations do not cover. Filled by profiles
(the showcase page is deleted in every language)."""

DELETION_BLOCKERS = "retoucherie_deletion_blockers"
"""fn(user) -> list[str]: reasons the account cannot be deleted now (an open order, a payment
in progress), shown to the user. Filled by orders."""

HAS_PURCHASED = "retoucherie_has_purchased"
"""fn(user) -> bool: whether a client bought something, so that a retention record is kept for
10 years (policy §5). Filled by orders."""

RETENTION_PURGE = "retoucherie_retention_purge"
"""fn(*, now, dry_run) -> list[str]: an extra retention purge run by `purge_expired_data`, each
line a description of what was (or would be) removed. Filled by profiles (the cookie consent
log of legal, which imports nothing of ours)."""

RECTIFICATION_LINKS = "retoucherie_rectification_links"
"""fn(user) -> list[tuple[str, str]]: (URL name, label) of forms where the user corrects data,
listed by the privacy centre after the account pages'. No app fills it yet."""

SHOWCASE_REVIEWS = "retoucherie_showcase_reviews"
"""fn(*, user_id, limit) -> tuple[list[PublicReview], list[PublicEvent]]: the latest published
reviews of a retoucher (newest first) and the tally of automatic events, public fields only
(profiles.showcase.reviews). Filled by orders."""
