"""Editors approve showcases in the "Validation vitrine" workflow: approving publishes the
page, so every group of the workflow's task needs the publish permission on the directory
(without it "Approve and publish" ends in a permission error)."""

from django.db import migrations

TASK_NAME = "Validation vitrine par la modération"
REVIEWER_GROUPS = ["Moderators", "Editors"]


def reviewers_may_publish_showcases(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    ProviderIndexPage = apps.get_model("profiles.ProviderIndexPage")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    groups = list(Group.objects.filter(name__in=REVIEWER_GROUPS))
    if task is not None:
        task.groups.add(*groups)
        groups = list(task.groups.all())
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
    )
    for directory in ProviderIndexPage.objects.all():
        for group in groups:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=directory.pk, permission=publish
            )


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0009_move_private_files_out_of_public_media"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(reviewers_may_publish_showcases, migrations.RunPython.noop)]
