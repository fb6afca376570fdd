"""The notes' search index and its question set, without a browser (see also test_search.py).

The question set (tests/data/search_questions.yaml) must point at sections that exist; the
index the build writes must hold readable math and the glossary's synonyms; every page must
hand Material's search box the notes' own worker, which must ship with the site.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from search_harness import CONCEPTUAL_FORMS, load_questions

from site_tools import search_index

QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))


# ---------------------------------------------------------------- the question set


def test_question_set_covers_the_forms_students_use() -> None:
    forms = Counter(q.form for q in QUESTIONS)
    assert len(QUESTIONS) >= 40
    assert forms["symbol"] >= 2 and forms["misspelling"] >= 1, forms
    assert set(forms) >= CONCEPTUAL_FORMS, f"missing forms: {CONCEPTUAL_FORMS - set(forms)}"
    assert len({q.query for q in QUESTIONS}) == len(QUESTIONS), "a query is listed twice"


def test_question_set_reaches_every_lecture_page_and_the_glossary() -> None:
    lecture = {p.stem for p in (Path(__file__).parent.parent / "docs" / "lecture-1").glob("*.md")}
    answered = {e.split("#")[0] for q in QUESTIONS for e in q.expect}
    pages = {a.removeprefix("lecture-1/").strip("/") or "index" for a in answered}
    missing = lecture - {"summary"} - pages
    assert not missing, f"no question is answered by lecture page(s) {sorted(missing)}"
    assert "glossary/" in answered


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.query)
def test_every_expected_answer_is_a_section_of_the_index(index: dict, question) -> None:
    """Each expected answer is a document of the search index: a page's opening or one of
    its sections, by its heading id."""
    locations = {doc["location"] for doc in index["docs"]}
    for expected in question.expect:
        assert expected in locations, f"{question.query!r}: no section {expected} in the index"


# ---------------------------------------------------------------- the index


def test_index_holds_readable_math_not_mathml_run_together(index: dict) -> None:
    by_location = {doc["location"]: doc["text"] for doc in index["docs"]}
    forward = by_location["lecture-1/perceptron/#notes-forward-propagation"]
    assert re.search(r"ŷ = g\(w<sub>0</sub> \+ ∑<sub>\w=1</sub><sup>m</sup>x<sub>\w</sub>", forward)
    assert "y^=g(w0+" not in forward
    for location, text in by_location.items():
        text = re.sub(r"<pre>.*?</pre>", "", text, flags=re.S)  # source listings are code
        assert not re.search(r"\\(frac|hat|sum|mathbf|left|right)\b", text), f"TeX in {location}"
        assert "<math" not in text and "<mi>" not in text, f"MathML in {location}"


def test_readable_math_from_mathml() -> None:
    def math(body: str) -> str:
        return f'<math alttext="" display="inline">{body}</math>'

    minus = "\u2212"
    hat = '<mover accent="true"><mi>y</mi><mo>^</mo></mover>'
    frac = "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mi>x</mi></msup></mrow>"
    call = "<mo>=</mo><mi>g</mi><mo>(</mo><mi>z</mi><mo>)</mo>"
    assert search_index.readable(math(hat + call)) == "ŷ = g(z)"
    assert search_index.readable(math(frac + "</mfrac>")) == "1/(1 + e<sup>x</sup>)"
    negative = f"<mi>z</mi><mo>=</mo><mo>{minus}</mo><mn>6</mn>"
    assert search_index.readable(math(negative)) == f"z = {minus}6"
    assert search_index.readable(math("<msqrt><mn>13</mn></msqrt>")) == "√13"
    with pytest.raises(ValueError, match="mathml"):
        search_index.readable("<math><mi>x</math>")


def test_formulas_are_swapped_in_page_order_across_sections() -> None:
    texts = ["a y^ b", "c XTW d y^"]
    formulas = [("y^", "ŷ"), ("missing", "never"), ("XTW", "X<sup>T</sup>W"), ("y^", "ŷ")]
    assert search_index.swap_formulas(texts, formulas) == ["a ŷ b", "c X<sup>T</sup>W d ŷ"]


def test_glossary_abbreviations_become_synonyms(index: dict) -> None:
    synonyms = index["config"]["synonyms"]
    assert synonyms["mlp"] == "Multi-Layer Perceptron"
    assert synonyms["adam"] == "Adaptive Moment Estimation"  # cut at ", an optimiser"
    glossary = search_index.glossary_synonyms()
    assert len(glossary) >= 40 and all(k == k.lower() for k in glossary)


# ---------------------------------------------------------------- the worker ships


def test_pages_hand_the_search_box_the_notes_worker(built_site: Path) -> None:
    html = (built_site / "lecture-1" / "perceptron" / "index.html").read_text("utf-8")
    config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
    assert config["search"] == "../../assets/javascripts/search/worker.js"
    assert "search.result.none" in config["translations"], "Material's config block kept"
    worker_dir = built_site / "assets" / "javascripts" / "search"
    worker = (worker_dir / "worker.js").read_text("utf-8")
    for script in re.findall(r'importScripts\("([^"]+)"\)', worker):
        assert (worker_dir / script).is_file(), f"the worker imports a missing {script}"
    assert "http" not in re.sub(r"//.*|/\*.*?\*/", "", worker, flags=re.S), "worker fetches a URL"
