"""Referee floors on the seed documents (../shared/eval/score.py). Skipped where ../shared is absent.

The floors are what the project measured, kept so that no change lets them fall unnoticed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOORS = {  # measured 2026-11-24: 1.000, 0.961, 0.992, 0.905, 0.950, 0.789, 1.000
    "document.acc": 1.0,
    "entities.f1": 0.95,
    "times.f1": 0.95,
    "events_strict.f1": 0.85,
    "events_loose.f1": 0.90,
    "judgments.f1": 0.75,
    "likelihood.acc": 0.90,
}

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared")


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    exe = shutil.which("eastwatch", path=str(Path(sys.executable).parent)) or "eastwatch"
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "eval" / "gold"),
         "--inputs", str(SHARED / "seeds"), "--cmd", f"{exe} extract --format json --no-text {{}}", "--json"],
        capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("metric, floor", sorted(FLOORS.items()))
def test_floor(metrics: dict[str, float], metric: str, floor: float) -> None:
    assert metrics[metric] >= floor
