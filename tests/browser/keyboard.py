"""Moving through a page with the keyboard alone, checking at every stop that focus shows."""

# What has focus, and whether a sighted keyboard user can see where it is: a visible
# outline (not the transparent one kept for Windows' high-contrast mode) or a box shadow.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
        return null;
    }
    const style = getComputedStyle(element);
    const invisible = colour => colour === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(colour);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !invisible(style.outlineColor);
    const seenBefore = element.dataset.keyboardSeen === "1";
    element.dataset.keyboardSeen = "1";
    return {
        element: element.outerHTML.slice(0, 160),
        text: element.innerText ? element.innerText.trim().slice(0, 60) : "",
        shown: outline || style.boxShadow !== "none",
        seenBefore,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def assert_focus_shown(page):
    stop = focused(page)
    assert stop, "Nothing has focus."
    assert stop["shown"], f"Focus is invisible on {stop['element']}"
    return stop


def press_until(page, target, key="Tab", limit=200):
    """Press ``key`` until ``target`` (a locator) has focus, checking focus shows at each stop."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page) is None:
            continue
        assert_focus_shown(page)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of {key} never reached {target}")


def every_tab_stop(page, limit=400):
    """Tab from the top of the page to its end: what each stop was and whether focus showed."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            if stops:
                break
            continue
        if stop["seenBefore"]:
            break
        stops.append(stop)
    return stops
