"""site_tools/startup.py: the palette stylesheet loses one rule, or the build says why not."""

from __future__ import annotations

import pytest

from site_tools.startup import SWITCHING_GUARD, without_switching_guard


def test_drops_the_switching_rule_and_nothing_else() -> None:
    css = f"a{{color:red}}@media screen{{{SWITCHING_GUARD}}}b{{color:blue}}"
    assert without_switching_guard(css) == "a{color:red}@media screen{}b{color:blue}"


@pytest.mark.parametrize("times", [0, 2])
def test_a_stylesheet_without_the_rule_once_is_an_error(times: int) -> None:
    with pytest.raises(ValueError, match=r"data-md-color-switching.*site_tools/startup\.py"):
        without_switching_guard("a{color:red}" + SWITCHING_GUARD * times)
