"""The invented employers of the demo corpus, the boards they post on, and where their jobs are.

All names are made up for the demo. Each company has one ATS board (or none: some only post on
Hacker News); any company may also post in a monthly "Who is hiring?" thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random


@dataclass(frozen=True, slots=True)
class City:
    name: str
    region: str  # state, province or region as a postal address names it
    short_region: str  # what US/CA location strings append ("CA", "ON"); country elsewhere
    country: str
    country_code: str
    currency: str
    area: str  # "US", "Canada", "Europe", "UK" or "India": where "Remote (...)" is allowed


CITIES: dict[str, City] = {
    "sf": City("San Francisco", "California", "CA", "United States", "US", "USD", "US"),
    "nyc": City("New York", "New York", "NY", "United States", "US", "USD", "US"),
    "sea": City("Seattle", "Washington", "WA", "United States", "US", "USD", "US"),
    "bos": City("Boston", "Massachusetts", "MA", "United States", "US", "USD", "US"),
    "aus": City("Austin", "Texas", "TX", "United States", "US", "USD", "US"),
    "den": City("Denver", "Colorado", "CO", "United States", "US", "USD", "US"),
    "chi": City("Chicago", "Illinois", "IL", "United States", "US", "USD", "US"),
    "tor": City("Toronto", "Ontario", "ON", "Canada", "CA", "CAD", "Canada"),
    "lon": City("London", "England", "UK", "United Kingdom", "GB", "GBP", "UK"),
    "ber": City("Berlin", "Berlin", "Germany", "Germany", "DE", "EUR", "Europe"),
    "ams": City("Amsterdam", "North Holland", "Netherlands", "Netherlands", "NL", "EUR", "Europe"),
    "par": City("Paris", "Ile-de-France", "France", "France", "FR", "EUR", "Europe"),
    "blr": City("Bangalore", "Karnataka", "India", "India", "IN", "INR", "India"),
}


@dataclass(frozen=True, slots=True)
class Domain:
    area: str  # "healthcare"
    product: str  # what the company sells, singular
    customers: str  # who pays, plural
    users: str  # who uses it day to day, plural
    data: str  # what flows through it, plural
    mission: str  # infinitive phrase without "to"
    chore: str  # what the product takes off users' plates
    task: str  # what a model does there
    metric: str  # what a data scientist forecasts there


DOMAINS: dict[str, Domain] = {
    "healthcare": Domain("healthcare", "clinical documentation assistant", "hospital systems", "clinicians", "clinical notes", "give clinicians their evenings back", "charting", "coding suggestions", "patient volumes"),  # noqa: E501
    "fintech": Domain("finance", "reconciliation platform", "finance teams", "accountants", "ledger entries", "make the month-end close boring", "matching transactions by hand", "fraud scoring", "payment volume"),  # noqa: E501
    "logistics": Domain("logistics", "freight visibility platform", "shippers", "dispatchers", "shipment events", "keep goods moving on time", "chasing carriers for updates", "arrival-time prediction", "late deliveries"),  # noqa: E501
    "legal": Domain("legal", "contract review workspace", "in-house legal teams", "lawyers", "contracts", "help lawyers spend time on judgment, not paperwork", "redlining the same clauses", "clause classification", "contract turnaround time"),  # noqa: E501
    "education": Domain("education", "tutoring app", "school districts", "teachers", "lesson plans", "give every student a patient tutor", "grading homework", "answer feedback", "weekly active students"),  # noqa: E501
    "security": Domain("security", "threat detection platform", "security teams", "analysts", "alerts", "help small security teams punch above their weight", "triaging noisy alerts", "alert prioritization", "incident counts"),  # noqa: E501
    "climate": Domain("energy", "grid forecasting service", "utilities", "grid operators", "sensor readings", "put more renewable power on the grid", "balancing supply by hand", "load prediction", "peak demand"),  # noqa: E501
    "retail": Domain("retail", "merchandising engine", "retailers", "merchandisers", "product catalogs", "help stores stock what people actually want", "spreadsheet planning", "demand prediction", "sell-through rates"),  # noqa: E501
    "devtools": Domain("developer tools", "code review assistant", "engineering teams", "developers", "pull requests", "make code review fast and kind", "waiting on reviews", "review suggestions", "merge times"),  # noqa: E501
    "insurance": Domain("insurance", "claims automation platform", "insurers", "adjusters", "claims files", "settle fair claims in days instead of months", "re-keying documents", "document understanding", "claim cycle time"),  # noqa: E501
    "media": Domain("media", "audio editing studio", "podcast networks", "producers", "transcripts", "make great audio easy to produce", "cutting tape by hand", "speech enhancement", "listener retention"),  # noqa: E501
    "robotics": Domain("robotics", "warehouse picking robots", "fulfillment centers", "operators", "sensor logs", "take the heaviest work out of warehouses", "walking miles of aisles", "grasp planning", "picks per hour"),  # noqa: E501
    "biotech": Domain("biotech", "protein design platform", "drug discovery teams", "scientists", "assay results", "shorten the path from idea to medicine", "running the same assays twice", "binding prediction", "assay throughput"),  # noqa: E501
    "support": Domain("customer support", "support copilot", "support teams", "support reps", "support tickets", "let support teams answer faster without losing the human touch", "copying answers between tabs", "reply drafting", "resolution time"),  # noqa: E501
    "real_estate": Domain("real estate", "property management platform", "landlords", "property managers", "lease documents", "make renting less painful for everyone", "chasing paperwork", "maintenance triage", "occupancy"),  # noqa: E501
    "travel": Domain("travel", "trip planning app", "travel agencies", "travelers", "itineraries", "make planning a trip as fun as taking it", "comparing fares across tabs", "itinerary suggestions", "bookings"),  # noqa: E501
}  # fmt: skip

# (name, board token, ATS source or "" for Hacker News only, domain, home cities)
_TABLE: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("Northwind Labs", "northwindlabs", "greenhouse", "devtools", ("sf", "nyc")),
    ("Bramblecone Health", "bramblecone", "greenhouse", "healthcare", ("bos", "nyc")),
    ("Copperleaf Analytics", "copperleaf", "greenhouse", "retail", ("chi", "nyc")),
    ("Tidewater Robotics", "tidewaterrobotics", "greenhouse", "robotics", ("bos", "aus")),
    ("Foxglove Legal", "foxglovelegal", "greenhouse", "legal", ("nyc", "lon")),
    ("Ironbark Data", "ironbark", "greenhouse", "fintech", ("nyc", "lon")),
    ("Kestrel Freight", "kestrelfreight", "greenhouse", "logistics", ("chi", "den")),
    ("Marigold Learning", "marigoldlearning", "greenhouse", "education", ("aus", "tor")),
    ("Driftwood Security", "driftwoodsecurity", "greenhouse", "security", ("sea", "den")),
    ("Fernhill Climate", "fernhill", "greenhouse", "climate", ("ber", "ams")),
    ("Larkspur Insurance", "larkspur", "greenhouse", "insurance", ("bos", "chi")),
    ("Thistledown Media", "thistledown", "greenhouse", "media", ("lon", "ber")),
    ("Wrenfield Bio", "wrenfieldbio", "greenhouse", "biotech", ("bos", "sf")),
    ("Glasswing Labs", "glasswing", "greenhouse", "support", ("sf", "tor")),
    ("Cobalt Meadow", "cobaltmeadow", "greenhouse", "real_estate", ("den", "aus")),
    ("Saltmarsh Systems", "saltmarsh", "lever", "security", ("lon", "ams")),
    ("Halcyon Retail", "halcyon", "lever", "retail", ("nyc", "par")),
    ("Quarry Lane AI", "quarrylane", "lever", "legal", ("sf", "nyc")),
    ("Umberfield", "umberfield", "lever", "logistics", ("ams", "ber")),
    ("Vellum Works", "vellumworks", "lever", "devtools", ("sea", "sf")),
    ("Yarrow Robotics", "yarrowrobotics", "lever", "robotics", ("blr", "sf")),
    ("Quillfeather AI", "quillfeather", "ashby", "support", ("sf", "nyc")),
    ("Lanternfish AI", "lanternfish", "ashby", "healthcare", ("sf", "bos")),
    ("Paperkite", "paperkite", "ashby", "education", ("lon", "ber")),
    ("Nimbus Reach", "nimbusreach", "ashby", "travel", ("par", "lon")),
    ("Orchard Stack", "orchardstack", "ashby", "devtools", ("sf", "sea")),
    ("Emberlight", "emberlight", "ashby", "media", ("nyc", "tor")),
    ("Gullwing Finance", "gullwing", "ashby", "fintech", ("lon", "nyc")),
    ("Silverthaw Energy", "silverthaw", "ashby", "climate", ("den", "ber")),
    ("Brightwater Maps", "brightwatermaps", "", "travel", ("sf", "ams")),
    ("Heronsgate Health", "heronsgate", "", "healthcare", ("nyc", "bos")),
    ("Mossgate", "mossgate", "", "real_estate", ("aus", "chi")),
    ("Ravensworth Labs", "ravensworth", "", "biotech", ("sf", "lon")),
    ("Tanglewood Audio", "tanglewood", "", "media", ("ber", "nyc")),
    ("Willowmere", "willowmere", "", "insurance", ("tor", "nyc")),
    ("Zephyrine", "zephyrine", "", "climate", ("ams", "sf")),
    ("Ambergrid", "ambergrid", "", "fintech", ("nyc", "lon")),
    ("Cinderpath Games", "cinderpath", "", "media", ("sea", "par")),
    ("Slatebridge", "slatebridge", "", "logistics", ("chi", "tor")),
    ("Obsidian Orchard", "obsidianorchard", "", "security", ("den", "ber")),
)

# Tools companies name in their "about us" blurb; a posting names some the role does not ask for.
COMPANY_STACK: tuple[str, ...] = (
    "Snowflake", "dbt", "Apache Kafka", "PostgreSQL", "Redis", "Go", "Java", "Scala", "React",
    "TypeScript", "Terraform", "Elasticsearch", "Google BigQuery", "Datadog", "GitHub Actions",
    "Rust", "Kubernetes", "Google Cloud Platform", "Amazon Web Services", "Microsoft Azure",
    "Ruby on Rails", "Elixir", "ClickHouse",
)  # fmt: skip

XSS_TITLE = "Prompt Engineer <script>window.__jobtrends_xss=1</script>"
XSS_COMPANY = '<img src=x onerror="window.__jobtrends_xss=2">Evil Corp'
XSS_BOARD = "evilcorp"

STAGES = ("seed-stage", "Series A", "Series B", "Series C", "growth-stage", "profitable")
HEADING_STYLES = {
    "greenhouse": ("gh_h2", "gh_p", "gh_h3"),
    "lever": ("lever",),
    "ashby": ("ashby",),
}


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    board: str
    source: str  # greenhouse | lever | ashby | "" (Hacker News only)
    domain: Domain
    cities: tuple[City, ...]
    size: float  # relative posting volume
    founded: int
    headcount: int
    stage: str
    stack: tuple[str, ...]  # tools named in the blurb
    style: str  # HTML dialect of its board (see markup.render_html)
    gh_office_suffix: int  # Greenhouse ids of one board share their last digits

    @property
    def website(self) -> str:
        return f"https://{self.board}.example"


def build_companies(rng: Random) -> list[Company]:
    companies = []
    for name, board, source, domain, cities in _TABLE:
        styles = HEADING_STYLES.get(source, ("gh_p",))
        companies.append(
            Company(
                name=name,
                board=board,
                source=source,
                domain=DOMAINS[domain],
                cities=tuple(CITIES[c] for c in cities),
                size=round(rng.uniform(0.5, 2.0), 2),
                founded=rng.randint(2011, 2023),
                headcount=rng.choice((35, 60, 80, 120, 180, 250, 400, 650, 900)),
                stage=rng.choice(STAGES),
                stack=tuple(rng.sample(COMPANY_STACK, 5)),
                style=rng.choice(styles),
                gh_office_suffix=rng.randint(1, 9),
            )
        )
    return companies


def xss_company(rng: Random) -> Company:
    return Company(
        name=XSS_COMPANY,
        board=XSS_BOARD,
        source="greenhouse",
        domain=DOMAINS["support"],
        cities=(CITIES["sf"],),
        size=0.0,
        founded=2020,
        headcount=40,
        stage="seed-stage",
        stack=("PostgreSQL", "React"),
        style="gh_h3",
        gh_office_suffix=rng.randint(1, 9),
    )
