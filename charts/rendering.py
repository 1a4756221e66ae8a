"""Charts drawn on the server as inline SVG, from a small table an editor pastes as CSV.

Why our own renderer: the public Content Security Policy forbids `<style>` elements and
`style` attributes, which pygal and matplotlib write; leather writes neither but has no
title, description, value labels or patterns (the README says more). This one writes only
presentation attributes and the site's stylesheet classes (`chart__*` in components.css,
coloured from tokens.css), so the chart shows without JavaScript, prints and scales.

Text cannot be measured on the server, so widths are estimated generously per character,
and the layout never puts two pieces of text side by side where an estimate could be short:
category names get their own lines above their bars, legend entries one line each, and a
value sits past the end of its bar in a margin as wide as the widest value.
"""

import csv
import io
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe

MAX_SERIES = 5
MAX_CATEGORIES = 20

HORIZONTAL_BAR = "bar"
GROUPED_BAR = "grouped"
STACKED_BAR = "stacked"
LINE = "line"
CHART_TYPES = [
    (HORIZONTAL_BAR, "Horizontal bar (one series)"),
    (GROUPED_BAR, "Grouped bar (series side by side)"),
    (STACKED_BAR, "Stacked bar (series add up)"),
    (LINE, "Line (change across the categories)"),
]
CHART_TYPE_NAMES = {
    HORIZONTAL_BAR: "Bar chart",
    GROUPED_BAR: "Grouped bar chart",
    STACKED_BAR: "Stacked bar chart",
    LINE: "Line chart",
}

# The drawing's own units; the SVG scales to the width it is given. Narrow enough that text
# stays readable on a 320 px screen, where it is drawn at about 0.8 of its size.
WIDTH = 360
FONT = 14
# Bold text (values, axis titles) is measured as if a size larger: it is that much wider.
BOLD = FONT * 1.1
LINE_HEIGHT = 18
BAR = 18
BAR_GAP = 4
GROUP_GAP = 14
PAD = 2


@dataclass(frozen=True)
class ChartData:
    category_heading: str
    series: list  # series names, in column order
    categories: list  # category names, in row order
    values: list  # values[category][series], Decimals

    def column(self, index):
        return [row[index] for row in self.values]


class ChartDataError(ValueError):
    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def _dialect(text):
    first = text.strip().splitlines()[0] if text.strip() else ""
    return "excel-tab" if "\t" in first and "," not in first else "excel"


def parse_number(cell):
    text = cell.strip().removesuffix("%").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def parse(text, chart_type=GROUPED_BAR):
    """The chart's data from the CSV an editor pasted, or ChartDataError naming each problem
    by row and column as the editor sees them (row 1 is the header row)."""
    if not (text or "").strip():
        raise ChartDataError(
            [
                "Paste the data: a header row, then one row for each category, with commas "
                "between the columns."
            ]
        )
    lines = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text.strip()), _dialect(text)), 1)
        if any(cell.strip() for cell in row)
    ]
    errors = []
    header_number, header = lines[0]
    header = [cell.strip() for cell in header]
    while len(header) > 1 and not header[-1]:
        header.pop()
    series = header[1:]
    if not series:
        errors.append(
            f"Row {header_number}: the header row needs a name for the categories, then a "
            "name for each series, separated by commas."
        )
    for column, name in enumerate(series, 2):
        if not name:
            errors.append(f"Row {header_number}, column {column}: this series has no name.")
    if len(series) > MAX_SERIES:
        errors.append(
            f"Row {header_number}, column {MAX_SERIES + 2}: too many series. A chart shows "
            f"at most {MAX_SERIES}; split the data into two charts."
        )
    elif chart_type == HORIZONTAL_BAR and len(series) > 1:
        errors.append(
            f"Row {header_number}, column 3: too many series for a horizontal bar chart, "
            "which shows one. Choose grouped or stacked bars to show more."
        )
    rows = lines[1:]
    if not rows:
        errors.append(f"Row {header_number + 1}: add a row of data under the header row.")
    elif len(rows) > MAX_CATEGORIES:
        errors.append(
            f"Row {rows[MAX_CATEGORIES][0]}: too many rows. A chart shows at most "
            f"{MAX_CATEGORIES} categories."
        )
    elif chart_type == LINE and len(rows) < 2:
        errors.append("A line chart needs at least two rows of data, one for each point.")
    categories, values, seen = [], [], {}
    for number, row in rows[:MAX_CATEGORIES]:
        cells = [cell.strip() for cell in row]
        while len(cells) > len(header) and not cells[-1]:
            cells.pop()
        label = cells[0]
        if not label:
            errors.append(f"Row {number}, column 1: this category has no name.")
        elif label in seen:
            errors.append(f"Row {number}, column 1: “{label}” is already in row {seen[label]}.")
        seen.setdefault(label, number)
        for column in range(len(header) + 1, len(cells) + 1):
            errors.append(
                f"Row {number}, column {column}: this cell has no series name above it in "
                f"row {header_number}. Remove it, or name the series."
            )
        row_values = []
        for column, name in enumerate(series, 2):
            cell = cells[column - 1] if column <= len(cells) else ""
            where = f"Row {number}, column {column} ({name or 'no name'})"
            try:
                number_value = parse_number(cell)
            except ValueError:
                errors.append(
                    f"{where}: “{cell}” is not a number. Write numbers only, such as 42 or "
                    "4.5, without units or thousands separators."
                )
                continue
            if number_value is None:
                errors.append(f"{where}: this cell is empty. Write 0 if the value is zero.")
            elif number_value < 0:
                errors.append(f"{where}: {cell} is below zero; these charts start at zero.")
            row_values.append(number_value)
        categories.append(label)
        values.append(row_values)
    if errors:
        raise ChartDataError(errors)
    return ChartData(header[0], series, categories, values)


