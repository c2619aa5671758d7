"""Stacked bar charts drawn on the server as SVG, with the same figures as a table.

No script and no style attribute (the Content-Security-Policy allows neither): colours are SVG
presentation attributes. ``templates/desk/dashboard/chart.html`` draws a ``Chart``; it gives the
picture a title and a description for assistive technology, and the table below says it all again.
"""

from dataclasses import dataclass, field

# Colours that keep a 3:1 contrast with white and with each other's neighbours.
PALETTE = ("#1f5fa8", "#c0392b", "#2e7d32", "#8e44ad", "#b35900", "#00796b", "#5d4037", "#ad1457")
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 40
LEGEND_LINE = 20


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass
class Chart:
    """``series`` is a list of (label, [one figure per category])."""

    slug: str
    title: str
    description: str
    categories: list
    series: list
    category_heading: str = ""
    bars: list = field(default_factory=list)

    @property
    def totals(self):
        return [sum(values[index] for _label, values in self.series) for index in range(len(self.categories))]

    @property
    def maximum(self):
        return max(self.totals, default=0)

    @property
    def rows(self):
        """The table: one row per category, one column per series, and the total."""
        return [
            (category, [values[index] for _label, values in self.series], total)
            for index, (category, total) in enumerate(zip(self.categories, self.totals, strict=True))
        ]

    @property
    def width(self):
        return WIDTH

    @property
    def plot_bottom(self):
        return HEIGHT - BOTTOM

    @property
    def height(self):
        return HEIGHT + LEGEND_LINE * len(self.series)

    def layout(self):
        """Works out each bar's rectangle, stacked by series, and the axis labels."""
        slot = (WIDTH - LEFT - RIGHT) / max(len(self.categories), 1)
        scale = (HEIGHT - TOP - BOTTOM) / max(self.maximum, 1)
        self.bars, self.labels = [], []
        for index, category in enumerate(self.categories):
            x, base = LEFT + index * slot + slot * 0.15, self.plot_bottom
            self.labels.append((LEFT + (index + 0.5) * slot, category))
            for number, (label, values) in enumerate(self.series):
                height = values[index] * scale
                if values[index]:
                    title = f"{category}, {label}: {values[index]}"
                    self.bars.append(Bar(x, base - height, slot * 0.7, height, colour(number), title))
                base -= height
        self.legend = [
            (colour(number), label, HEIGHT + LEGEND_LINE * number)
            for number, (label, _values) in enumerate(self.series)
        ]
        self.ticks = [(round(self.plot_bottom - value * scale, 1), value) for value in ticks(self.maximum)]
        return self


def colour(number):
    return PALETTE[number % len(PALETTE)]


def ticks(maximum):
    """Three or four round values for the vertical axis."""
    if maximum <= 0:
        return [0]
    step = max(1, round(maximum / 3))
    return list(range(0, maximum + 1, step))


def stacked_bars(slug, title, description, categories, series, category_heading=""):
    return Chart(slug, title, description, list(categories), list(series), category_heading).layout()
