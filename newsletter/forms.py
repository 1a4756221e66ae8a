import unicodedata

from django import forms
from django.core.validators import validate_email

EMAIL_MAX = 254
NAME_MAX = 100
SOURCE_MAX = 200


def has_hidden_characters(value):
    """Line breaks, tabs, NUL and other control or format characters (Unicode category C)."""
    return any(unicodedata.category(character).startswith("C") for character in value)


def printable(value):
    """The value with each control or format character shown as a space."""
    return "".join(
        " " if unicodedata.category(character).startswith("C") else character
        for character in str(value or "")
    )


class PlainTextField(forms.CharField):
    """One line of plain text: control characters are refused before anything is stripped."""

    def __init__(self, *, hidden_message, **kwargs):
        self.hidden_message = hidden_message
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if has_hidden_characters(value):
            raise forms.ValidationError(self.hidden_message, code="hidden_characters")
        return value.strip()


class PlainEmailField(PlainTextField):
    widget = forms.EmailInput
    default_validators = [validate_email]


class SignupForm(forms.Form):
    """Email (required), name (optional), consent, and two fields a person never fills in."""

    email = PlainEmailField(
        label="Email address",
        max_length=EMAIL_MAX,
        hidden_message="Enter your email address on one line, without hidden characters",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Email address must be {EMAIL_MAX} characters or fewer",
        },
    )
    name = PlainTextField(
        label="Your name (optional)",
        required=False,
        max_length=NAME_MAX,
        hidden_message="Enter your name on one line, without hidden characters",
        error_messages={"max_length": f"Your name must be {NAME_MAX} characters or fewer"},
    )
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to agree to receive the newsletter"},
    )
    # A honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(required=False)
    # The page the form was on, recorded with the consent. Not typed by a person: a bad
    # value is dropped, never shown as an error.
    source = forms.CharField(required=False)

    # The order of the error summary, matching the order of the fields on the page.
    field_order = ["email", "name", "consent"]

    def clean_source(self):
        source = self.data.get("source", "") or ""
        if (
            not isinstance(source, str)
            or len(source) > SOURCE_MAX
            or not source.startswith("/")
            or source.startswith("//")
            or has_hidden_characters(source)
        ):
            return ""
        return source

    @property
    def shown(self):
        """What was typed, to fill the fields in again after an error: an attribute value
        cannot hold a line break, so hidden characters show as spaces."""
        return {name: printable(self[name].value()) for name in ("email", "name", "source")}

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def visible_errors(self):
        """(field id, message) for the error summary, in the fields' order."""
        return [
            (self[name].auto_id, message)
            for name in self.field_order
            for message in self.errors.get(name, [])
        ]