def to_csv(data):
    """The data as CSV, as it was entered. A name that a spreadsheet would run as a formula
    (starting =, +, - or @) is kept from running with a leading apostrophe."""

    def safe(text):
        return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe(data.category_heading), *(safe(name) for name in data.series)])
    for label, row in zip(data.categories, data.values, strict=True):
        writer.writerow([safe(label), *(format_number(value) for value in row)])
    return out.getvalue()


def format_number(value):
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text


def format_value(value, units):
    text = f"{float(value):,.10g}" if abs(value) >= 10000 else format_number(value)
    if not units:
        return text
    return f"{text}{units}" if units == "%" else f"{text} {units}"


# --- Measuring text -------------------------------------------------------------------

_NARROW = set("fijlrt.,:;'|!()[] ")
_WIDE = set("mwMW@%")


def text_width(text, size=FONT):
    """A generous estimate of how wide `text` is drawn in the site's sans-serif fonts."""
    units = 0.0
    for char in text:
        if char in _NARROW:
            units += 0.36
        elif char in _WIDE:
            units += 0.95
        elif char.isupper() or char.isdigit():
            units += 0.72
        else:
            units += 0.6
    return units * size


def wrap(text, width, size=FONT):
    """`text` in lines no wider than `width`; a word too long for a line is split."""
    lines, line = [], ""
    for word in text.split():
        while text_width(word, size) > width:
            cut = len(word)
            while cut > 1 and text_width(word[:cut] + "-", size) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{line} {word}".strip()
        if text_width(candidate, size) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


# --- Scales ---------------------------------------------------------------------------


def nice_scale(maximum, units):
    """The axis maximum and tick step: 0-100 for percentages, round numbers otherwise."""
    if units == "%" and maximum <= 100:
        return 100.0, 25.0
    if maximum <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(maximum))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if maximum / step <= 5:
            return math.ceil(maximum / step - 1e-9) * step, step
    return maximum, maximum  # pragma: no cover - the loop always returns


def ticks(axis_max, step):
    count = round(axis_max / step)
    return [step * index for index in range(count + 1)]


def tick_text(value, units):
    return format_value(Decimal(str(round(value, 6))), "%" if units == "%" else "")


