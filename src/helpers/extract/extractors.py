"""Imports the table extractor modules so that they register themselves with the pipeline.

Each module decorates its entry function with ``@pipeline.register(name)``; adding a table kind is adding
a module and a line here.
"""
from . import (
    activities,  # noqa: F401
    budgets,  # noqa: F401
    forward,  # noqa: F401
    funding,  # noqa: F401
    indicators,  # noqa: F401
    plan_items,  # noqa: F401
    roadmap,  # noqa: F401
    sections,  # noqa: F401
)
