"""The relationship graph: one Mermaid diagram per group of connected decisions, plus a list.

Only decisions that supersede or relate to another are drawn; each connected group gets its own
small diagram, so a large log never produces one diagram too big to draw. The list under the
diagrams says the same in words, for search, screen readers and builders without Mermaid.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from ..linking.log import is_pending, is_void
from ..model.addresses import GRAPH_PATH
from ..model.decision import Decision, DecisionLog
from . import markdown as md

MAX_NODES_PER_DIAGRAM = 150
"""Groups larger than this are listed but not drawn: Mermaid cannot lay them out legibly."""

_MERMAID_ENTITIES = {
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    '"': "#quot;",
    "#": "#35;",
    "`": "#96;",
    "{": "#123;",  # no Jinja delimiter survives, should mkdocs-macros render the page
    "}": "#125;",
}
_STATUS_STYLES = {
    "proposed": "fill:#fff4e5,stroke:#b26a00",
    "accepted": "fill:#e8f5e9,stroke:#2e7d32",
    "superseded": "fill:#eeeeee,stroke:#757575,stroke-dasharray:4 3",
    "deprecated": "fill:#eeeeee,stroke:#757575,stroke-dasharray:4 3",
    "rejected": "fill:#fdecea,stroke:#c62828",
    "draft": "fill:#e3f2fd,stroke:#1565c0",
    "unknown": "fill:#ffffff,stroke:#9e9e9e",
}

ARROWS = {
    "supersedes": "-->|supersedes|",
    "may-supersede": "-.->|may supersede|",
    "amends": "-->|amends|",
    "relates": "-.-|relates to|",
}
"""How the diagram draws each kind of edge."""

VERBS = {
    "supersedes": "supersedes",
    "may-supersede": "may supersede, once accepted,",
    "amends": "amends",
    "relates": "relates to",
}
"""How the list under the diagram says each kind of edge."""

Edge = tuple[str, str, str]
"""(from id, to id, kind) where kind is ``supersedes``, ``may-supersede`` (a pending supersession),
``amends`` or ``relates``."""


def relationship_graph(log: DecisionLog, href: Callable[[Decision], str] | None = None) -> str:
    """Return the Markdown of the graph page.

    ``href`` gives the URL a node links to, relative to the graph page; by default, the page
    next to it with directory URLs (``../0005-x/``).
    """
    href = href or (lambda decision: f"../{quote(decision.id)}/")
    edges = _edges(log)
    parts = [
        "# Decision graph",
        "Which decisions replace, amend or relate to which. Solid arrows point from a decision to the "
        "one it supersedes or amends (each arrow says which), dotted ones from a proposal to the one "
        "it may supersede once accepted; dashed lines join related decisions. Decisions with no "
        "relation are in the [decision log](index.md).",
    ]
    if not edges:
        parts.append("No decision supersedes, amends or relates to another yet.")
        return "\n\n".join(parts) + "\n"
    for number, (members, group_edges) in enumerate(_groups(log, edges), start=1):
        if len(members) <= MAX_NODES_PER_DIAGRAM:
            parts.append(_diagram(members, group_edges, href))
        else:
            parts.append(f"Group {number} has {len(members)} decisions, too many to draw legibly.")
    parts += ["## Relationships", _edge_list(log, edges)]
    return "\n\n".join(parts) + "\n"


def _edges(log: DecisionLog) -> list[Edge]:
    """Return every supersession and amendment (as written or inferred) and relation once."""
    edges: list[Edge] = []
    related: set[tuple[str, str]] = set()
    for decision in log:
        kind = "may-supersede" if is_pending(decision) else "supersedes"
        for target in decision.relation_ids("supersedes") if not is_void(decision) else []:
            if target != decision.id:
                edges.append((decision.id, target, kind))
        for target in decision.relation_ids("amends"):  # complete both ways: drawn from the amending side
            if target != decision.id:
                edges.append((decision.id, target, "amends"))
        written = [ref.target for ref in decision.relates_to if ref.target and not ref.inferred]
        for target in written:  # the relation holds both ways; it is drawn from the side that wrote it
            pair = (min(decision.id, target), max(decision.id, target))
            if target != decision.id and pair not in related:
                related.add(pair)
                edges.append((decision.id, target, "relates"))
    return edges


def _groups(log: DecisionLog, edges: list[Edge]) -> list[tuple[list[Decision], list[Edge]]]:
    """Split the related decisions into connected groups, each with its members and edges."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for source, target, _ in edges:
        parent[root(source)] = root(target)
    groups: dict[str, tuple[list[Decision], list[Edge]]] = {}
    for decision in log:
        if decision.id in parent:
            groups.setdefault(root(decision.id), ([], []))[0].append(decision)
    for edge in edges:
        groups[root(edge[0])][1].append(edge)
    return list(groups.values())


