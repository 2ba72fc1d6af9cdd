"""The pipeline's shape: each stage reads only what the document has or an earlier stage wrote."""

from __future__ import annotations

from eastwatch.pipeline import STAGES

LOADED = {"text", "meta"}  # what load and repair give every Document


def test_every_read_is_written_earlier() -> None:
    available = set(LOADED)
    for stage in STAGES:
        missing = stage.reads - available
        assert not missing, f"{stage.name} reads {sorted(missing)} before any stage writes it"
        available |= stage.writes


def test_stage_order_is_the_pipeline() -> None:
    assert [s.name for s in STAGES] == ["structure", "recognise", "link", "events", "judgments"]
