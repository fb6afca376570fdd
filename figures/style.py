"""The two figure themes, matching the site's light (``default``) and dark (``slate``) palettes.

Figures are drawn on a transparent background, so only the ink changes between themes:
text and axes colours, and a colour-blind-safe data palette (Okabe & Ito, 2008) ordered so
that the first colours contrast well with the page behind them. Lines that are compared also
differ in line style, so no figure relies on colour alone.

This module is plain data: it does not import matplotlib, so the build can hash it and
look up themes without paying for a matplotlib import.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FIGURE_WIDTH", "LINESTYLES", "THEMES", "Theme", "rc_params"]

FIGURE_WIDTH = 6.4
"""Figure width in inches: 6.4 in = 460.8 pt = 614 CSS px, about the width of the text column,
so an 11 pt label (14.7 px) reads at about the body-text size (16 px) when shown at 100 %."""

LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.", ":")
"""Line styles paired with the colours of a [`Theme`][figures.style.Theme]: colour and style
together tell lines apart."""


@dataclass(frozen=True)
class Theme:
    """The colours a figure may use in one site palette.

    Attributes
    ----------
    name
        ``"light"`` or ``"dark"``; also the suffix of the rendered file.
    foreground
        Text, arrows and outlines (the page's body-text colour).
    muted
        Axes spines, tick labels and secondary annotations.
    grid
        Grid lines and faint guides.
    surface
        Fill of boxes and nodes drawn on the figure (a tint of the site's indigo).
    accent
        The site's indigo primary colour, adjusted for contrast on this background.
    colours
        Data colours (Okabe-Ito), in the order figures use them.
    """

    name: str
    foreground: str
    muted: str
    grid: str
    surface: str
    accent: str
    colours: tuple[str, ...]

    @property
    def negative(self) -> str:
        """Colour of the class / half-plane where the output is below 0.5."""
        return self.colours[1]

    @property
    def positive(self) -> str:
        """Colour of the class / half-plane where the output is above 0.5."""
        return self.colours[0]


# Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue; then ink and grey.
LIGHT = Theme(
    name="light",
    foreground="#1f2129",
    muted="#5c6070",
    grid="#dcdee4",
    surface="#e8eaf6",
    accent="#3f51b5",
    colours=(
        "#0072B2",
        "#D55E00",
        "#009E73",
        "#CC79A7",
        "#E69F00",
        "#56B4E9",
        "#1f2129",
        "#8a8f9c",
    ),
)
"""The theme for Material's light ``default`` scheme."""

# On the slate background (#1e2129) the dark blue and vermillion lose contrast: lead with
# sky blue and orange instead, and swap black ink for light ink. Colours 1 and 5 share a line
# style (LINESTYLES repeats after four), so vermillion goes to 4, beside sky blue's solid
# line, not to 5, where it was a dashed twin of orange (tanh and softplus in a comparison).
DARK = Theme(
    name="dark",
    foreground="#e2e4ea",
    muted="#a3a8b6",
    grid="#3a3f4d",
    surface="#2b3150",
    accent="#8c9eff",
    colours=(
        "#56B4E9",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#D55E00",
        "#F0E442",
        "#e2e4ea",
        "#8a8f9c",
    ),
)
"""The theme for Material's dark ``slate`` scheme."""

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK)}
"""The themes every figure is rendered in, keyed by name."""


def rc_params(theme: Theme) -> dict[str, object]:
    """Matplotlib settings for ``theme``, applied on top of matplotlib's defaults.

    Parameters
    ----------
    theme
        The palette to draw with.

    Returns
    -------
    dict
        rcParams: DejaVu Sans (shipped with matplotlib) at sizes that stay legible when the
        figure is shown at the width of the text column, a transparent background, and the
        theme's colours and line styles.
    """
    colours = ", ".join(repr(c) for c in theme.colours)
    styles = ", ".join(repr(s) for s in LINESTYLES)
    return {
        "figure.figsize": (FIGURE_WIDTH, 3.2),
        "figure.dpi": 72,
        "figure.facecolor": "none",
        "figure.edgecolor": "none",
        "figure.constrained_layout.use": True,
        "savefig.transparent": True,
        "savefig.facecolor": "none",
        "font.family": "DejaVu Sans",
        "font.size": 11,
        "mathtext.fontset": "dejavusans",
        "axes.titlesize": 12,
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "text.color": theme.foreground,
        "axes.labelcolor": theme.foreground,
        "axes.titlecolor": theme.foreground,
        "axes.edgecolor": theme.muted,
        "axes.facecolor": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": theme.grid,
        "grid.linewidth": 0.7,
        "xtick.color": theme.muted,
        "ytick.color": theme.muted,
        "xtick.labelcolor": theme.foreground,
        "ytick.labelcolor": theme.foreground,
        "axes.prop_cycle": f"cycler(color=[{colours}], linestyle=[{styles}])",
        "lines.linewidth": 2.0,
        "patch.edgecolor": theme.foreground,
        "hatch.color": theme.muted,
        "svg.fonttype": "path",
    }
