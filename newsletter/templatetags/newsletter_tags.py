from django import template

from newsletter.forms import SignupForm
from newsletter.models import NewsletterSettings

register = template.Library()


@register.inclusion_tag("newsletter/includes/footer_signup.html", takes_context=True)
def footer_signup(context):
    """The footer's signup form: the same for every reader, so the page can be cached whole."""
    request = context["request"]
    form = SignupForm(auto_id="footer-newsletter-%s", initial={"source": request.path})
    return {"form": form, "newsletter_settings": NewsletterSettings.for_request(request)}
