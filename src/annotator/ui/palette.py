"""Label colours: colour-blind-safe hues, drawn so text stays readable in light and dark themes.

The hues are Paul Tol's "muted" and "bright" qualitative schemes, which stay distinct under the
common forms of colour blindness. Highlights are translucent tints over the theme's own
background plus a solid underline in the full colour, so the theme's text colour stays legible.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

_HUES: dict[str, str] = {
    "PERSON": "#CC6677",
    "ORG": "#332288",
    "GPE": "#117733",
    "LOC": "#44AA99",
    "NORP": "#AA4499",
    "FAC": "#882255",
    "DATE": "#DDCC77",
    "TIME": "#DDCC77",
    "MONEY": "#88CCEE",
    "PERCENT": "#88CCEE",
    "QUANTITY": "#999933",
    "CARDINAL": "#999933",
    "ORDINAL": "#999933",
    "EVENT": "#EE6677",
    "PRODUCT": "#4477AA",
    "WORK_OF_ART": "#66CCEE",
    "LAW": "#AA3377",
    "LANGUAGE": "#228833",
    # The newsroom kinds: Tol's "vibrant" hues, apart from the entity colours.
    "CLAIM": "#EE7733",
    "QUOTE": "#009988",
    "SOURCE": "#AA3377",
}
_FALLBACK = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")

#: Tint strength for accepted spans and for suggestions (a lighter wash plus a dashed line).
ACCEPTED_ALPHA = 110
SUGGESTED_ALPHA = 45


#: Layer colours when spans are coloured by annotator: the first annotator, the second, ...;
#: the reviewed layer is neutral grey. Tol's "bright" hues (blue, red, green, yellow, teal,
#: purple), each set to a relative luminance of about 0.225, so a swatch or a line keeps a
#: WCAG contrast of 3:1 or more against a light window (#efefef, white) and a dark one
#: (#323232, #1e1e1e) alike: Tol's own yellow and cyan vanish on white, #222 on a dark theme.
_ANNOTATOR_HUES = ("#5386BA", "#EA455A", "#269638", "#918327", "#009382", "#CD599B")
REVIEWED_HUE = "#828282"
ANNOTATOR_PREFIX = "annotator:"


def annotator_key(index: int) -> str:
    """The colour key of the index-th annotator's layer (see label_color)."""
    return f"{ANNOTATOR_PREFIX}{index}"


def label_color(label: str) -> QColor:
    """The full-strength colour of a label; labels we do not know get a stable fallback."""
    if label.startswith(ANNOTATOR_PREFIX):
        number = label.removeprefix(ANNOTATOR_PREFIX)
        if not number.isdigit():
            return QColor(REVIEWED_HUE)
        return QColor(_ANNOTATOR_HUES[int(number) % len(_ANNOTATOR_HUES)])
    hue = _HUES.get(label)
    if hue is None:
        hue = _FALLBACK[sum(map(ord, label)) % len(_FALLBACK)]
    return QColor(hue)


def tint(label: str, alpha: int) -> QColor:
    color = label_color(label)
    color.setAlpha(alpha)
    return color


#: Relative luminance bounds of a line or swatch colour. At most LIGHT_MAX keeps 3:1 (WCAG)
#: against a light window down to #efefef (Fusion's), so against white too; at least DARK_MIN
#: keeps it against a dark window up to #323232 (Fusion's), so against #1e1e1e too.
LIGHT_MAX = 0.24
DARK_MIN = 0.21


def is_dark(palette: QPalette) -> bool:
    """Whether text and lists are drawn on a dark background in this palette."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def line_color(label: str, *, dark: bool) -> QColor:
    """The label's colour for lines in the text and swatches in lists, legible on the theme's
    background: light hues (DATE's yellow) darkened on a light one, dark hues (ORG's indigo)
    lifted on a dark one, keeping hue and saturation; the others as they are."""
    color = label_color(label)
    hue, saturation, lightness = color.hslHueF(), color.hslSaturationF(), color.lightnessF()
    step = 0.01 if dark else -0.01
    while (luminance(color) < DARK_MIN) if dark else (luminance(color) > LIGHT_MAX):
        lightness = min(max(lightness + step, 0.0), 1.0)
        color = QColor.fromHslF(hue, saturation, lightness)
    return color
