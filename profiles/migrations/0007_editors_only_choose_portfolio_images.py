"""Editors and moderators may only choose a retoucher's portfolio image, not change or
delete it (nor replace its file) in Wagtail's image library.

Wagtail grants them add/change/delete on the root collection, which every collection
inherits, portfolios included. Permissions cannot be taken back lower in the tree, so
those rights move to a collection of the site's own images (holding the images that sat
in the root) and the root keeps only "choose". Retouchers' portfolios live under their
own parent collection, created here so that it exists before the first upload.
"""

from django.db import migrations

SITE_IMAGES = "Images du site"
PORTFOLIOS = "Portfolios des retoucheurs"  # profiles.services.PORTFOLIOS_COLLECTION_NAME
GROUPS = ["Editors", "Moderators"]
EDIT_CODENAMES = ["add_image", "change_image", "delete_image"]
STEP = 4  # treebeard's path step (Collection is an MP_Node)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _increment(key: str) -> str:
    digits = list(key)
    for i in reversed(range(len(digits))):
        position = ALPHABET.index(digits[i])
        if position + 1 < len(ALPHABET):
            digits[i] = ALPHABET[position + 1]
            return "".join(digits)
        digits[i] = ALPHABET[0]
    raise ValueError("collection tree full")


def _child_of_root(Collection, root, name):
    """The root's child of that name, created if missing (historical models have no
    treebeard methods: the path is computed as treebeard does)."""
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing:
        return existing
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    key = _increment(last.path[-STEP:]) if last else "0001"
    child = Collection.objects.create(name=name, path=root.path + key, depth=2, numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    root.numchild += 1
    return child


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Image = apps.get_model("wagtailimages", "Image")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    site_images = _child_of_root(Collection, root, SITE_IMAGES)
    _child_of_root(Collection, root, PORTFOLIOS)
    Image.objects.filter(collection=root).update(collection=site_images)
    edit = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=EDIT_CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        GroupCollectionPermission.objects.filter(
            group=group, collection=root, permission__in=edit
        ).delete()
        for permission in edit:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=site_images, permission=permission
            )


def backwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    edit = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=EDIT_CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        for permission in edit:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0006_showcase_remembers_what_restriction_unpublished"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
