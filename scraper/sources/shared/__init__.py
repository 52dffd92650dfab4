"""Helpers every source module shares: payload reading and target options."""
