"""Time-zone arithmetic for the working agreement: working spans, overlap, deadlines.

Everything is computed with ``zoneinfo``, so daylight-saving changes fall where the time-zone
database puts them. Instants are aware ``datetime`` values in UTC.
"""