def _diagram(members: list[Decision], edges: list[Edge], href: Callable[[Decision], str]) -> str:
    """Return one Mermaid flowchart for a connected group."""
    node = {d.id: f"n{i}" for i, d in enumerate(members)}
    lines = ["```mermaid", "flowchart LR"]
    for decision in members:
        label = _mermaid_text(_short(md.full_title(decision)))
        lines.append(f'  {node[decision.id]}["{label}"]')
    for source, target, kind in edges:
        arrow = ARROWS[kind]
        lines.append(f"  {node[source]} {arrow} {node[target]}")
    for decision in members:
        url = href(decision).replace('"', "%22")
        tooltip = _mermaid_text(f"Open {decision.display_id}")
        lines.append(f'  click {node[decision.id]} href "{url}" "{tooltip}"')
    for status, style in _STATUS_STYLES.items():
        lines.append(f"  classDef {status} {style}")
    for colour, style in _COLOUR_STYLES.items():
        lines.append(f"  classDef colour-{colour} {style}")
    by_status: dict[str, list[str]] = {}
    for decision in members:
        by_status.setdefault(_style_class(decision), []).append(node[decision.id])
    for status, nodes in by_status.items():
        lines.append(f"  class {','.join(nodes)} {status}")
    lines.append("```")
    return "\n".join(lines)


_COLOUR_STYLES = {
    "green": _STATUS_STYLES["accepted"],
    "teal": "fill:#e0f2f1,stroke:#00796b",
    "blue": _STATUS_STYLES["draft"],
    "indigo": "fill:#e8eaf6,stroke:#3949ab",
    "purple": "fill:#f3e5f5,stroke:#8e24aa",
    "amber": _STATUS_STYLES["proposed"],
    "orange": "fill:#fbe9e7,stroke:#d84315",
    "red": _STATUS_STYLES["rejected"],
    "grey": "fill:#eeeeee,stroke:#757575",
    "brown": "fill:#efebe9,stroke:#6d4c41",
}


def _style_class(decision: Decision) -> str:
    """Return the Mermaid class of a decision's node: its core status, else its status's colour.

    A team's own status keys may hold any character; Mermaid class names may not, so those go by
    colour (``colour-teal``), which is also what they look like on the pages.
    """
    status = decision.status
    if status is None:
        return "unknown"
    if status.key in _STATUS_STYLES:
        return status.key
    return f"colour-{status.colour}" if status.colour in _COLOUR_STYLES else "unknown"


def _short(title: str, limit: int = 60) -> str:
    """Shorten a long title for a diagram node."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _mermaid_text(value: str) -> str:
    """Encode text for a quoted Mermaid label, so it is always shown as text."""
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in value)


def _edge_list(log: DecisionLog, edges: list[Edge]) -> str:
    """Return the relations as a Markdown list of links."""
    lines = []
    for source, target, kind in edges:
        a, b = log.by_id[source], log.by_id[target]
        verb = VERBS[kind]
        lines.append(f"- {md.decision_link(a, GRAPH_PATH)} {verb} {md.decision_link(b, GRAPH_PATH)}")
    return "\n".join(lines)
