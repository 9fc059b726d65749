"""The newsroom: roles (Корреспондент, Редактор, Главный редактор, Администратор) as Django
groups, a pair of groups and an approval workflow per rubric — all Wagtail's own permissions
and workflows, set up by ``services.newsroom_setup`` (docs/editorial.md)."""
