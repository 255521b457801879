"""The pure data model: records, partial dates, the Dataset and its facet index. Imports no UI code and
speaks no language."""

from herzlich_tui.model.dataset import Dataset, display_key, outgoing_refs
from herzlich_tui.model.dates import DateError, PartialDate, Precision
from herzlich_tui.model.index import NO_PROGRAMME, Facets
from herzlich_tui.model.records import (
    KINDS,
    RECORD_TYPES,
    YEARLY_KINDS,
    Event,
    Figure,
    Membership,
    Network,
    Organisation,
    Origin,
    Person,
    Programme,
    Project,
    ProjectYear,
    Quote,
    Record,
    Review,
    Role,
)

__all__ = [
    "KINDS",
    "NO_PROGRAMME",
    "RECORD_TYPES",
    "YEARLY_KINDS",
    "Dataset",
    "DateError",
    "Event",
    "Facets",
    "Figure",
    "Membership",
    "Network",
    "Organisation",
    "Origin",
    "PartialDate",
    "Person",
    "Precision",
    "Programme",
    "Project",
    "ProjectYear",
    "Quote",
    "Record",
    "Review",
    "Role",
    "display_key",
    "outgoing_refs",
]
