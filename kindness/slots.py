"""Slots: named places in a lower app's templates that higher apps fill.

The layers hold for templates as they do for imports: a template of the core or of `people`
never loads a tag library, includes a template or reverses a URL of an app above it. Where a
page shows something a higher app owns (a person's publications, the footer's signup form),
its template offers a slot instead:

    {% load kindness_tags %}
    {% slot "person_written_by" %}

and the app above fills it through a Wagtail hook named "slot:" and the slot's name, the way
Wagtail builds its own admin from hooks that return components:

    @hooks.register("slot:person_written_by")
    def written_by(context):
        return WrittenBy(context["page"])  # a component, or None to show nothing

Each hook is given the template's context and returns a `SlotComponent` (or any `laces`
component) or None. The slot renders what they return one after the other, in the hooks'
order: INSTALLED_APPS lists the apps lowest layer first, so a lower app's filler comes first
unless a hook says `order=`. A slot nobody fills renders nothing.
"""

from django import template
from django.template.loader import get_template
from django.utils.html import format_html_join
from laces.components import Component
from wagtail import hooks

# Every slot a template may offer, with where it is. The `slot` tag refuses any other name,
# so a typo in a template fails at once instead of leaving a place empty.
SLOTS = {
    "head_links": "base.html, in <head> after the meta tags: <link> elements (the feed)",
    "footer_start": "the site footer, before the site's name (the newsletter signup)",
    "footer_end": "the site footer, after the social links (the footer's page links)",
    "person_written_by": "a person's page, after their strand roles (what they wrote)",
    "strand_items": "a strand's page, after its people (its publications and films, its news, "
    "its upcoming events)",
    "home_after_body": "the home page, after the brief (the latest news, what's coming up)",
}


def hook_name(slot):
    return f"slot:{slot}"


class SlotComponent(Component):
    """A component that renders like an `{% include %}`: its template sees the page's
    context, with `get_context_data()`'s values on top.

    So a filler's template keeps the request (which `{% pageurl %}` and the site's memo of
    its sections use) and costs the queries it did as an include, no more.
    """

    def render_html(self, parent_context=None):
        template = get_template(self.template_name).template
        with parent_context.push(self.get_context_data(parent_context)):
            return template.render(parent_context)


def render_slot(slot, context):
    """What the hooks registered for `slot` return, rendered in order."""
    components = (fill(context) for fill in hooks.get_hooks(hook_name(slot)))
    return format_html_join(
        "", "{}", ((component.render_html(context),) for component in components if component)
    )


class SlotNode(template.Node):
    def __init__(self, slot):
        self.slot = slot

    def render(self, context):
        return render_slot(self.slot, context)


def slot_tag(parser, token):
    """`{% slot "name" %}`: the place `name`, filled by the apps above (see SLOTS)."""
    bits = token.split_contents()
    name = bits[1][1:-1] if len(bits) == 2 and bits[1][:1] in "\"'" else None
    if name not in SLOTS:
        raise template.TemplateSyntaxError(
            f"{token.contents!r}: a slot is one quoted name of kindness.slots.SLOTS"
        )
    return SlotNode(name)
