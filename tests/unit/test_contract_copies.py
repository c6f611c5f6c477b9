"""The vendored contract schemas must be byte-identical to ../shared/contract when it is present."""

from __future__ import annotations

import pytest
from shared_paths import CONTRACT, SHARED


@pytest.mark.skipif(SHARED is None, reason="no shared/ folder beside the repository")
def test_vendored_schemas_match_the_shared_contract() -> None:
    assert SHARED is not None
    originals = sorted((SHARED / "contract").glob("*.json"))
    assert originals, "shared/contract holds no schema"
    for original in originals:
        assert (CONTRACT / original.name).read_bytes() == original.read_bytes(), original.name
