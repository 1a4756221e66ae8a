"""Less motion for a reader who asks for it; at 400% zoom the text reflows, no sideways scroll."""

from tests.browser.pages import REFLOW_WIDTH, quality_pages

LONGEST_MOTION_SECONDS = 0.01

# Every transition and animation longer than allowed, on every element and its ::before
# and ::after, with the hover and focus states left out: their durations are the element's.
MOTION = """limit => {
    const seconds = value => Math.max(...value.split(",").map(part => {
        const number = parseFloat(part);
        return part.trim().endsWith("ms") ? number / 1000 : number;
    }));
    const moving = [];
    for (const element of document.querySelectorAll("*")) {
        for (const pseudo of [null, "::before", "::after"]) {
            const style = getComputedStyle(element, pseudo);
            const transition = style.transitionProperty === "none" ? 0
                : seconds(style.transitionDuration) + seconds(style.transitionDelay);
            const repeats = parseFloat(style.animationIterationCount) || 1;
            const animation = style.animationName === "none" ? 0
                : seconds(style.animationDuration) * repeats;
            if (transition > limit || animation > limit) {
                moving.push(`${element.tagName.toLowerCase()}${pseudo || ""}.${element.className}`
                    + ` transition ${transition}s, animation ${animation}s`);
            }
        }
    }
    return moving;
}"""

# Anything wider than the window makes the page scroll sideways.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: width,
        widest: [...document.body.querySelectorAll("*")]
            .filter(element => element.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map(element => element.outerHTML.slice(0, 120)),
    };
}"""


def test_no_page_moves_for_a_reader_who_asks_for_reduced_motion(demo_site, new_page):
    page = new_page(reduced_motion="reduce")
    moving = {}
    for site_page in quality_pages():
        page.goto(site_page.path)
        if found := page.evaluate(MOTION, LONGEST_MOTION_SECONDS):
            moving[str(site_page)] = found

    assert not moving, "Motion despite prefers-reduced-motion: reduce:\n" + "\n".join(
        f"{where}: {found}" for where, found in moving.items()
    )


def test_the_stylesheet_stops_motion_that_a_later_change_adds(demo_site, new_page):
    # The test adds an inline style, which the site's Content-Security-Policy rightly refuses.
    page = new_page(reduced_motion="reduce", bypass_csp=True)
    page.goto("/")
    page.add_style_tag(
        content="@keyframes spin { to { rotate: 1turn; } }"
        ".site-header__name { transition: color 2s; animation: spin 3s infinite; }"
    )
    assert not page.evaluate(MOTION, LONGEST_MOTION_SECONDS)

    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(MOTION, LONGEST_MOTION_SECONDS), "The motion check sees nothing"


def test_every_page_reflows_at_320_px_without_scrolling_sideways(demo_site, new_page):
    page = new_page(width=REFLOW_WIDTH, height=640)
    too_wide = {}
    for site_page in quality_pages():
        page.goto(site_page.path)
        # The menu open too: a reader at 400% zoom opens it.
        if page.locator(".site-nav__toggle").is_visible():
            page.locator(".site-nav__toggle").click()
        overflow = page.evaluate(OVERFLOW)
        if overflow["scrollWidth"] > overflow["clientWidth"]:
            too_wide[str(site_page)] = overflow

    assert not too_wide, "Sideways scrolling at 320 px:\n" + "\n".join(
        f"{where}: {overflow}" for where, overflow in too_wide.items()
    )
