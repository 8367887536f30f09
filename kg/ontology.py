"""The ontology, declared once as data.

Every other part of kg derives from these declarations: case validation, the networkx build,
the CSV headers, the neo4j-admin and Cypher exports, the Neo4j schema and the docs. Adding a
property is a one-line change to the kind that holds it.

Every node and every relationship also carries provenance (``sources``: the ids of the case's
sources, and an optional ``quote``); those are declared in :data:`PROVENANCE`, not per kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ValueType(str, Enum):
    """The type of a property value, as written in a case file."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO 8601 calendar date; reduced precision (2018, 2018-06) accepted
    DATETIME = "datetime"  # ISO 8601 date and time, optional UTC offset
    STRING_LIST = "string list"  # ';'-separated in CSV, a JSON array in JSON Lines


@dataclass(frozen=True)
class Property:
    """A property of a node or relationship kind."""

    name: str
    type: ValueType
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    date_of: str | None = None
    """For a date property: the datetime property it is the date of (filled from it when empty)."""
    verbatim: bool = False
    """Text kept exactly as given, surrounding spaces and line breaks included."""
    bounds: tuple[int, int] | None = None
    """For an integer property: the lowest and highest values allowed."""


@dataclass(frozen=True)
class NodeKind:
    """A kind of node (a Neo4j label). ``start``/``end`` name the properties that place it in time."""

    label: str
    description: str
    properties: tuple[Property, ...]
    key: str = "id"
    start: str | None = None
    end: str | None = None

    @property
    def file_stem(self) -> str:
        """The case file name (without extension) holding this kind: ``ChatGroup`` → ``chat_group``."""
        return _snake(self.label)


@dataclass(frozen=True)
class RelationshipKind:
    """A kind of relationship (a Neo4j relationship type) between given start and end kinds."""

    type: str
    description: str
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    properties: tuple[Property, ...] = ()
    start: str | None = None
    end: str | None = None

    @property
    def file_stem(self) -> str:
        """The case file name (without extension): ``MEMBER_OF`` → ``member_of``."""
        return self.type.lower()


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(label))


class Label:
    """Node labels. Code names a kind as ``Label.OFFICER``, never as a bare string (a test checks)."""

    OFFICER = "Officer"
    PERSON = "Person"
    STATION = "Station"
    TEAM = "Team"
    ORGANISATION = "Organisation"
    CHAT_GROUP = "ChatGroup"
    INCIDENT = "Incident"
    CATEGORY = "Category"
    INVESTIGATION = "Investigation"
    OUTCOME = "Outcome"
    RECOMMENDATION = "Recommendation"
    SOURCE = "Source"


class RelType:
    """Relationship types, named in code as ``RelType.MEMBER_OF`` (a test checks)."""

    MEMBER_OF = "MEMBER_OF"
    BASED_AT = "BASED_AT"
    PART_OF = "PART_OF"
    SUPERVISES = "SUPERVISES"
    IN_CHAT = "IN_CHAT"
    SENT = "SENT"
    RECEIVED = "RECEIVED"
    POSTED_IN = "POSTED_IN"
    PARTICIPATED_IN = "PARTICIPATED_IN"
    ACCUSED_IN = "ACCUSED_IN"
    WITNESSED = "WITNESSED"
    REPORTED = "REPORTED"
    TARGETED = "TARGETED"
    IN_CATEGORY = "IN_CATEGORY"
    AT = "AT"
    CONDUCTED = "CONDUCTED"
    INVESTIGATED = "INVESTIGATED"
    EXAMINED = "EXAMINED"
    RECEIVED_OUTCOME = "RECEIVED_OUTCOME"
    CONCERNS = "CONCERNS"
    RECOMMENDED = "RECOMMENDED"
    ADDRESSED_TO = "ADDRESSED_TO"


S, INT, B, D, DT, SL = (
    ValueType.STRING,
    ValueType.INTEGER,
    ValueType.BOOLEAN,
    ValueType.DATE,
    ValueType.DATETIME,
    ValueType.STRING_LIST,
)

NAME = Property("name", S, "Display name (pseudonymous where the source is).")
FROM = Property("from", D, "First day the relationship held.")
UNTIL = Property("until", D, "Last day the relationship held; empty while it still holds.")

