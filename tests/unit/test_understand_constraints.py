"""Where data may go, conditions on vendors, own cloud, workloads, priority and words that must not mislead."""

from __future__ import annotations

import pytest

from advisor.agent.understand import understand


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        ("Our plant runs offline.", "air_gapped"),
        ("院内ネットワークは閉域網です", "air_gapped"),
        ("LGWAN系で使います", "air_gapped"),
        ("端末はインターネット分離されています", "air_gapped"),
        ("No cloud, please.", "on_prem"),
        ("Nothing leaves the building.", "on_prem"),
        ("資料は社外に出せません", "on_prem"),
        ("We can't use third-party APIs.", "private_cloud"),
    ],
)
def test_where_data_may_go(text: str, deployment: str) -> None:
    assert understand(text).updates["deployment"] == deployment


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        ("It has to run in our own AWS account.", "aws"),
        ("自社のAzureテナントで動かします", "azure"),
        ("Everything is in our GCP project.", "gcp"),
    ],
)
def test_own_cloud_account_is_private_cloud_with_provider(text: str, provider: str) -> None:
    u = understand(text)
    assert u.updates["deployment"] == "private_cloud" and u.updates["cloud_provider"] == provider


def test_a_gpu_on_a_cloud_is_not_a_deployment_constraint() -> None:
    assert "deployment" not in understand("We have a single A10G on AWS.").updates


@pytest.mark.parametrize(
    ("text", "deployment", "requirements", "residency"),
    [
        ("An API is fine as long as they sign a BAA.", "any", ["baa"], None),
        ("We'd accept an API only with zero data retention.", "any", ["zdr"], None),
        ("学習に使われないなら外部APIでも可", "any", ["no_training"], None),
        ("A hosted API is OK provided a DPA is signed.", "any", ["dpa"], None),
        ("Only if it's processed in Japan.", None, None, ["jp"]),
        ("国内で処理されるならAPIでも構いません", "any", None, ["jp"]),
    ],
)
def test_conditions_on_vendors(
    text: str, deployment: str | None, requirements: list[str] | None, residency: list[str] | None
) -> None:
    u = understand(text).updates
    assert u.get("deployment") == deployment
    assert u.get("vendor_requirements") == requirements
    assert u.get("residency") == residency


def test_classified_is_security_not_a_task() -> None:
    u = understand("We summarise classified reports.")
    assert (
        u.updates["deployment"] == "air_gapped" and u.updates["data_sensitivity"] == "regulated"
    )  # legally controlled: the stricter reading
    assert "classification" not in u.updates.get("tasks", [])
    assert "classification" in understand("Tickets are classified into 12 categories.").updates["tasks"]


def test_drawings_do_not_make_vision_a_need() -> None:
    for text in ("図面の表題欄のテキストを検索したい", "Search the text of our engineering drawings."):
        u = understand(text).updates
        assert "vision" not in u.get("tasks", []) and "vision" not in u.get("needs", [])
    assert "vision" in understand("図面の画像から寸法を読み取りたい").updates["tasks"]


def test_workloads_of_different_sensitivity() -> None:
    u = understand(
        "Marketing copy can go to an API, but the HR health records must stay on our servers."
    ).updates
    assert [(w["data_sensitivity"], w.get("deployment")) for w in u["workloads"]] == [
        ("internal", "any"),
        ("regulated", "on_prem"),
    ]
    assert u["data_sensitivity"] == "regulated" and u["deployment"] == "on_prem"


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("Quality is critical.", "quality"),
        ("We want the cheapest option.", "cost"),
        ("精度重視でお願いします", "quality"),
        ("コスト最優先です", "cost"),
    ],
)
def test_priority(text: str, priority: str) -> None:
    assert understand(text).priority == priority
