"""The ``{{ activation-facts: NAME }}`` marker: a facts box read from the activation registry.

The notes state each activation's formula, derivative and output range in prose; this box
is generated from :data:`notes_lib.activations.ACTIVATIONS` so that the page cannot drift
from the code that draws the figures and computes the numbers.

The facts are a description list (property, value), not a table: one function's properties
are name-value pairs, and Material's script wraps every plain table in two scroll boxes when
a page loads, which on the activation notes (eight of them) restyled the whole page in the
single longest task of its load (Lighthouse mobile TBT about 190 ms with tables, 70 without).
"""

from __future__ import annotations

from notes_lib.activations import get_activation

__all__ = ["facts_list"]


def _math(tex: str) -> str:
    # \vert typesets the same bar as "|", which Markdown would take for a cell boundary if
    # the box were ever placed inside a table.
    return "$" + tex.replace("|", r"\vert ").strip() + "$"


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def facts_list(name: str) -> str:
    """Markdown for a box of the facts about activation ``name`` that the registry holds.

    Parameters
    ----------
    name
        A key of :data:`notes_lib.activations.ACTIVATIONS`, e.g. ``"sigmoid"``.

    Returns
    -------
    str
        A ``<div class="notes-facts">`` (a group labelled by its title, "NAME at a glance")
        holding a definition list of property and value; the last entry links to the API
        page of the function through autorefs. Blank lines before and after.

    Raises
    ------
    ValueError
        If ``name`` is not a registered activation.
    """
    act = get_activation(name.strip())
    rows = [
        ("Formula", _math(act.formula)),
        ("Derivative", _math(act.derivative_formula)),
        ("Output range", _math(act.output_range)),
        ("Zero-centred?", _yes_no(act.zero_centred)),
    ]
    # Optional registry fields: shown when the registry provides them.
    for field, label in (("monotonic", "Monotonic?"), ("smooth", "Continuous slope?")):
        value = getattr(act, field, None)
        if isinstance(value, bool):
            rows.append((label, _yes_no(value)))
    module = act.function.__module__
    qualname = act.function.__name__
    rows.append(("In code", f"[`{qualname}`][{module}.{qualname}]"))
    title = f"notes-facts-{act.name.replace('_', '-')}"
    lines = [
        "",
        f'<div class="notes-facts" role="group" aria-labelledby="{title}" markdown="1">',
        f'<p class="notes-facts__title" id="{title}">{act.display_name} at a glance</p>',
        "",
    ]
    for label, value in rows:
        lines += [label, f":   {value}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)
