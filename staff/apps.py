from django.apps import AppConfig


class StaffConfig(AppConfig):
    """How the programme's staff run the site: roles and approval, sign-in, their guide."""

    name = "staff"
    verbose_name = "Staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from staff import signals  # noqa: F401  (connects the receivers)
