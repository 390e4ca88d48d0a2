"""Colours shared by the pictures (docs/*.svg) and the evidence explorer (site/).

The level colours are a sequential single-hue (blue) ramp, light to dark as limits on cooperation
grow: ordinal, neutral (no red/green judgement) and readable with any colour-vision deficiency or
in greyscale. No matplotlib here, so the explorer can use them without importing it.
"""

LEVEL_FILL = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
LEVEL_INK = ("#0b1f33", "#0b1f33", "#ffffff", "#ffffff")  # text on each level's fill

NOT_ADDRESSED = "not_addressed"
NOT_ADDRESSED_FILL = "#ffffff"
NOT_ADDRESSED_EDGE = "#c8c8c8"
NOT_ADDRESSED_HATCH = "#d4d4d4"
NOT_ADDRESSED_INK = "#575757"  # 4.5:1 or more on the fill and on the hatch lines
NOT_ADDRESSED_MEANING = "not addressed = no source addresses this; not zero"

INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#bdbdbd"
GRID = "#e3e3e3"
PAPER = "#ffffff"
DISPUTED_MARK = "\u2020"  # dagger
