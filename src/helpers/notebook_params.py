"""Parameter checks for parameterised notebooks: what papermill only warns about becomes an error.

``papermill report.ipynb out.ipynb -p regoin 11530`` prints a warning and injects ``regoin = 11530`` next to
the parameters cell; the notebook would then render its default region as if nothing were wrong. The
notebook's validation cell calls :func:`reject_unknown` first, so a misspelt or unknown parameter stops the
run with a message naming it, the closest declared name and all declared ones.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from .errors import ParameterError

#: Value types papermill injects (``-p``, ``-y``, ``-f``, ``parameters=``): what a parameter can be.
_PARAMETER_TYPES = (str, int, float, bool, list, dict, tuple, type(None))
#: Names IPython itself keeps in the user namespace.
_IPYTHON_NAMES = {"In", "Out", "exit", "quit", "get_ipython"}


def unknown_names(namespace: Mapping[str, object], declared: Iterable[str]) -> list[str]:
    """Names in ``namespace`` holding parameter-like values (str, number, bool, list, dict, None) that are
    not ``declared``: what an injected unknown parameter leaves behind. Private names, modules, functions,
    classes and other objects are not parameters and are ignored."""
    declared = set(declared)
    return sorted(name for name, value in namespace.items()
                  if name not in declared and not name.startswith("_") and name not in _IPYTHON_NAMES
                  and isinstance(value, _PARAMETER_TYPES))


def reject_unknown(namespace: Mapping[str, object], *declared: str) -> None:
    """Raise :class:`ParameterError` when ``namespace`` (the notebook's ``globals()``) holds a value that
    is not one of the ``declared`` parameters, naming the closest declared one."""
    unknown = unknown_names(namespace, declared)
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
        hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    raise ParameterError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(hints)}; "
                         f"this notebook's parameters: {', '.join(declared)}")
