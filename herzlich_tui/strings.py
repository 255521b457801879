"""Every interface string in one place, so that a German interface can replace this module's values.

Data text (titles, summaries, names) is never here: it stays in the language of the reviews.
"""

from __future__ import annotations

APP_TITLE = "herzlich-tui"
APP_DESCRIPTION = "Browse the annual reviews of herzlich digital (Kaiserslautern) as structured data."

# --- dates -------------------------------------------------------------------------------------------
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
SEASONS = {"spring": "Spring", "summer": "Summer", "autumn": "Autumn", "winter": "Winter"}
DATE_YEAR_START = "Start of {year}"
DATE_YEAR_END = "End of {year}"
GROUP_YEAR_START = "Start of year"
GROUP_YEAR_END = "End of year"
GROUP_YEAR = "During the year"

# --- record kinds ------------------------------------------------------------------------------------
KIND_LABELS = {
    "review": "Review",
    "organisation": "Organisation",
    "person": "Person",
    "role": "Role",
    "programme": "Programme",
    "project": "Project",
    "project_year": "Project year",
    "event": "Event",
    "network": "Network",
    "membership": "Membership",
    "figure": "Figure",
    "quote": "Quote",
}
KIND_PLURALS = {
    "review": "Reviews",
    "organisation": "Organisations",
    "person": "People",
    "role": "Roles",
    "programme": "Programmes",
    "project": "Projects",
    "project_year": "Project years",
    "event": "Events",
    "network": "Networks",
    "membership": "Memberships",
    "figure": "Figures",
    "quote": "Quotes",
}
NO_PROGRAMME = "No programme stated"

# --- field labels (search "where it matched", detail panes, exports) ---------------------------------
FIELD_LABELS = {
    "title": "title",
    "name": "name",
    "short_name": "short name",
    "summary": "summary",
    "description": "description",
    "text": "text",
    "topic": "topic",
    "measures": "measures",
    "note": "note",
    "place": "place",
    "date_text": "date",
    "subtitle": "subtitle",
    "unit": "unit",
    "count_text": "count",
    "related": "related records",
    "id": "id",
}

# --- command line ------------------------------------------------------------------------------------
CLI_CHECK_CLEAN = "{files} file(s) checked, {records} record(s), no problems."
CLI_CHECK_PROBLEMS = "{files} file(s) checked, {records} record(s) loaded, {problems} problem(s)."
CLI_NO_HITS = "No matches for {query!r}."
CLI_WROTE = "Wrote {path}"
CLI_LOAD_PROBLEMS = "{count} problem(s) in the data; run 'herzlich-tui check' for details."
CLI_SEARCH_COLUMNS = ("Kind", "Title", "Year", "Matched in")
CLI_UNKNOWN_PROGRAMME = "Unknown programme {value!r}. Known: {known}"
CLI_UNKNOWN_KIND = "Unknown kind {value!r}. Known: {known}"
