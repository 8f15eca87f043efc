"""Accent- and case-insensitive search terms for Vietnamese text.

SecantusDB has no ``$text`` (and MongoDB's has no Vietnamese analyser anyway), so each
procedure stores its folded words and their prefixes in an indexed array: "Đăng ký khai sinh"
→ ``dang ky khai sinh`` → ``["da", "dan", "dang", "ky", "kh", "kha", "khai", ...]``. A query
is folded the same way and matches on that array, so "giay khai sinh", "khai sinh" and
"Khai Sinh" find the same procedure, and a half-typed word still matches.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

MIN_PREFIX = 2
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset({"va", "cua", "and", "of", "for", "the", "a", "an", "to"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ → d: "Đăng ký" → "dang ky"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_terms(texts: Iterable[str]) -> list[str]:
    """Every word of ``texts`` and every prefix of it from two letters on, deduplicated."""
    terms: set[str] = set()
    for text in texts:
        for word in words(text):
            terms.add(word)
            terms.update(word[:n] for n in range(MIN_PREFIX, len(word)))
    return sorted(terms)


def query_words(q: str) -> list[str]:
    """The distinct searchable words of a query, stopwords and one-letter words dropped."""
    seen: list[str] = []
    for word in words(q):
        if len(word) >= MIN_PREFIX and word not in _STOPWORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def min_matches(n_words: int) -> int:
    """How many query words a result must contain: two thirds, rounded up ("giay khai sinh" → 2)."""
    return max(1, math.ceil(n_words * 2 / 3))
