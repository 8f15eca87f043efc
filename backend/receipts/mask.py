"""Masking personal data printed on a receipt anyone at the desk can see."""

from __future__ import annotations


def mask_name(full_name: str) -> str:
    """Keep the family name, initial the rest: "Nguyễn Văn An" → "Nguyễn V. A."."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}."
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])
