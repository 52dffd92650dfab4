"""Invented names for the benchmark corpus: products, people, places, identifiers and numbers.

Real postings name internal products, teammates, offices, tickets and figures that no earlier
posting used. `NameForge` makes such words from syllables with its own `random.Random`, never
hands out the same word twice, and so keeps feeding the tokenizer words it has not cached yet.
"""

from __future__ import annotations

from random import Random

_ONSETS = (
    "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p",
    "pr", "qu", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z", "",
)  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
_CODAS = ("", "", "", "n", "r", "l", "s", "x", "th", "nd", "rk", "m", "t", "v", "sk")
_PRODUCT_ENDINGS = ("", "", "ly", "io", "ix", "ora", "ent", "able", "hub", "ops", "base", "flow")
_PLACE_ENDINGS = ("ton", "ford", "mouth", "by", "ville", "stad", "heim", "burg", " Falls", " Bay")
_ID_PREFIXES = ("svc", "pkg", "lib", "job", "ctl", "api", "etl", "ops", "ml", "ui")
_ID_SUFFIXES = ("ingest", "router", "sync", "worker", "gateway", "indexer", "batch", "agent")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class NameForge:
    """Deterministic source of words no earlier call returned (see the module doc)."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self._used: set[str] = set()

    def _fresh(self, make: str) -> str:
        for attempt in range(1000):
            word = self._build(make, extra_syllable=attempt > 20)
            if word.lower() not in self._used:
                self._used.add(word.lower())
                return word
        raise RuntimeError(f"NameForge ran out of {make} names")

    def _syllable(self) -> str:
        rng = self.rng
        return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)

    def _stem(self, syllables: int) -> str:
        return "".join(self._syllable() for _ in range(syllables))

    def _build(self, make: str, extra_syllable: bool) -> str:
        rng = self.rng
        syllables = rng.randint(2, 3) + extra_syllable
        if make == "product":
            return (self._stem(syllables) + rng.choice(_PRODUCT_ENDINGS)).capitalize()
        if make == "place":
            return self._stem(syllables - 1).capitalize() + rng.choice(_PLACE_ENDINGS)
        if make == "surname":
            stem = self._stem(syllables).capitalize()
            if rng.random() < 0.15:
                return f"{stem}-{self._stem(2).capitalize()}"
            return stem
        return self._stem(syllables).capitalize()  # a given name

    def product(self) -> str:
        return self._fresh("product")

    def place(self) -> str:
        return self._fresh("place")

    def person(self) -> str:
        return f"{self._fresh('given')} {self._fresh('surname')}"

    def identifier(self) -> str:
        """A service, repository or ticket name such as `svc-korvalix-ingest` or `KRV-40311`."""
        rng = self.rng
        stem = self._fresh("product").lower()
        shape = rng.randrange(3)
        if shape == 0:
            return f"{rng.choice(_ID_PREFIXES)}-{stem}-{rng.choice(_ID_SUFFIXES)}"
        if shape == 1:
            return f"{stem[:3].upper()}-{rng.randint(100, 99_999)}"
        return f"{stem}_{rng.choice(_ID_SUFFIXES)}_v{rng.randint(2, 9)}"

    # Figures as postings write them; each call draws a fresh one.
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
        unit = self.rng.choice(("ms", "TB", "GPUs", "nodes", "QPS", "regions"))
        return f"{self.rng.randint(10, 9_999)} {unit}"
