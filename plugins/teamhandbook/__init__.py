"""teamhandbook: a team's README, working agreement and decision log as a validated handbook site."""

__version__ = "0.2.0"
"""The one place the version is written; the package metadata and ``handbook --version`` read it."""
