"""Static HTML reports: report frames in, a self-contained site of Plotly charts out.

Entry point: `jobtrends.reports.site.build_site`. This package never imports `jobtrends.scraper`.
"""
