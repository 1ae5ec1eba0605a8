"""The one chart component: SVG for pages and PDF (WeasyPrint draws it), PNG for Word (which
shows no SVG inline). It takes plain data (labels, series of numbers, titles), never models.

Every chart is an image to assistive technology (role="img" named by its title) and its page or
document puts the figures in a table beside it, so nothing is only in the picture. Colours are
presentation attributes, not style attributes, so the Content-Security-Policy holds.
"""

from samverkan.core.charts.png import bar_png, hbar_png
from samverkan.core.charts.svg import Group, bar_chart, grouped_hbar_chart, hbar_chart

__all__ = ["Group", "bar_chart", "bar_png", "grouped_hbar_chart", "hbar_chart", "hbar_png"]
