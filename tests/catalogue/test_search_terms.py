"""Folding and tokenising Vietnamese for the indexed search."""

from __future__ import annotations

import pytest

from backend.catalogue.search import fold, index_terms, min_matches, query_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("GIẤY PHÉP XÂY DỰNG", "giay phep xay dung"),
        ("Lý lịch tư pháp", "ly lich tu phap"),
        ("Nghị định 123/2015/NĐ-CP", "nghi dinh 123/2015/nd-cp"),
        ("đường", "duong"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_decomposed_input_folds_like_composed() -> None:
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Đăng ký kết hôn")) == "dang ky ket hon"


def test_index_terms_hold_words_and_prefixes() -> None:
    terms = index_terms(["Đăng ký khai sinh"])
    assert {"dang", "ky", "khai", "sinh", "kh", "kha", "si", "sin", "da", "dan"} <= set(terms)
    assert "k" not in terms  # one letter matches too much to be useful


def test_query_words_drop_noise_and_repeat() -> None:
    assert query_words("  Giấy  khai sinh của con và  khai sinh ") == ["giay", "khai", "sinh", "con"]
    assert query_words("a") == []
    assert len(query_words(" ".join(f"tu{i}" for i in range(50)))) == 8


@pytest.mark.parametrize(("n", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (6, 4)])
def test_min_matches(n: int, needed: int) -> None:
    assert min_matches(n) == needed
