"""Settings the scraper takes from the resolved configuration (it never reads files or env)."""

from __future__ import annotations

from dataclasses import dataclass, field

# The remote boards' published polling limits, as minimum seconds between requests to each host
# (Remotive blocks more than 2 requests a minute).
BOARD_MIN_DELAYS: dict[str, float] = {
    "remotive.com": 30.0,
    "remoteok.com": 5.0,
    "himalayas.app": 2.0,
}


@dataclass(frozen=True, slots=True)
class HttpSettings:
    user_agent: str = "jobtrends/0.1 (+https://github.com/jobtrends/jobtrends)"
    contact: str = ""
    timeout: float = 20.0
    max_retries: int = 3
    backoff_base: float = 2.0
    per_host_concurrency: int = 2
    min_delay: float = 1.0
    max_bytes: int = 50 * 1024 * 1024
    respect_robots: bool = True
    max_retry_after: float = 600.0
    per_host_delay: dict[str, float] = field(default_factory=lambda: dict(BOARD_MIN_DELAYS))

    @property
    def full_user_agent(self) -> str:
        return f"{self.user_agent} {self.contact}".strip() if self.contact else self.user_agent