# --- Drawing --------------------------------------------------------------------------


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, tag, content=None, **attrs):
        attributes = "".join(
            f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
            for name, value in attrs.items()
            if value is not None
        )
        if content is None:
            self.parts.append(f"<{tag}{attributes}/>")
        else:
            self.parts.append(f"<{tag}{attributes}>{content}</{tag}>")

    def open(self, tag, **attrs):
        self.add(tag, **attrs)
        self.parts[-1] = self.parts[-1][:-2] + ">"

    def close(self, tag):
        self.parts.append(f"</{tag}>")

    def text(self, x, y, text, class_="chart__text", anchor=None, **attrs):
        self.add("text", escape(text), x=_n(x), y=_n(y), class_=class_, text_anchor=anchor, **attrs)


def _n(number):
    return f"{number:.1f}".removesuffix(".0")


def patterns(svg, uid, count):
    """One fill per series: a colour from the palette and, after the first, a pattern of
    white marks, so neighbouring series differ without colour too."""
    svg.open("defs")
    for index in range(1, count + 1):
        pattern_id = f"{uid}-fill-{index}"
        svg.open("pattern", id=pattern_id, width=8, height=8, patternUnits="userSpaceOnUse")
        svg.add("rect", width=8, height=8, class_=f"chart__series-{index}")
        marks = {
            2: '<path d="M-2 2 2-2M0 8 8 0M6 10 10 6" class="chart__mark"/>',
            3: '<circle cx="4" cy="4" r="1.6" class="chart__mark chart__mark--dot"/>',
            4: '<path d="M0 4H8" class="chart__mark"/>',
            5: '<path d="M-2 6 2 10M0 0 8 8M6-2 10 2" class="chart__mark"/>',
        }
        if index in marks:
            svg.parts.append(marks[index])
        svg.close("pattern")
    svg.close("defs")


def draw_legend(svg, uid, data, y, chart_type):
    """One series a line, each with the fill (or line and marker) it is drawn in."""
    if len(data.series) < 2:
        return y
    for index, name in enumerate(data.series, 1):
        if chart_type == LINE:
            svg.add(
                "path",
                d=f"M{PAD} {_n(y + 9)}h24",
                class_=f"chart__line chart__line--{index}",
            )
            marker(svg, index, PAD + 12, y + 9)
            x = PAD + 32
        else:
            svg.add(
                "rect",
                x=PAD,
                y=_n(y + 1),
                width=16,
                height=16,
                fill=f"url(#{uid}-fill-{index})",
                class_="chart__swatch",
            )
            x = PAD + 24
        for line in wrap(name, WIDTH - x - PAD):
            svg.text(x, y + 14, line)
            y += LINE_HEIGHT
        y += 4
    return y + 6


def marker(svg, index, x, y):
    shape = (index - 1) % 5
    cls = f"chart__marker chart__marker--{index}"
    if shape == 0:
        svg.add("circle", cx=_n(x), cy=_n(y), r=4.5, class_=cls)
    elif shape == 1:
        svg.add("rect", x=_n(x - 4), y=_n(y - 4), width=8, height=8, class_=cls)
    elif shape == 2:
        svg.add("path", d=f"M{_n(x)} {_n(y - 5)}l5 9h-10z", class_=cls)
    elif shape == 3:
        svg.add("path", d=f"M{_n(x)} {_n(y - 5.5)}l5.5 5.5-5.5 5.5-5.5-5.5z", class_=cls)
    else:
        svg.add("path", d=f"M{_n(x - 4)} {_n(y - 4)}l8 8m0-8-8 8", class_=cls + " chart__cross")


def value_axis(svg, left, right, y, axis_max, step, units, title):
    """The value axis under horizontal bars: a line, ticks, their numbers and a title."""
    svg.add("path", d=f"M{_n(left)} {_n(y)}H{_n(right)}", class_="chart__axis")
    marks = ticks(axis_max, step)
    spacing = (right - left) / (len(marks) - 1)
    widest = max(text_width(tick_text(value, units), FONT - 1) for value in marks)
    every = max(1, math.ceil((widest + 8) / spacing))
    for position, value in enumerate(marks):
        x = left + (right - left) * value / axis_max
        svg.add("path", d=f"M{_n(x)} {_n(y)}v5", class_="chart__axis")
        if position % every:
            continue
        label = tick_text(value, units)
        anchor = "start" if position == 0 else "end" if position == len(marks) - 1 else "middle"
        svg.text(x, y + 20, label, class_="chart__text chart__text--small", anchor=anchor)
    y += 30
    for line in wrap(title, right - left, BOLD):
        svg.text((left + right) / 2, y + 12, line, class_="chart__axis-title", anchor="middle")
        y += LINE_HEIGHT
    return y


