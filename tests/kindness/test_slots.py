"""Slots: a lower app's template offers a named place, and the apps above fill it through
hooks (kindness.slots). What fills each slot is tested with its app (the footer's signup in
tests/newsletter, a person's publications in tests/publications, ...); here, the rules."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError
from django.utils.html import format_html
from laces.components import Component
from wagtail import hooks


class Note(Component):
    def __init__(self, text):
        self.text = text

    def render_html(self, parent_context=None):
        return format_html("<p>{} for {}</p>", self.text, parent_context["reader"])


def render(source, **context):
    return Template("{% load kindness_tags %}" + source).render(Context(context))


def test_a_slot_renders_its_fillers_in_order_and_skips_those_that_return_none():
    with (
        hooks.register_temporarily("slot:head_links", lambda context: Note("first")),
        hooks.register_temporarily("slot:head_links", lambda context: None),
        hooks.register_temporarily("slot:head_links", lambda context: Note("<last>")),
    ):
        html = render('{% slot "head_links" %}', reader="Ann")
    # The publications app's filler, registered when the apps loaded, comes first.
    filled = BeautifulSoup(html, "html.parser").find_all(True)
    assert [(tag.name, tag.get("href") or tag.text) for tag in filled] == [
        ("link", "/feed/"),
        ("p", "first for Ann"),
        ("p", "<last> for Ann"),
    ]


@pytest.mark.parametrize(
    "tag", ['{% slot "no_such_slot" %}', "{% slot footer_end %}", '{% slot "a" "b" %}']
)
def test_a_slot_must_be_one_of_the_named_places(tag):
    with pytest.raises(TemplateSyntaxError, match="kindness.slots.SLOTS"):
        render(tag)
