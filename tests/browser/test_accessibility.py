"""axe finds no WCAG 2.2 AA violation on any page of the site, at a phone's width and a desktop's,
nor on any form after a submit that fails."""

import pytest

from tests.browser.axe import describe, enable_axe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import quality_pages

WIDTHS = pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["390", "1280"])

# Each form on a page, with what tells it apart from the same form on another page (the
# header's search box is on every page and needs checking once).
FORMS_ON_PAGE = """() => [...document.forms].map((form, index) => ({
    index,
    key: [
        form.method,
        new URL(form.action, location.href).pathname,
        ...[...form.elements].map(field => field.name).filter(Boolean).sort(),
    ].join(" "),
}))"""

# A failed submit: every field a reader types into left empty, the browser's own checks
# turned off so the server's error messages are the ones shown.
SUBMIT_EMPTY = """form => {
    form.noValidate = true;
    for (const field of form.elements) {
        if (field.matches("input:not([type=hidden], [type=checkbox], [type=radio], " +
                "[type=submit], [type=button]), textarea")) {
            field.value = "";
        }
        if (field.matches("[type=checkbox], [type=radio]")) {
            field.checked = false;
        }
    }
    form.requestSubmit();
}"""


@WIDTHS
def test_every_page_has_no_wcag_violation(demo_site, new_page, width):
    page = enable_axe(new_page(width=width))
    found = {}
    for site_page in quality_pages():
        response = page.goto(site_page.path)
        assert response.status == site_page.status, site_page
        if page_violations := violations(page):
            found[str(site_page)] = page_violations

    if found:
        pytest.fail(f"axe found WCAG violations at {width} px:\n{describe(found)}", pytrace=False)


@WIDTHS
def test_every_form_has_no_wcag_violation_after_a_failed_submit(demo_site, new_page, width):
    page = enable_axe(new_page(width=width))
    forms = {}
    for site_page in quality_pages():
        page.goto(site_page.path)
        for form in page.evaluate(FORMS_ON_PAGE):
            forms.setdefault(form["key"], (site_page, form["index"]))
    assert forms, "No page has a form: the library's filters at least should be found."

    found = {}
    for key, (site_page, index) in forms.items():
        page.goto(site_page.path)
        with page.expect_navigation():
            page.locator("form").nth(index).evaluate(SUBMIT_EMPTY)
        assert page.evaluate("document.readyState") != "loading"
        if page_violations := violations(page):
            found[f"the form <{key}> from {site_page}, submitted empty"] = page_violations

    if found:
        pytest.fail(f"axe found WCAG violations at {width} px:\n{describe(found)}", pytrace=False)