def bar_title(category, series_name, value, units):
    label = f"{category}, {series_name}" if series_name else category
    return f"{label}: {format_value(value, units)}"


def draw_bars(svg, uid, data, y, chart_type, units, axis_title):
    stacked = chart_type == STACKED_BAR
    totals = [sum(row) for row in data.values]
    maximum = float(max(totals) if stacked else max(max(row) for row in data.values))
    axis_max, step = nice_scale(maximum, units)
    shown = totals if stacked else [value for row in data.values for value in row]
    margin = max(text_width(format_value(value, units), BOLD) for value in shown) + 8
    left, right = PAD + 1, WIDTH - max(margin, text_width(tick_text(axis_max, units)) / 2)
    scale = (right - left) / axis_max
    for line in wrap(data.category_heading, WIDTH - 2 * PAD, BOLD):
        svg.text(PAD, y + 14, line, class_="chart__axis-title")
        y += LINE_HEIGHT
    y += 8
    for category, row, total in zip(data.categories, data.values, totals, strict=True):
        for line in wrap(category, WIDTH - 2 * PAD):
            svg.text(PAD, y + 14, line, class_="chart__text chart__category")
            y += LINE_HEIGHT
        y += 4
        group_top = y
        if stacked:
            x = left
            for index, (name, value) in enumerate(zip(data.series, row, strict=True), 1):
                length = float(value) * scale
                title = bar_title(category, name, value, units)
                draw_bar(svg, uid, index, x, y, length, title)
                text = format_value(value, units)
                if text_width(text, FONT - 1) + 8 <= length:
                    svg.add(
                        "rect",
                        x=_n(x + length / 2 - text_width(text, FONT - 1) / 2 - 2),
                        y=_n(y + 2),
                        width=_n(text_width(text, FONT - 1) + 4),
                        height=BAR - 4,
                        rx=2,
                        class_="chart__value-bg",
                    )
                    svg.text(
                        x + length / 2,
                        y + BAR - 5,
                        text,
                        class_="chart__text chart__text--small",
                        anchor="middle",
                    )
                x += length
            svg.text(x + 6, y + BAR - 4, format_value(total, units), class_="chart__value")
            y += BAR + BAR_GAP
        else:
            for index, (name, value) in enumerate(zip(data.series, row, strict=True), 1):
                length = float(value) * scale
                series_name = name if len(data.series) > 1 else ""
                draw_bar(
                    svg, uid, index, left, y, length, bar_title(category, series_name, value, units)
                )
                svg.text(
                    left + length + 6,
                    y + BAR - 4,
                    format_value(value, units),
                    class_="chart__value",
                )
                y += BAR + BAR_GAP
        # The zero line beside this category's bars only, clear of the names above them.
        svg.add("path", d=f"M{_n(left)} {_n(group_top - 2)}V{_n(y)}", class_="chart__axis")
        y += GROUP_GAP - BAR_GAP
    return value_axis(svg, left, right, y, axis_max, step, units, axis_title)


def draw_bar(svg, uid, index, x, y, length, title):
    svg.add(
        "rect",
        escape(title).join(["<title>", "</title>"]),
        x=_n(x),
        y=_n(y),
        width=f"{length:.2f}",
        height=BAR,
        fill=f"url(#{uid}-fill-{index})",
        class_=f"chart__bar chart__bar--{index}",
        data_chart_value=title,
    )


