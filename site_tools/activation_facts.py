"""The ``{{ activation-facts: NAME }}`` marker: a facts table read from the activation registry.

The notes state each activation's formula, derivative and output range in prose; this table
is generated from :data:`notes_lib.activations.ACTIVATIONS` so that the page cannot drift
from the code that draws the figures and computes the numbers.
"""

from __future__ import annotations

from notes_lib.activations import get_activation
from site_tools import markers

__all__ = ["facts_table"]


def _cell_math(tex: str) -> str:
    # A "|" would end the table cell before arithmatex sees the formula.
    return "$" + tex.replace("|", r"\vert ").strip() + "$"


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def facts_table(name: str) -> str:
    """Markdown table of the facts about activation ``name`` that the registry holds.

    Parameters
    ----------
    name
        A key of :data:`notes_lib.activations.ACTIVATIONS`, e.g. ``"sigmoid"``.

    Returns
    -------
    str
        A two-column Markdown table (fact, value) whose last row links to the API page of the
        function through autorefs; it is preceded and followed by a blank line.

    Raises
    ------
    ValueError
        If ``name`` is not a registered activation.
    """
    act = get_activation(name.strip())
    rows = [
        ("Formula", _cell_math(act.formula)),
        ("Derivative", _cell_math(act.derivative_formula)),
        ("Output range", _cell_math(act.output_range)),
        ("Zero-centred?", _yes_no(act.zero_centred)),
    ]
    # Optional registry fields: shown when the registry provides them.
    for field, label in (("monotonic", "Monotonic?"), ("smooth", "Smooth?")):
        value = getattr(act, field, None)
        if isinstance(value, bool):
            rows.append((label, _yes_no(value)))
    module = act.function.__module__
    qualname = act.function.__name__
    rows.append(("In code", f"[`{qualname}`][{module}.{qualname}]"))
    lines = [
        "",
        f"| Property | {act.display_name} |",
        "| --- | --- |",
        *(f"| {label} | {value} |" for label, value in rows),
        "",
    ]
    return "\n".join(lines)


@markers.marker("activation-facts")
def _expand(argument: str, page_path: str) -> str:
    return facts_table(argument)
