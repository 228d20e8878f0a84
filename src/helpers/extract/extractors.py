"""The table extractors run on every document, in order: an explicit tuple (no registration at import time).

Adding a table kind is adding a module and a line here. The table engine (:mod:`.blocks`, :mod:`.families`,
:mod:`.table_cells`) runs after them, in :func:`.pipeline.extract_document`.
"""

from . import activities, budgets, contacts, forward, funding, indicators, plan_items, roadmap, sections
from .result import Extractor

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("activities", activities.extract_activities),
    ("budgets", budgets.extract_budgets),
    ("contacts", contacts.extract_contacts),
    ("forward", forward.extract_forward),
    ("funding", funding.extract_funding),
    ("indicators", indicators.extract_indicators),
    ("plan_items", plan_items.extract_plan_items),
    ("roadmap", roadmap.extract_roadmap),
    ("sections", sections.extract_sections),
)
