"""Reads about the newsroom's groups."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import NewsroomRole, RubricDesk
from .roles import Role


def members_without_their_role() -> list[tuple[object, Group, Group]]:
    """(user, rubric group, role group) for each member of a rubric's reporters' or editors'
    group who is in neither that role's group nor the chief editor's, nor a superuser: the
    rubric group gives rights on pages only, so such a user cannot even open the admin."""
    roles = {link.role: link.group for link in NewsroomRole.objects.select_related("group")}
    if not roles:
        return []
    User = get_user_model()
    found = []
    for desk in RubricDesk.objects.select_related("reporters", "editors").order_by("reporters__name"):
        for role, group in ((Role.REPORTER, desk.reporters), (Role.EDITOR, desk.editors)):
            if role not in roles:
                continue
            members = User.objects.filter(groups=group, is_superuser=False)
            for covering in (roles.get(role), roles.get(Role.CHIEF)):
                if covering is not None:
                    members = members.exclude(groups=covering)
            found += [(user, group, roles[role]) for user in members.order_by(User.USERNAME_FIELD)]
    return found
