"""A newsroom with two rubrics and one user per role: the reporter and the editor in "Политика"."""

import pytest
from django.test import Client

from vestnik.newsroom.roles import Role
from vestnik.newsroom.services import newsroom_setup

from .factories import newsroom_member


@pytest.fixture
def desks(politics, society):
    newsroom_setup()
    return {"politics": politics, "society": society}


@pytest.fixture
def reporter(desks):
    return newsroom_member(Role.REPORTER, rubric=desks["politics"], username="reporter",
                           first_name="Ерлан", last_name="Садыков")  # fmt: skip


@pytest.fixture
def editor(desks):
    return newsroom_member(Role.EDITOR, rubric=desks["politics"], username="editor",
                           first_name="Мария", last_name="Ким")  # fmt: skip


@pytest.fixture
def chief(desks):
    return newsroom_member(Role.CHIEF, username="chief", first_name="Гульнара", last_name="Ахметова")


@pytest.fixture
def administrator(desks):
    return newsroom_member(
        Role.ADMINISTRATOR, username="administrator", first_name="Азамат", last_name="Беков"
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