INCIDENT_TYPES = (
    "message", "complaint", "verbal", "physical", "sexual_harassment", "sexual_misconduct",
    "bullying", "intimidation", "discrimination", "other",
)  # fmt: skip
OUTCOME_TYPES = (
    "dismissed", "gross_misconduct", "barred_list", "resigned", "retired",
    "final_written_warning", "written_warning", "management_action", "reflective_practice",
    "reprimand", "suspension", "termination", "no_case_to_answer", "no_action",
    "notice_served", "other",
)  # fmt: skip
SANCTION_TYPES = (
    "dismissed", "gross_misconduct", "barred_list", "final_written_warning", "written_warning", "reprimand",
    "suspension", "termination",
)  # fmt: skip
"""The outcome types that are sanctions. Not sanctions: no case to answer, no action, a notice,
management action, reflective practice, resigning or retiring, and ``other`` (e.g. a violation
noted, a penalty reinstated or not served, an unknown penalty code)."""
FINDINGS = (
    "sustained", "not_sustained", "unfounded", "exonerated", "no_affidavit", "pending",
    "unknown", "other",
)  # fmt: skip
SOURCE_TYPES = (
    "report", "article", "chat_export", "dataset", "testimony", "illustrative", "synthetic", "other",
)  # fmt: skip

NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind(
        Label.OFFICER,
        "A police officer (any rank).",
        (
            NAME,
            Property("rank", S, "Rank, e.g. PC, Sergeant, Inspector."),
            Property("role", S, "Post or duty, e.g. response, custody."),
            Property("joined", D, "Date the officer joined the force."),
            Property("left", D, "Date the officer left the force."),
            Property(
                "status",
                S,
                "Service status.",
                choices=("serving", "resigned", "retired", "dismissed", "suspended", "unknown"),
            ),  # fmt: skip
            Property("probationer", B, "True while the officer was a probationer in the case."),
        ),
        start="joined",
        end="left",
    ),
    NodeKind(
        Label.PERSON,
        "Someone who is not an officer: staff, complainant, victim, witness, official.",
        (
            NAME,
            Property(
                "role",
                S,
                "Why the person is in the case.",
                choices=("staff", "complainant", "victim", "witness", "official", "public", "other"),
            ),  # fmt: skip
            Property("title", S, "Job title, e.g. Regional Director."),
        ),
    ),
    NodeKind(
        Label.STATION,
        "A police station.",
        (NAME, Property("area", S, "Borough, district or command area.")),
    ),
    NodeKind(
        Label.TEAM,
        "A team, shift, unit or squad.",
        (
            NAME,
            Property("team_type", S, "What sort of team: response, neighbourhood, district, unit…"),
            Property("formed", D, "Date the team was formed."),
            Property("disbanded", D, "Date the team was disbanded."),
            Property(
                "status",
                S,
                "Whether the team still exists.",
                choices=("active", "disbanded", "merged", "unknown"),
            ),
        ),
        start="formed",
        end="disbanded",
    ),
    NodeKind(
        Label.ORGANISATION,
        "A police force, watchdog or other body.",
        (
            NAME,
            Property(
                "organisation_type",
                S,
                "What sort of body.",
                choices=("force", "watchdog", "government", "publisher", "other"),
            ),  # fmt: skip
        ),
    ),
    NodeKind(
        Label.CHAT_GROUP,
        "A group chat or channel officers posted in.",
        (
            NAME,
            Property("platform", S, "Messaging platform, e.g. WhatsApp."),
            Property("created", D, "Date the group was created."),
        ),
        start="created",
    ),
    NodeKind(
        Label.INCIDENT,
        "Something that happened: a message, a complaint, an act of harassment or violence.",
        (
            NAME,
            Property("incident_type", S, "What sort of incident.", required=True, choices=INCIDENT_TYPES),
            Property(
                "occurred_on",
                D,
                "Date of the incident (taken from occurred_at when empty).",
                date_of="occurred_at",
            ),
            Property("occurred_at", DT, "Date and time, when known."),
            Property("reported_on", D, "Date it was reported or complained of, when known."),
            Property("summary", S, "Neutral one-line summary."),
            Property("text", S, "Verbatim text (of a message), when the source gives it.", verbatim=True),
            Property("text_sha256", S, "SHA-256 of a message's text (kept when the text itself is not)."),
            Property("text_length", INT, "Characters in a message's text."),
            Property("matched_terms", S, "Lexicon terms found in a message's text, separated by '; '."),
            Property(
                "source_location", S, "Where in its source it is recorded, e.g. an export's file and line."
            ),
            Property("severity", INT, "Severity from 1 (low) to 5 (high), when assessed.", bounds=(1, 5)),
        ),
        start="occurred_on",
    ),
    NodeKind(
        Label.CATEGORY,
        "A category of misconduct: racism, misogyny, homophobia, ableism, violence, bullying…",
        (NAME, Property("description", S, "What the category covers.")),
    ),
    NodeKind(
        Label.INVESTIGATION,
        "An investigation or review.",
        (
            NAME,
            Property("reference", S, "Operation name or case reference."),
            Property("started", D, "Date the investigation started."),
            Property("ended", D, "Date the investigation ended or reported."),
        ),
        start="started",
        end="ended",
    ),
    NodeKind(
        Label.OUTCOME,
        "A decision about an officer: dismissal, warning, no case to answer…",
        (
            NAME,
            Property("outcome_type", S, "What was decided.", required=True, choices=OUTCOME_TYPES),
            Property("decided_on", D, "Date of the decision."),
            Property("description", S, "Details of the decision."),
        ),
        start="decided_on",
    ),
    NodeKind(
        Label.RECOMMENDATION,
        "A recommendation made by an investigation or body.",
        (
            NAME,
            Property("number", INT, "The recommendation's number."),
            Property("text", S, "What was recommended."),
        ),
    ),
    NodeKind(
        Label.SOURCE,
        "Where facts come from. Declared in case.toml, not in a CSV file.",
        (
            Property("title", S, "Title of the source.", required=True),
            Property("source_type", S, "What sort of source.", required=True, choices=SOURCE_TYPES),
            Property("publisher", S, "Who published it."),
            Property("published", D, "Publication date."),
            Property("url", S, "Where it can be found."),
            Property("sha256", S, "SHA-256 of the file kg read, for an export."),
            Property("description", S, "What it is and how it was used."),
        ),
        start="published",
    ),
)

