"""Running on a schedule: the one-run-at-a-time lock, the cron schedule and graceful shutdown."""
