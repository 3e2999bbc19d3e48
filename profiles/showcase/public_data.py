"""What public pages show, and which services change it.

Every service listed here changes something an anonymous visitor sees on a showcase or in
the directory, so it drops the anonymous page cache (profiles.showcase.cache) itself, and
again once its transaction commits. tests/profiles/test_showcase_freshness.py calls each
one and checks that the next anonymous request shows the change; it also fails when a
public field (PUBLIC_PROVIDER_FIELDS, PUBLIC_USER_FIELDS) is in neither table below, so a
new public field comes with the services that change it.

Services are named by dotted path: `orders` may import `profiles`, not the other way round
(ARCHITECTURE.md), and this module imports none of them.
"""

PERSONAL_DETAILS = "profiles.services.personal_details_update"
ACTIVITY = "profiles.services.provider_activity_update"
REVIEW_PUBLISH = "orders.reviews.services.review_publish"
REVIEW_REMOVE = "orders.reviews.services.review_remove"

# "provider.<field>" and "user.<field>" are the public columns; "portfolio", "skills",
# "reviews" and "page" are what the showcase and the directory show besides.
PUBLIC_DATA_SERVICES: dict[str, tuple[str, ...]] = {
    "provider.city": (PERSONAL_DETAILS,),
    "provider.photo": (PERSONAL_DETAILS,),
    "provider.preferred_clientele": (ACTIVITY,),
    "provider.rating_average": (REVIEW_PUBLISH, REVIEW_REMOVE),
    "provider.review_count": (REVIEW_PUBLISH, REVIEW_REMOVE),
    "user.first_name": (PERSONAL_DETAILS,),
    "user.last_name": (PERSONAL_DETAILS,),
    "portfolio": (
        "profiles.services.portfolio_image_add",
        "profiles.services.portfolio_image_update",
        "profiles.services.portfolio_image_move",
        "profiles.services.portfolio_image_delete",
        "profiles.showcase.services.portfolio_renditions_generate",
    ),
    "skills": (ACTIVITY,),
    "reviews": (REVIEW_PUBLISH, REVIEW_REMOVE),
    "page": (
        "profiles.showcase.services.showcase_unpublish",
        "profiles.privacy.services.processing_restrict",
        "profiles.privacy.services.processing_restriction_lift",
        "profiles.privacy.services.account_erase",
    ),
}

# Public fields no service changes, and why they still never go stale.
PUBLIC_FIELDS_WITHOUT_SERVICE: dict[str, str] = {
    "provider.id": "a primary key never changes",
    "provider.user": "a profile never changes owner",
    "user.id": "a primary key never changes",
    "user.is_active": "changed only by staff in the Wagtail admin; a User save drops the cache",
    "provider.allow_search_indexing": (
        "no screen changes it yet (the default is kept); a profile save drops the cache"
    ),
}
