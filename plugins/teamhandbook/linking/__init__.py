"""The linking step, between reading and checking: every reference resolved, every relation complete.

Readers return decisions as their files say them. Linking turns a log of read decisions into a
linked log: each reference points at the decision it means (or is reported), and each relation
is complete on both sides (a supersession written on one side only is added, marked inferred, to
the other), so pages, exports and checks all see the same relations. The read decisions are never
changed: the linked log holds new decision objects, and a cache of read decisions can keep and
hand out the same objects build after build.
"""

from .log import NEVER_IN_FORCE, is_pending, is_void, link_log, pending_successors
from .references import RELATIONS, ReferenceIndex

__all__ = [
    "NEVER_IN_FORCE",
    "RELATIONS",
    "ReferenceIndex",
    "is_pending",
    "is_void",
    "link_log",
    "pending_successors",
]
