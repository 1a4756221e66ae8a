"""Wagtail's content checker (the userbar's and the editor's "Checks" panel), set up for what
editors write here: only the page's own content is checked, not the menus and footer they
cannot change; and besides Wagtail's rules (empty or skipped headings, alt text that is a
file name, empty table headers...), pictures without alt text, tables without a header row,
and links whose words do not say where they go ("click here", "read more", a bare
address). The two rules of our own are small functions in staff/static/staff/content_checks.js,
which registers them on Wagtail's userbar (a file, so the strict CSP allows it)."""

from django.forms import Media
from wagtail.admin.userbar import ContentCheckerItem

LINK_TEXT_RULE = "link-text-says-where"
TABLE_HEADER_RULE = "table-has-header-row"


class SiteContentChecks(ContentCheckerItem):
    axe_include = ["main"]
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        LINK_TEXT_RULE,
        TABLE_HEADER_RULE,
    ]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": LINK_TEXT_RULE,
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": ["check-link-text-says-where"],
            "enabled": True,
        },
        {
            "id": TABLE_HEADER_RULE,
            "impact": "serious",
            "selector": "table",
            "tags": ["best-practice"],
            "any": ["check-table-has-header-row"],
            "enabled": True,
        },
    ]
    axe_custom_checks = [
        *ContentCheckerItem.axe_custom_checks,
        {"id": "check-link-text-says-where"},
        {"id": "check-table-has-header-row"},
    ]
    axe_messages = ContentCheckerItem.axe_messages | {
        LINK_TEXT_RULE: {
            "error_name": "Link text does not say where it goes",
            "help_text": 'Replace "click here", "read more" or a bare web address with words '
            'that name what the link opens, such as "the full report (PDF)".',
        },
        TABLE_HEADER_RULE: {
            "error_name": "Table has no header row",
            "help_text": "Make the first row (or column) the table's headers, so screen "
            "readers can say what each cell is.",
        },
        "image-alt": {
            "error_name": "Picture has no alt text",
            "help_text": "Describe the picture for people who cannot see it, or mark it as "
            "decorative.",
        },
        "heading-order": {
            "error_name": "A heading level is skipped",
            "help_text": "Use the next level down (a heading 3 follows a heading 2), not a "
            "smaller one for its look.",
        },
    }

    @property
    def media(self):
        return Media(js=["staff/content_checks.js"])


def site_content_checks(items):
    """Wagtail's checker in the userbar's items, replaced with this site's."""
    items[:] = [
        SiteContentChecks(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecks)
        else item
        for item in items
    ]
