"""The pure data model: records, partial dates, the Dataset and its filters. Imports no UI code."""

from herzlich_tui.model.dataset import Dataset, Facets, display_key, outgoing_refs
from herzlich_tui.model.dates import DateError, PartialDate, Precision
from herzlich_tui.model.filters import (
    NO_PROGRAMME,
    All,
    Everything,
    Filter,
    IdsIn,
    KindIs,
    NetworkIs,
    OrganisationIs,
    PersonIs,
    ProgrammeIs,
    YearIs,
    facet_counts,
    select,
)
from herzlich_tui.model.records import (
    KINDS,
    RECORD_TYPES,
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
    "KINDS", "NO_PROGRAMME", "RECORD_TYPES", "All", "Dataset", "DateError", "Event", "Everything",
    "Facets", "Figure", "Filter", "IdsIn", "KindIs", "Membership", "Network", "NetworkIs", "Organisation",
    "OrganisationIs", "Origin", "PartialDate", "Person", "PersonIs", "Precision", "Programme", "ProgrammeIs",
    "Project", "ProjectYear", "Quote", "Record", "Review", "Role", "YearIs", "display_key", "facet_counts",
    "outgoing_refs", "select",
]
