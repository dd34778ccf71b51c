"""The one exception the extraction stage raises."""


class ExtractionError(Exception):
    """Input that cannot be read at all (corrupt, truncated or encrypted PDF, ...)."""
