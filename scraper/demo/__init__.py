"""The built-in demo: an invented corpus of AI-engineering postings and a local server that
serves it in the real Greenhouse, Lever, Ashby and Hacker News wire formats."""

from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.demo.model import DemoCorpus, DemoPosting, HnThread
from jobtrends.scraper.demo.server import DemoServer

__all__ = ["DemoCorpus", "DemoPosting", "DemoServer", "HnThread", "generate_corpus"]
