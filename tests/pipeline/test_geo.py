import pytest

from jobtrends.pipeline.geo import country_of


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("San Francisco, CA", "US"),
        ("Remote (US)", "US"),
        ("New York City", "US"),
        ("Austin, TX or Remote", "US"),
        ("London, United Kingdom", "GB"),
        ("Berlin", "DE"),
        ("Munich, Germany; Hybrid", "DE"),
        ("Zürich", "CH"),
        ("Toronto, Ontario", "CA"),
        ("Bengaluru, India", "IN"),
        ("Remote - Europe", ""),
        ("Remote", ""),
        ("Anywhere", ""),
        ("", ""),
        ("London or Berlin", ""),  # two countries: none
        ("Georgetown", ""),  # a city we do not know is not guessed
    ],
)
def test_country_of(location: str, country: str) -> None:
    assert country_of(location) == country