PEOPLE = (Label.OFFICER, Label.PERSON)

IDENTIFYING: dict[str, tuple[str, ...]] = {label: ("id", "name") for label in PEOPLE}
"""The fields that identify a person, by kind: ``--pseudonymise`` replaces them (and every
mention of them in other text) with pseudonyms."""

RELATIONSHIP_KINDS: tuple[RelationshipKind, ...] = (
    RelationshipKind(
        RelType.MEMBER_OF,
        "Belonged to a team or organisation.",
        PEOPLE,
        (Label.TEAM, Label.ORGANISATION),
        (FROM, UNTIL, Property("role", S, "Role in the team, e.g. sergeant.")),
        start="from",
        end="until",
    ),  # fmt: skip
    RelationshipKind(
        RelType.BASED_AT,
        "A team worked from a station.",
        (Label.TEAM,),
        (Label.STATION,),
        (FROM, UNTIL),
        start="from",
        end="until",
    ),  # fmt: skip
    RelationshipKind(
        RelType.PART_OF,
        "Organisational structure.",
        (Label.TEAM, Label.STATION, Label.ORGANISATION),
        (Label.TEAM, Label.STATION, Label.ORGANISATION),
    ),  # fmt: skip
    RelationshipKind(
        RelType.SUPERVISES,
        "Line supervision of an officer or a team.",
        (Label.OFFICER,),
        (Label.OFFICER, Label.TEAM),
        (FROM, UNTIL),
        start="from",
        end="until",
    ),  # fmt: skip
    RelationshipKind(
        RelType.IN_CHAT,
        "Member of a chat group.",
        PEOPLE,
        (Label.CHAT_GROUP,),
        (FROM, UNTIL),
        start="from",
        end="until",
    ),  # fmt: skip
    RelationshipKind(RelType.SENT, "Sent a message.", PEOPLE, (Label.INCIDENT,)),
    RelationshipKind(RelType.RECEIVED, "Received a message.", PEOPLE, (Label.INCIDENT,)),
    RelationshipKind(
        RelType.POSTED_IN, "A message was posted in a chat group.", (Label.INCIDENT,), (Label.CHAT_GROUP,)
    ),
    RelationshipKind(
        RelType.PARTICIPATED_IN,
        "Established involvement in an incident (not an allegation).",
        PEOPLE,
        (Label.INCIDENT,),
        (Property("role", S, "Part played."),),
    ),  # fmt: skip
    RelationshipKind(
        RelType.ACCUSED_IN,
        "Accused in an incident: an allegation, with its findings.",
        (Label.OFFICER,),
        (Label.INCIDENT,),
        (
            Property("allegation", S, "What was alleged (category or code)."),
            Property("finding", S, "Finding recommended by the investigator.", choices=FINDINGS),
            Property("final_finding", S, "Final finding.", choices=FINDINGS),
        ),
    ),  # fmt: skip
    RelationshipKind(RelType.WITNESSED, "Saw or heard an incident.", PEOPLE, (Label.INCIDENT,)),
    RelationshipKind(
        RelType.REPORTED,
        "Reported an incident.",
        PEOPLE,
        (Label.INCIDENT,),
        (Property("reported_on", D, "Date of the report."), Property("to", S, "Reported to whom.")),
        start="reported_on",
    ),  # fmt: skip
    RelationshipKind(RelType.TARGETED, "An incident was aimed at someone.", (Label.INCIDENT,), PEOPLE),
    RelationshipKind(
        RelType.IN_CATEGORY, "An incident falls in a category.", (Label.INCIDENT,), (Label.CATEGORY,)
    ),
    RelationshipKind(RelType.AT, "An incident happened at a station.", (Label.INCIDENT,), (Label.STATION,)),
    RelationshipKind(
        RelType.CONDUCTED,
        "Carried out an investigation or review.",
        (Label.ORGANISATION, Label.PERSON),
        (Label.INVESTIGATION,),
    ),
    RelationshipKind(
        RelType.INVESTIGATED,
        "An investigation looked into someone or something.",
        (Label.INVESTIGATION,),
        (Label.OFFICER, Label.PERSON, Label.INCIDENT, Label.TEAM, Label.STATION, Label.ORGANISATION),
        (Property("notice_served", B, "True when the person was served a misconduct notice."),),
    ),  # fmt: skip
    RelationshipKind(
        RelType.EXAMINED,
        "An investigation examined material.",
        (Label.INVESTIGATION,),
        (Label.INCIDENT, Label.CHAT_GROUP),
    ),
    RelationshipKind(RelType.RECEIVED_OUTCOME, "Was the subject of an outcome.", PEOPLE, (Label.OUTCOME,)),
    RelationshipKind(
        RelType.CONCERNS,
        "What an outcome was about.",
        (Label.OUTCOME,),
        (Label.INCIDENT, Label.INVESTIGATION),
    ),
    RelationshipKind(
        RelType.RECOMMENDED,
        "Made a recommendation.",
        (Label.INVESTIGATION, Label.ORGANISATION),
        (Label.RECOMMENDATION,),
    ),
    RelationshipKind(
        RelType.ADDRESSED_TO,
        "Whom a recommendation was addressed to.",
        (Label.RECOMMENDATION,),
        (Label.ORGANISATION,),
    ),
)

