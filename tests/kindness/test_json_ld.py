"""JSON-LD blocks hold exactly the data given, and no value can break out of them."""

import json

from bs4 import BeautifulSoup
from django.template import Context, Template


def render(data):
    html = Template("{% load kindness_tags %}{% json_ld data %}").render(Context({"data": data}))
    return BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")


def test_json_ld_round_trips_the_data():
    data = {"@context": "https://schema.org", "@type": "Report", "name": "Kindness – “care” & ü"}
    assert json.loads(render(data).string) == data


def test_a_value_cannot_close_the_script_element():
    script = render({"name": "</script><script>alert(1)</script>"})
    assert "</script>" not in script.string
    assert json.loads(script.string)["name"] == "</script><script>alert(1)</script>"
