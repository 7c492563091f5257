"""The demo data set: a believable, deterministic ONE・AQITA database for trying the app,
demonstrations and load tests (scale 25 is the size DESIGN.md plans for).

The public bodies are the real 26 of Akita Prefecture; partner firms and people are
invented (partner names carry "(架空)"). The data covers the previous and the current
fiscal year of the day it is loaded (demo/dates.py).
"""

from oneaqita.demo.loader import STAGE_JA, DemoStage, DemoSummary, Progress, load_demo

__all__ = ["STAGE_JA", "DemoStage", "DemoSummary", "Progress", "load_demo"]