PROVENANCE: tuple[Property, ...] = (
    Property("sources", SL, "Ids of the case's sources that state this (';'-separated).", required=True),
    Property("quote", S, "A short quote from the source supporting it.", verbatim=True),
)
"""Provenance columns every node and relationship row carries."""

NODE_ID = Property("id", S, "Unique id of the node across the whole case.", required=True)
RELATIONSHIP_COLUMNS: tuple[Property, ...] = (
    Property("id", S, "Unique id of the relationship; generated from its ends when empty."),
    Property("start_id", S, "Id of the node the relationship starts at.", required=True),
    Property("end_id", S, "Id of the node the relationship ends at.", required=True),
)

NODE_KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
RELATIONSHIP_KIND_BY_TYPE: dict[str, RelationshipKind] = {k.type: k for k in RELATIONSHIP_KINDS}
CASE_NODE_KINDS: tuple[NodeKind, ...] = tuple(k for k in NODE_KINDS if k.label != Label.SOURCE)
"""Node kinds written as case files (Source nodes come from case.toml)."""


def node_columns(kind: NodeKind) -> tuple[Property, ...]:
    """All columns of a node kind's case file, in order."""
    return (NODE_ID, *kind.properties, *PROVENANCE)


def relationship_columns(kind: RelationshipKind) -> tuple[Property, ...]:
    """All columns of a relationship kind's case file, in order."""
    return (*RELATIONSHIP_COLUMNS, *kind.properties, *PROVENANCE)


def property_types() -> dict[str, ValueType]:
    """Every property name in the ontology with its type (a name has one type everywhere)."""
    types: dict[str, ValueType] = {}
    for kind in (*NODE_KINDS, *RELATIONSHIP_KINDS):
        for prop in kind.properties:
            types.setdefault(prop.name, prop.type)
    return types


def _check() -> None:
    """Fail at import if the ontology contradicts itself."""
    types: dict[str, ValueType] = {}
    reserved = {"id", "kind", "start_id", "end_id", "sources", "quote", "start", "end", "label"}
    for kind in (*NODE_KINDS, *RELATIONSHIP_KINDS):
        for prop in kind.properties:
            assert prop.name not in reserved, f"{prop.name} is reserved"
            assert types.setdefault(prop.name, prop.type) == prop.type, f"{prop.name} has two types"
        names = {p.name for p in kind.properties}
        assert kind.start is None or kind.start in names, kind
        assert kind.end is None or kind.end in names, kind
    for rel in RELATIONSHIP_KINDS:
        assert set(rel.starts + rel.ends) <= NODE_KIND_BY_LABEL.keys(), rel.type
    assert _constants(Label) == [k.label for k in NODE_KINDS], "Label and NODE_KINDS disagree"
    assert _constants(RelType) == [k.type for k in RELATIONSHIP_KINDS], (
        "RelType and RELATIONSHIP_KINDS disagree"
    )


def _constants(namespace: type) -> list[str]:
    return [v for k, v in vars(namespace).items() if k.isupper()]


_check()
