"""Newsroom users for tests: a user in the groups of a role (and of a rubric's desk)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from vestnik.newsroom.models import NewsroomRole, RubricDesk
from vestnik.newsroom.roles import Role

PASSWORD = "Редакция-пароль-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Имя"
    last_name = factory.Sequence(lambda n: f"Фамилия{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@vestnik.example")
    password = factory.django.Password(PASSWORD)


def role_group(role: Role):
    return NewsroomRole.objects.get(role=role).group


def newsroom_member(role: Role, *, rubric=None, **fields):
    """A user in the role's group and, for a reporter or an editor, in that rubric's group."""
    user = UserFactory(**fields)
    user.groups.add(role_group(role))
    if rubric is not None:
        desk = RubricDesk.objects.get(rubric=rubric)
        user.groups.add(desk.reporters if role == Role.REPORTER else desk.editors)
    return user
