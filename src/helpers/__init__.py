"""welfare-eval: Korean local-government welfare reports → typed fact tables → per-region reports.

Importing the package is cheap on purpose (the extract CLI must start fast): heavy libraries
(seaborn, statsmodels, jupyter) are imported only by the modules that draw, model or run notebooks.
"""

__version__ = "0.1.0"
