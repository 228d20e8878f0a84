"""Document text → typed fact tables (indicators, budgets, funding, activities, plan_items) with provenance.

Entry point: :func:`helpers.extract.pipeline.run_extract` (CLI ``welfare-eval extract``).
"""
