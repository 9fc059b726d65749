"""The newsroom's groups, permissions and workflows on an existing site (and the role groups on a
new one), through the same service as `manage.py setup_newsroom`, on this migration's models."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def set_up_newsroom(apps, schema_editor):
    from vestnik.newsroom.services import newsroom_setup

    # Django creates permissions after the last migration; the setup needs them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    newsroom_setup(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("news", "0007_infopage"),
    ]

    operations = [migrations.RunPython(set_up_newsroom, migrations.RunPython.noop)]
