"""Invented names for the benchmark corpus: products, people, places, identifiers and figures.

Real postings name internal products, teammates, offices and tickets that no earlier posting
used. `NameForge` makes such words from syllables with its own `random.Random`. Each name opens
with a head that encodes a running count (three two-letter syllables, shuffled by a bijection),
so no two names of one kind are alike however many are made, and the forge keeps no memory of
the names it handed out: a long run does not grow because of the corpus.
"""

from __future__ import annotations

from random import Random

_CONSONANTS = "bdfghjklmnprstvwxyz"
_VOWELS = "aeiou"
# Two-letter syllables: a head of HEAD_SYLLABLES of them reads back to exactly one number.
_SYLLABLES = tuple(c + v for c in _CONSONANTS for v in _VOWELS)
HEAD_SYLLABLES = 3
_HEADS = len(_SYLLABLES) ** HEAD_SYLLABLES
_SHUFFLE = 7_919  # coprime with _HEADS, so count -> count * _SHUFFLE % _HEADS is a bijection
# Each kind starts elsewhere in the cycle, so a product and a place rarely share a head.
_KIND_OFFSETS = {"product": 0, "place": 1, "surname": 2, "given": 3, "identifier": 4}
_TAILS = ("", "", "n", "r", "x", "s", "th", "nd", "lix", "ora", "ent", "io", "ly", "hub", "flow")
_PLACE_ENDINGS = ("ton", "ford", "mouth", "by", "ville", "stad", "heim", "burg", " Falls", " Bay")
_ID_PREFIXES = ("svc", "pkg", "lib", "job", "ctl", "api", "etl", "ops", "ml", "ui")
_ID_SUFFIXES = ("ingest", "router", "sync", "worker", "gateway", "indexer", "batch", "agent")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_UNITS = ("ms", "TB", "GPUs", "nodes", "QPS", "regions")


class NameForge:
    """Deterministic source of names no earlier call of the same kind returned."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self._counts: dict[str, int] = {}

    def _head(self, kind: str) -> str:
        count = self._counts.get(kind, 0)
        if count >= _HEADS:
            raise RuntimeError(f"NameForge ran out of {kind} names after {_HEADS}")
        self._counts[kind] = count + 1
        number = (count * _SHUFFLE + _KIND_OFFSETS[kind] * _HEADS // 5) % _HEADS
        syllables = []
        for _ in range(HEAD_SYLLABLES):
            number, digit = divmod(number, len(_SYLLABLES))
            syllables.append(_SYLLABLES[digit])
        return "".join(syllables)

    def _word(self, kind: str) -> str:
        return (self._head(kind) + self.rng.choice(_TAILS)).capitalize()

    def product(self) -> str:
        return self._word("product")

    def place(self) -> str:
        return self._head("place").capitalize() + self.rng.choice(_PLACE_ENDINGS)

    def person(self) -> str:
        surname = self._word("surname")
        if self.rng.random() < 0.15:
            surname += "-" + self._word("surname")
        return f"{self._word('given')} {surname}"

    def identifier(self) -> str:
        """A service, repository or ticket name such as `svc-korvalix-ingest` or `KOR-40311`."""
        rng = self.rng
        stem = self._word("identifier").lower()
        shape = rng.randrange(3)
        if shape == 0:
            return f"{rng.choice(_ID_PREFIXES)}-{stem}-{rng.choice(_ID_SUFFIXES)}"
        if shape == 1:
            return f"{stem[:6].upper()}-{rng.randint(100, 99_999)}"
        return f"{stem}_{rng.choice(_ID_SUFFIXES)}_v{rng.randint(2, 9)}"

    # Figures as postings write them; each call draws a fresh one (repeats are possible).
    def count(self) -> str:
        return f"{self.rng.randint(1_000, 999_999):,}"

    def version(self) -> str:
        rng = self.rng
        return f"v{rng.randint(1, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 300)}"

    def money(self) -> str:
        return f"${self.rng.randint(2, 950)}.{self.rng.randint(1, 9)}M"

    def percent(self) -> str:
        return f"{self.rng.randint(2, 99)}.{self.rng.randint(1, 9)}%"

    def date(self) -> str:
        return f"{self.rng.choice(_MONTHS)} {self.rng.randint(2014, 2026)}"

    def quantity(self) -> str:
        return f"{self.rng.randint(10, 9_999)} {self.rng.choice(_UNITS)}"
