"""Each entity label has a hue from the colour-blind-safe set; unknown labels a stable one;
layer colours, and the label colours of lines in the text and of the Labels legend's swatches,
stay legible on light and dark palettes."""

import pytest

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from annotator.domain.labels import ENTITY_LABELS
from annotator.domain.model import REVIEWED
from annotator.ui.legend import LABEL_ROLE, Legend
from annotator.ui.palette import _HUES, ANNOTATOR_PREFIX, annotator_key, label_color, line_color


def test_every_spacy_label_and_newsroom_kind_has_a_chosen_hue():
    assert set(_HUES) == set(ENTITY_LABELS) | {"CLAIM", "QUOTE", "SOURCE"}


def test_the_most_common_news_labels_are_distinct():
    common = ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY"]
    assert len({label_color(label).name() for label in common}) == len(common)


def test_unknown_labels_get_a_stable_colour():
    assert label_color("SPECIES") == label_color("SPECIES")


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def backgrounds() -> dict[str, QColor]:
    """Window and text backgrounds of Fusion's light palette (as Qt reports it) and of its
    dark one (Qt's qt_fusionPalette: window rgb(50, 50, 50), base that darker(140); the
    offscreen platform cannot switch to it), and a darker dark view (#1e1e1e, Adwaita's)."""
    light = QStyleFactory.create("Fusion").standardPalette()
    dark_window = QColor(50, 50, 50)
    return {
        "light window": light.color(QPalette.ColorRole.Window),
        "light base": light.color(QPalette.ColorRole.Base),
        "dark window": dark_window,
        "dark base": dark_window.darker(140),
        "darker base": QColor("#1e1e1e"),
    }


LAYERS = [annotator_key(index) for index in range(6)] + [f"{ANNOTATOR_PREFIX}{REVIEWED}"]


def test_the_light_backgrounds_are_fusions():
    assert backgrounds()["light window"].name() == "#efefef"
    assert backgrounds()["light base"].name() == "#ffffff"


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_colours_keep_3_to_1_against_light_and_dark_backgrounds(qapp, layer):
    """Swatches in the Review panel and lines in the text, for every annotator and reviewed."""
    for name, background in backgrounds().items():
        ratio = contrast(label_color(layer), background)
        assert ratio >= 3.0, f"{layer} {label_color(layer).name()} on {name}: {ratio:.2f}"
        dark = luminance(background) < 0.18
        line = contrast(line_color(layer, dark=dark), background)
        assert line >= 3.0, f"{layer} line on {name}: {line:.2f}"


def test_layer_colours_are_distinct_hues():
    colours = [label_color(layer) for layer in LAYERS]
    hues = sorted(c.hslHue() for c in colours if c.hslSaturation() > 0)
    assert len(hues) == len(LAYERS) - 1  # every annotator a hue, reviewed neutral grey
    gaps = [b - a for a, b in zip(hues, [*hues[1:], hues[0] + 360], strict=True)]
    assert min(gaps) >= 25, [c.name() for c in colours]


def test_the_layer_colours_go_round_after_six_annotators():
    assert label_color(annotator_key(6)) == label_color(annotator_key(0))


#: Every label a span can have, and two the palette does not know (fallback hues).
LABELS = [*ENTITY_LABELS, "CLAIM", "QUOTE", "SOURCE", "SPECIES", "VESSEL"]


@pytest.mark.parametrize("label", LABELS)
def test_label_lines_keep_3_to_1_against_light_and_dark_backgrounds(qapp, label):
    """ORG's indigo is about 1:1 on a dark window and DATE's yellow 1.7:1 on a light one as
    they are: lines in the text are lifted or darkened until they keep 3:1."""
    for name, background in backgrounds().items():
        line = line_color(label, dark=luminance(background) < 0.18)
        ratio = contrast(line, background)
        assert ratio >= 3.0, f"{label} {line.name()} on {name}: {ratio:.2f}"


def palettes() -> dict[str, QPalette]:
    """Fusion's light palette, its dark one and a darker one (window and base as above)."""
    colours = backgrounds()
    light = QStyleFactory.create("Fusion").standardPalette()
    shown = {"light": light}
    for name, window, base in (
        ("dark", colours["dark window"], colours["dark base"]),
        ("darker", colours["darker base"], colours["darker base"]),
    ):
        palette = QPalette(light)
        palette.setColor(QPalette.ColorRole.Window, window)
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.Text, QColor("#ffffff"))
        shown[name] = palette
    return shown


def swatches(legend: Legend) -> dict[str, QColor]:
    """The colour in the middle of each label's swatch, as drawn."""
    colours = {}
    for row in range(legend.count()):
        item = legend.item(row)
        image = item.icon().pixmap(14, 14).toImage()
        colours[item.data(LABEL_ROLE)] = image.pixelColor(7, 7)
    return colours


def test_legend_swatches_are_the_text_lines_colours_and_legible_on_every_palette(qtbot):
    legend = Legend()
    qtbot.addWidget(legend)
    legend.set_counts(dict.fromkeys(LABELS, 1))
    for name, palette in palettes().items():
        legend.setPalette(palette)  # a theme switched while the legend is shown
        for refresh in (False, True):
            if refresh:
                legend.set_counts(dict.fromkeys(LABELS, 1))
            drawn = swatches(legend)
            assert set(drawn) == set(LABELS)
            dark = name != "light"
            for label, colour in drawn.items():
                assert colour.name() == line_color(label, dark=dark).name(), (name, label)
                for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
                    ratio = contrast(colour, palette.color(role))
                    assert ratio >= 3.0, f"{label} {colour.name()} on {name} {role}: {ratio:.2f}"
