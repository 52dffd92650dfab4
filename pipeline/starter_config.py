"""The commented starter `jobtrends.toml` that `jobtrends init` writes."""

STARTER_CONFIG = """\
# jobtrends configuration. Settings resolve in layers: built-in defaults < this file <
# JOBTRENDS_<SECTION>_<KEY> environment variables (e.g. JOBTRENDS_HTTP_CONTACT) <
# command-line flags.

[storage]
# SQLite database with every posting, extraction and run. JOBTRENDS_DATABASE overrides it.
database = "data/jobtrends.db"

[report]
# Where `jobtrends report` and `jobtrends run` write the static site.
output = "data/report"
# Months with fewer postings than this are greyed out in trend charts.
min_month_n = 30

[http]
# Identify yourself to the sites you read: put an e-mail address or URL here.
user_agent = "jobtrends/0.1 (+https://github.com/jobtrends/jobtrends)"
contact = ""
timeout = 20.0
max_retries = 3
# At most this many requests in flight per host, and this many seconds between them.
per_host_concurrency = 2
min_delay = 1.0
max_bytes = 52428800

[extract]
# Worker processes for extraction (each loads its own spaCy pipeline).
workers = 1
batch_size = 64

# One [[sources]] table per board or feed. `type` is the source, `board` the name in the board's
# URL (boards.greenhouse.io/<board>, jobs.lever.co/<board>, jobs.ashbyhq.com/<board>).
# Add your own boards below; set `enabled = false` to pause one.

[[sources]]
type = "greenhouse"
board = "anthropic"

[[sources]]
type = "greenhouse"
board = "databricks"

[[sources]]
type = "greenhouse"
board = "scaleai"

[[sources]]
type = "greenhouse"
board = "deepmind"

[[sources]]
type = "greenhouse"
board = "togetherai"

[[sources]]
type = "ashby"
board = "openai"

[[sources]]
type = "ashby"
board = "cohere"

[[sources]]
type = "ashby"
board = "langchain"

[[sources]]
type = "ashby"
board = "elevenlabs"

[[sources]]
type = "lever"
board = "mistral"

[[sources]]
type = "lever"
board = "palantir"

# Hacker News "Ask HN: Who is hiring?": the monthly archive behind the long-run trends.
[[sources]]
type = "hn"
since = "2019-01"
"""
