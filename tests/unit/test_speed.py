"""The speed model against published measurements (tests/unit/speed_measurements.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from advisor.engine.speed import Rig, Shape, aggregate_tps, stream_tps

TABLE = yaml.safe_load((Path(__file__).parent / "speed_measurements.yaml").read_text(encoding="utf-8"))


def _predict(row: dict) -> float:
    hw, mo = TABLE["hardware"][row["hardware"]], TABLE["models"][row["model"]]
    rig = Rig(hw["bandwidth_gbps"], row["count"], hw["kind"], hw.get("link", "pcie"))
    shape = Shape(mo["total_b"], mo["active_b"], row["bytes_per_param"], mo["layers"])
    fn = stream_tps if row["metric"] == "stream" else aggregate_tps
    return fn(shape, rig, row["server"], row["batch"])


def _id(row: dict) -> str:
    return f"{row['hardware']}x{row['count']}-{row['model']}-{row['bytes_per_param']}-b{row['batch']}-{row['metric']}"


def test_table_is_large_sourced_and_varied() -> None:
    rows = TABLE["measurements"]
    assert len(rows) >= 20
    assert all(r["source"].startswith("https://") and r["date"] for r in rows)
    kinds = {TABLE["hardware"][r["hardware"]]["kind"] for r in rows}
    assert {"consumer", "datacenter", "apple_silicon"} <= kinds
    assert {r["server"] for r in rows} == {"vllm", "llama.cpp"}
    assert any(r["count"] > 1 for r in rows) and any(r["metric"] == "aggregate" for r in rows)
    assert any(TABLE["models"][r["model"]]["active_b"] < TABLE["models"][r["model"]]["total_b"] for r in rows)


@pytest.mark.parametrize("row", TABLE["measurements"], ids=_id)
def test_within_half_to_double_of_published(row: dict) -> None:
    ratio = _predict(row) / row["tokens_per_s"]
    assert 0.5 <= ratio <= 2.0, f"{_id(row)}: model/published = {ratio:.2f}"


@pytest.mark.parametrize("row", TABLE["faster_than_model"], ids=_id)
def test_conservative_where_mature_stacks_are_faster(row: dict) -> None:
    assert _predict(row) < row["tokens_per_s"]


def test_large_moe_across_gpus_is_not_bandwidth_times_count() -> None:
    """DeepSeek-R1 on 8xH200 must not be ~600 tokens/s per stream (the issue's 20-48x error)."""
    shape, rig = Shape(671, 37, 1.0, 61), Rig(4800, 8, "datacenter", "nvlink")
    assert 10 <= stream_tps(shape, rig) <= 40


def test_batching_raises_aggregate_and_lowers_per_stream() -> None:
    shape, rig = Shape(671, 37, 1.0, 61), Rig(4800, 8, "datacenter", "nvlink")
    assert aggregate_tps(shape, rig, batch=32) > 5 * aggregate_tps(shape, rig, batch=1)
    assert stream_tps(shape, rig, batch=32) < stream_tps(shape, rig, batch=1)
    dense = Shape(8, 8, 2.0, 32)
    # a dense model reads its weights once per step: batching is nearly free until compute binds
    assert stream_tps(dense, Rig(3350), batch=8) > 0.8 * stream_tps(dense, Rig(3350), batch=1)


def test_layer_split_adds_memory_not_speed_but_tensor_parallel_adds_speed() -> None:
    shape = Shape(70, 70, 0.57, 80)
    one, four = Rig(1008, 1, "consumer", "pcie"), Rig(1008, 4, "consumer", "pcie")
    assert stream_tps(shape, four, "llama.cpp") <= stream_tps(shape, one, "llama.cpp")
    assert stream_tps(shape, four, "vllm") > 2 * stream_tps(shape, one, "vllm")
