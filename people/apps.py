from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """The people behind the programme: staff, associates, fellows and authors."""

    name = "people"
