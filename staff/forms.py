from django import forms


class SecondFactorForm(forms.Form):
    """A code from an authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class AuthenticatorCodeForm(forms.Form):
    """The first code from an authenticator app being set up."""

    code = forms.CharField(
        label="Code from the app",
        max_length=16,
        help_text="The 6-digit code the app shows for this site, once you have added it.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
