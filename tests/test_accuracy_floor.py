"""The accuracy figures documented in docs/understanding.md hold on the frozen test split.

``eval/test_figures.json`` holds what ``python eval/real.py all --split test`` printed when the
figures were documented. This test runs the same evaluation (the real pipelines on the real
articles of ``../shared``) and fails when any documented figure drops more than 0.03 below it:
a change that helps invented sentences and hurts real articles cannot land unnoticed. A figure
that rises is fine (update the file and the docs with it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_path

pytestmark = pytest.mark.shared

DOCUMENTED = ROOT / "eval" / "test_figures.json"
TOLERANCE = 0.03
FIGURES = {  # task -> the figures the docs report (dotted paths into the task's result)
    "events/fr": ["sentence_level.precision", "sentence_level.recall", "type_actor_recipient_right",
                  "dates_right_on_gold_dated", "negation_right"],
    "events/en": ["sentence_level.precision", "sentence_level.recall", "type_actor_recipient_right",
                  "negation_right"],
    "quotes/fr": ["recall", "speaker_right_on_found", "scare_without_speaker"],
    "quotes/en": ["recall", "speaker_right_on_found"],
    "mentions/fr": ["link_precision", "person_mentions_resolved"],
    "mentions/en": ["link_precision", "person_mentions_resolved"],
    "gsr/en": ["recall", "precision_of_top_event"],
}


def _get(result: dict, dotted: str) -> float:
    value: object = result
    for key in dotted.split("."):
        value = value[key]  # type: ignore[index]
    return float(value)  # type: ignore[arg-type]


def test_documented_figures_name_real_values() -> None:
    documented = json.loads(DOCUMENTED.read_text("utf-8"))
    for task, names in FIGURES.items():
        for name in names:
            assert 0.0 <= _get(documented[task], name) <= 1.0, (task, name)


def test_test_split_figures_do_not_drop(tmp_path: Path) -> None:
    shared_path("data", "orangesum")
    out = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, str(ROOT / "eval" / "real.py"), "all", "--split", "test",
                          "--json", str(out)], capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    now, documented = json.loads(out.read_text("utf-8")), json.loads(DOCUMENTED.read_text("utf-8"))
    drops = []
    for task, names in FIGURES.items():
        for name in names:
            before, after = _get(documented[task], name), _get(now[task], name)
            if after < before - TOLERANCE:
                drops.append(f"{task} {name}: {before:.3f} documented, {after:.3f} now")
    assert not drops, "test-split figures dropped more than 0.03:\n" + "\n".join(drops)