def draw_lines(svg, data, y, units, axis_title):
    maximum = float(max(max(row) for row in data.values))
    axis_max, step = nice_scale(maximum, units)
    marks = ticks(axis_max, step)
    left = PAD + max(text_width(tick_text(value, units), FONT - 1) for value in marks) + 8
    right = WIDTH - PAD - 8
    for line in wrap(axis_title, WIDTH - 2 * PAD, BOLD):
        svg.text(PAD, y + 14, line, class_="chart__axis-title")
        y += LINE_HEIGHT
    top, height = y + 12, 200
    bottom = top + height
    for value in marks:
        tick_y = bottom - height * value / axis_max
        svg.add("path", d=f"M{_n(left)} {_n(tick_y)}H{_n(right)}", class_="chart__grid")
        svg.text(
            left - 6,
            tick_y + 5,
            tick_text(value, units),
            class_="chart__text chart__text--small",
            anchor="end",
        )
    svg.add("path", d=f"M{_n(left)} {_n(top)}V{_n(bottom)}H{_n(right)}", class_="chart__axis")
    count = len(data.categories)
    slot = (right - left) / count

    def x_of(position):
        return left + slot * (position + 0.5)

    for index, name in enumerate(data.series, 1):
        points = [
            (x_of(position), bottom - height * float(row[index - 1]) / axis_max)
            for position, row in enumerate(data.values)
        ]
        svg.add(
            "path",
            d="M" + "L".join(f"{_n(px)} {_n(py)}" for px, py in points),
            class_=f"chart__line chart__line--{index}",
        )
        for (px, py), category, row in zip(points, data.categories, data.values, strict=True):
            series_name = name if len(data.series) > 1 else ""
            svg.open(
                "g",
                class_="chart__point",
                data_chart_value=bar_title(category, series_name, row[index - 1], units),
            )
            svg.add("title", escape(bar_title(category, series_name, row[index - 1], units)))
            marker(svg, index, px, py)
            svg.close("g")

    # Category names under the axis, centred on their points: every one that fits in at most
    # three lines of its share of the width (and, at either end, inside the drawing).
    def room(position, every):
        centre = x_of(position)
        return min(slot * every - 6, 2 * (centre - PAD), 2 * (WIDTH - PAD - centre))

    every, lines_for = 1, {}
    while every <= count:
        lines_for = {
            position: wrap(data.categories[position], room(position, every), FONT - 1)
            for position in range(0, count, every)
        }
        if all(len(lines) <= 3 for lines in lines_for.values()) and slot * every > 3 * FONT:
            break
        every += 1
    y = bottom + 8
    tallest = 0
    for position, lines in lines_for.items():
        svg.add("path", d=f"M{_n(x_of(position))} {_n(bottom)}v5", class_="chart__axis")
        for line_number, line in enumerate(lines):
            svg.text(
                x_of(position),
                y + 14 + line_number * LINE_HEIGHT,
                line,
                class_="chart__text chart__text--small",
                anchor="middle",
            )
        tallest = max(tallest, len(lines))
    y += tallest * LINE_HEIGHT + 10
    for line in wrap(data.category_heading, right - left, BOLD):
        svg.text((left + right) / 2, y + 12, line, class_="chart__axis-title", anchor="middle")
        y += LINE_HEIGHT
    return y


def summary(data, chart_type, units):
    """What the chart shows, in words, for its SVG description."""
    values = [value for row in data.values for value in row]
    series = " and ".join(", ".join(data.series).rsplit(", ", 1))
    count = len(data.categories)
    return (
        f"{CHART_TYPE_NAMES[chart_type]} of {series} by {data.category_heading} "
        f"({count} in all), from {format_value(min(values), units)} to "
        f"{format_value(max(values), units)}. The same data is in the table that follows."
    )


def render_svg(data, chart_type, *, uid, title, description="", units="", axis_title=""):
    """The chart as an SVG element, safe to put in a page."""
    svg = Svg()
    axis_title = axis_title or (f"Value ({units})" if units else "Value")
    patterns(svg, uid, len(data.series))
    y = draw_legend(svg, uid, data, PAD, chart_type)
    if chart_type == LINE:
        y = draw_lines(svg, data, y, units, axis_title)
    else:
        y = draw_bars(svg, uid, data, y, chart_type, units, axis_title)
    height = math.ceil(y + PAD)
    desc = " ".join(
        part for part in (description.strip(), summary(data, chart_type, units)) if part
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{uid}-title {uid}-desc" data-chart>'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(svg.parts) + "</svg>")  # noqa: S308 - every text escaped
