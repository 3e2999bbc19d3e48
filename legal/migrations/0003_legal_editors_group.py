"""The "Juristes" group: legal editors who may use the admin, edit and publish legal pages
(page permissions are granted on each legal page when it is created) and read the
acceptance report. Nothing else."""

from django.db import migrations

GROUP = "Juristes"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("legal", "policyacceptance", "view_policyacceptance"),
    ("legal", "policyversion", "view_policyversion"),
]


def create_group(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations: make sure ours exist now.
    # (wagtailadmin's access_admin comes from its own migration.)
    create_permissions(global_apps.get_app_config("legal"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in MODEL_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0002_policy_archive_notices"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
