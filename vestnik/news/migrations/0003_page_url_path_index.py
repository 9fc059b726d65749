"""An index on Wagtail's page url_path: the router finds every page by it (news/routing.py).

Wagtail's own table has none; without it each article view scans every page row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_feed_full_text"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            'CREATE INDEX IF NOT EXISTS "vestnik_page_url_path_idx" ON "wagtailcore_page" ("url_path")',
            'DROP INDEX IF EXISTS "vestnik_page_url_path_idx"',
        ),
    ]
