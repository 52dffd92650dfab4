"""Job sources: one module each, registered in `jobtrends.scraper.sources.registry`."""
