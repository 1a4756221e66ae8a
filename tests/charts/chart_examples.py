"""Chart block values the chart tests share, and a content page that shows them."""

from tests.programme.factories import ContentPageFactory

LIBRARY_CSV = (
    "Jurisdiction,Agree,Strongly agree\n"
    "Northern Ireland,96,44\n"
    "Ireland,94,49\n"
    "Scotland,93,56\n"
    "Wales,92,45\n"
    "England,90,33\n"
)


def chart(data=LIBRARY_CSV, chart_type="grouped", title="Kindness at the library", **fields):
    return {
        "title": title,
        "description": "Most people agree.",
        "chart_type": chart_type,
        "data": data,
        "units": "%",
        "axis_title": "Share of people (%)",
        "source": "A survey",
        **fields,
    }


ONE_SERIES = "Year,People\n2018,12\n2019,30\n2020,45"
TEN_CATEGORIES = "Place," + "Agree\n" + "\n".join(f"Place {n},{n * 9}" for n in range(1, 11))
ZERO_AND_FULL = "Answer,Yes,No\nAll of them,100,0\nNone of them,0,100\nHalf,50,50"
LONG_LABELS = (
    "Which public service do you think treats people with kindness most of the time,"
    "Agree entirely and without any reservation,Strongly disagree with the statement\n"
    "Community-based libraries and information services in rural areas,96,4\n"
    "Health and social care services provided by the local authority,81,19\n"
    "Supercalifragilisticexpialidociousness-of-public-services,50,50\n"
)

# Every chart type, and the awkward shapes of data, each with a title of its own.
EVERY_CHART = [
    chart(ONE_SERIES, "bar", "One series as bars", units="people", axis_title=""),
    chart(LIBRARY_CSV, "grouped", "Grouped bars"),
    chart(ZERO_AND_FULL, "stacked", "Stacked bars from 0 to 100%"),
    chart(LIBRARY_CSV, "line", "Lines across the jurisdictions"),
    chart(TEN_CATEGORIES, "bar", "Ten categories"),
    chart(TEN_CATEGORIES, "line", "Ten categories as a line"),
    chart(ZERO_AND_FULL, "grouped", "Zero and 100% side by side"),
    chart(ZERO_AND_FULL, "line", "Zero and 100% as lines"),
    chart(LONG_LABELS, "grouped", "Long labels, grouped"),
    chart(LONG_LABELS, "stacked", "Long labels, stacked"),
    chart(LONG_LABELS, "line", "Long labels as lines"),
]


def chart_page(parent, charts=EVERY_CHART, **fields):
    """A live content page under `parent` whose body is the given charts."""
    return ContentPageFactory(
        parent=parent,
        title="Charts",
        slug="charts",
        body=[("chart", value) for value in charts],
        **fields,
    )
