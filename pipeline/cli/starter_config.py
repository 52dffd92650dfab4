"""The commented starter `jobtrends.toml` that `jobtrends init` writes.

The boards are real public job boards of AI companies. Each token was seen serving jobs in the
`data/seed_companies.json` snapshot of midat-fx/tech-salary-radar (MIT, July 2026) unless its note
says otherwise; boards come and go, and a board that is gone fails alone ("not found: the board
may be gone"), so prune them from your copy as they die.
"""

from __future__ import annotations

# (board token, company, note). The token is the name in the board's URL.
GREENHOUSE_BOARDS: tuple[tuple[str, str, str], ...] = (
    ("anthropic", "Anthropic", ""),
    ("databricks", "Databricks", ""),
    ("scaleai", "Scale AI", "not in the seed snapshot"),
    ("deepmind", "Google DeepMind", "not in the seed snapshot"),
    ("togetherai", "Together AI", "not in the seed snapshot"),
    ("assemblyai", "AssemblyAI", ""),
    ("lightningai", "Lightning AI", ""),
    ("imbue", "Imbue", ""),
    ("typeface", "Typeface", ""),
    ("gatikaiinc", "Gatik", "autonomous trucking"),
    ("agilityrobotics", "Agility Robotics", ""),
    ("apptronik", "Apptronik", "humanoid robots"),
    ("suki", "Suki", "clinical voice AI"),
)
ASHBY_BOARDS: tuple[tuple[str, str, str], ...] = (
    ("openai", "OpenAI", ""),
    ("cohere", "Cohere", ""),
    ("elevenlabs", "ElevenLabs", ""),
    ("langchain", "LangChain", ""),
    ("perplexity", "Perplexity", ""),
    ("cursor", "Cursor (Anysphere)", ""),
    ("decagon", "Decagon", ""),
    ("deepgram", "Deepgram", ""),
    ("harvey", "Harvey", "legal AI"),
    ("sierra", "Sierra", ""),
    ("character", "Character.AI", ""),
    ("anyscale", "Anyscale", ""),
    ("baseten", "Baseten", ""),
    ("braintrust", "Braintrust", "LLM evaluation"),
    ("browserbase", "Browserbase", ""),
    ("e2b", "E2B", "sandboxes for agents"),
    ("liquid-ai", "Liquid AI", ""),
    ("llamaindex", "LlamaIndex", ""),
    ("modal", "Modal", ""),
    ("pika", "Pika", ""),
    ("pinecone", "Pinecone", ""),
    ("replit", "Replit", ""),
    ("runway", "Runway", ""),
    ("suno", "Suno", ""),
    ("synthesia", "Synthesia", ""),
    ("weaviate", "Weaviate", ""),
    ("writer", "Writer", ""),
    ("abridge", "Abridge", "clinical AI"),
    ("mercor", "Mercor", ""),
    ("horizon3ai", "Horizon3.ai", "autonomous security testing"),
)
LEVER_BOARDS: tuple[tuple[str, str, str], ...] = (
    ("mistral", "Mistral AI", "not in the seed snapshot"),
    ("palantir", "Palantir", ""),
    ("acceldata", "Acceldata", "data observability for AI"),
)
# Real companies whose board token we could not confirm: uncomment once you have checked it.
UNCONFIRMED_BOARDS: tuple[tuple[str, str, str], ...] = (
    ("greenhouse", "xai", "xAI"),
    ("lever", "shieldai", "Shield AI"),
)

HEADER = """\
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
# Retries on 408/429/5xx and connection errors, waiting what Retry-After asks or backing off.
max_retries = 3
# At most this many requests in flight per host, and this many seconds (plus jitter) between them.
per_host_concurrency = 2
min_delay = 1.0
max_bytes = 52428800
# Obey robots.txt when reading HTML pages (the JSON APIs below follow their own terms).
respect_robots = true

[extract]
# Worker processes for extraction (each loads its own spaCy pipeline).
workers = 1
batch_size = 64

# [taxonomy]
# Your own skills, read beside the built-in taxonomy: `jobtrends taxonomy review --accept TERM`
# writes them here (created when missing), `--reject TERM` stops a term being proposed again.
# user_file = "jobtrends.taxonomy.toml"

# One [[sources]] table per board or feed. `type` is the source, `board` the name in the board's
# URL: boards.greenhouse.io/<board>, jobs.lever.co/<board>, jobs.ashbyhq.com/<board>.
# Add your own boards the same way; set `enabled = false` to pause one. Each board costs one
# request per run (a 304 when nothing changed).
"""

FOOTER = """
# Hacker News "Ask HN: Who is hiring?": the monthly archive behind the long-run trends.
[[sources]]
type = "hn"
since = "2019-01"

# Remote job boards. Their terms ask for attribution: every posting keeps its link back and the
# report's Sources page credits the board. Their polling limits are built-in per-host delays
# (Remotive: at most 2 requests a minute and about 4 runs a day, so schedule jobtrends daily).
[[sources]]
type = "himalayas"
# max_pages = 50        # cursor pages of 20 jobs read per run

[[sources]]
type = "remotive"
category = "software-dev"

[[sources]]
type = "remoteok"

# Arbeitnow: a general board of jobs in Germany and Europe (remote and on-site), newest first.
[[sources]]
type = "arbeitnow"
# max_pages = 20        # pages of about 100 jobs read per run
"""


def _board_tables(kind: str, title: str, boards: tuple[tuple[str, str, str], ...]) -> str:
    lines = [f"\n# --- {title} ---"]
    for token, company, note in boards:
        remark = f"{company}; {note}" if note else company
        lines += ["", f"[[sources]]  # {remark}", f'type = "{kind}"', f'board = "{token}"']
    return "\n".join(lines) + "\n"


def _unconfirmed_tables() -> str:
    lines = ["\n# --- Not yet confirmed: check the board's URL, then uncomment ---"]
    for kind, token, company in UNCONFIRMED_BOARDS:
        lines += ["", f"# [[sources]]  # {company}", f'# type = "{kind}"', f'# board = "{token}"']
    return "\n".join(lines) + "\n"


STARTER_CONFIG = (
    HEADER
    + _board_tables("greenhouse", "Greenhouse", GREENHOUSE_BOARDS)
    + _board_tables("ashby", "Ashby", ASHBY_BOARDS)
    + _board_tables("lever", "Lever", LEVER_BOARDS)
    + _unconfirmed_tables()
    + FOOTER
)
