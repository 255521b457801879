"""Every interface string in one place, so that a German interface can replace this module's values.

Data text (titles, summaries, names) is never here: it stays in the language of the reviews.
"""

from __future__ import annotations

APP_TITLE = "herzlich-tui"
APP_DESCRIPTION = "Browse the annual reviews of herzlich digital (Kaiserslautern) as structured data."

# --- dates -------------------------------------------------------------------------------------------
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASONS = {"spring": "Spring", "summer": "Summer", "autumn": "Autumn", "winter": "Winter"}
DATE_YEAR_START = "Start of {year}"
DATE_YEAR_END = "End of {year}"
DATE_DAY = "{day}"  # a day under the heading of its month (German: "{day}.")
GROUP_YEAR_START = "Start of year"
GROUP_YEAR_END = "End of year"
GROUP_YEAR = "During the year"
DATE_ERRORS = {
    "form": "{text!r} is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-start, YYYY-end or "
    "YYYY-spring|summer|autumn|winter",
    "year": "{text!r}: year {year} is out of range",
    "word": "{text!r}: {word!r} is not a season, 'start' or 'end'",
    "month": "{text!r}: month {month} does not exist",
    "day": "{text!r}: day {day} does not exist in {month_name} {year}",
}

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
# An organisation's kind (its `kind` in the data files), one and several.
ORGANISATION_KINDS = {
    "city": "City",
    "administration": "Administration",
    "city-unit": "City unit",
    "company": "Company",
    "team": "Team",
    "research": "Research institute",
    "ministry": "Ministry",
    "federal-agency": "Federal agency",
    "neighbourhood-office": "Neighbourhood office",
    "advisory-board": "Advisory board",
    "media-authority": "Media authority",
    "association": "Association",
    "municipality": "Municipality",
    "district": "District",
    "other": "Other",
}
ORGANISATION_KIND_PLURALS = {
    "city": "Cities",
    "administration": "Administrations",
    "city-unit": "City units",
    "company": "Companies",
    "team": "Teams",
    "research": "Research institutes",
    "ministry": "Ministries",
    "federal-agency": "Federal agencies",
    "neighbourhood-office": "Neighbourhood offices",
    "advisory-board": "Advisory boards",
    "media-authority": "Media authorities",
    "association": "Associations",
    "municipality": "Municipalities",
    "district": "Districts",
    "other": "Others",
}

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
    "basis": "basis",
    "projects": "projects",
    "people": "people",
    "person": "person",
    "organisations": "organisations",
    "organisation": "organisation",
    "networks": "networks",
    "network": "network",
    "events": "events",
    "programme": "programme",
    "parent": "part of",
    "partners": "partners",
    "members": "members",
    "funders": "funded by",
    "lead": "led by",
    "date": "date",
    "from": "from",
    "until": "until",
    "kind": "kind",
    "type": "kind",
    "publisher": "publisher",
    "municipality": "municipality",
    "url": "web address",
    "value": "value",
    "year": "year",
    "count": "count",
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

# --- detail pane -------------------------------------------------------------------------------------
DETAIL_SOURCES = "Sources"
DETAIL_MISSING = "No record has the id {id!r}."
DETAIL_PROGRAMME = "Programme"
DETAIL_FUNDERS = "Funded by"
DETAIL_PART_OF = "Part of"
DETAIL_YEAR_BY_YEAR = "Year by year"
DETAIL_SUBPROJECTS = "Sub-projects"
DETAIL_PARTNERS = "Partners"
DETAIL_ATTESTED = "named in {years}"
DETAIL_ROLES = "Roles"
DETAIL_MEMBERSHIP = "Membership by year"
DETAIL_MEMBERS_PARTIAL = "named in the text ({n}; only part of the members):"
DETAIL_MEMBERS_ALL = "members ({n}):"
DETAIL_MEMBERS_NONE = "the text names no members"
DETAIL_LEAD = "Led by"
DETAIL_MEETINGS = "Meetings and events"
DETAIL_UNITS = "Units"
DETAIL_FUNDS = "Funds"
DETAIL_LEADS = "Leads"
DETAIL_MEMBER_OF = "Member of"
DETAIL_RECORDS_FROM = "Records from this review"
DETAIL_FILE = "Source text: {file}"
DETAIL_SPEAKERS = "Said by"
DETAIL_EMPTY = "Nothing selected."
DETAIL_URL = "Web: {url}"
DETAIL_ID = "id: {id}"
MATCHED_IN = "matched in: {field} “{text}”"  # a field of the record and an excerpt of it
MATCHED_IN_LINKED = "matched in: {kind} {name}"  # a record it links to, by its kind and name
DETAIL_INFERRED = "Inferred by the dataset"
DETAIL_INFERRED_FIELDS = "The text does not state these; they are the dataset's reading of it: {fields}."
INFERRED = "inferred"

# --- lists and views ---------------------------------------------------------------------------------
LIST_EMPTY = "Nothing matches the current filters and search."
EMPTY_DID_YOU_MEAN = "Did you mean “{words}”?"
EMPTY_ELSEWHERE = "Found elsewhere: {where}."
EMPTY_IN = "{n} in {view}"
EMPTY_CLEAR = "x clears every filter and the search."
VIEW_LABELS = {
    "timeline": "Timeline",
    "projects": "Projects",
    "people": "People",
    "networks": "Networks",
    "overview": "Overview",
    "organisations": "Organisations",
    "results": "Search results",
}
VIEW_HELP = {
    "timeline": "Timeline: every event by date, grouped by year and month",
    "projects": "Projects by programme, sub-projects under their parent",
    "people": "People with their roles, quotes, projects and events",
    "networks": "Networks with their membership year by year",
    "overview": "Overview: the reviews side by side, key figures, events per month",
    "organisations": "Organisations: cities, units, companies, ministries and more, with their kind",
    "results": "Search results: every kind of record the search finds, grouped by kind",
}
FACET_LABELS = {
    "year": "Year",
    "programme": "Programme",
    "person": "Person",
    "network": "Network",
    "municipality": "Municipality",
}
FACET_ALL = {
    "year": "All years",
    "programme": "All programmes",
    "person": "Anyone",
    "network": "Any network",
    "municipality": "All municipalities",
}
SORT_LABELS = {
    "oldest": "oldest first",
    "newest": "newest first",
    "programme": "by programme",
    "title": "A–Z",
    "recent": "latest year first",
    "name": "A–Z",
    "role": "by role",
    "members": "by members",
    "kind": "by kind",
}
NO_YEAR = "No year stated"
RESULTS_HINT = "Press / and type: every kind is searched."
SEARCH_PLACEHOLDER = "/ Search"
SEARCH_ENTER = "To the list"
SEARCH_ESCAPE = "Clear and leave"
SUBTITLE_COUNT = "{shown} of {total}"
HEADER_RESTORED = "restored: {filters} — x clears"
LOADING = "Loading reviews…"
LOADING_READ = "Loading reviews… {percent}%"  # of the data files' bytes read
LOADING_CHECK = "Checking reviews…"  # every file is read; ids and references are checked across them
INDEXING = "building the search index…"  # a search typed before the index is there waits for it
LOADED_WITH_PROBLEMS = "{count} problem(s) in the data files; the rest loaded. Press ! to see them."

# --- overview ----------------------------------------------------------------------------------------
OVERVIEW_SIDE_BY_SIDE = "The reviews side by side"
OVERVIEW_FIGURES = "Key figures"
OVERVIEW_LATEST_YEARS = "The latest {n} years; filter by year (y) for others."
OVERVIEW_LATEST_COLUMNS = "The latest {n} columns (municipality and year); filter by municipality or year for others."
OVERVIEW_CHANGES = "Across the years"
OVERVIEW_CHANGE = "{before} ({before_year}) → {after} ({after_year}), {change}"
OVERVIEW_NO_CHANGE = "unchanged"
OVERVIEW_MORE_CHANGES = "+ {n} more (filter by year, or search)"
OVERVIEW_MORE_FIGURES = "+ {n} more (filter by year, or search)"
OVERVIEW_EVENTS_PER_MONTH = "Events per month"
OVERVIEW_PROGRAMMES = "Records per programme"
OVERVIEW_SOURCES = "Sources"
OVERVIEW_MORE_SOURCES = "+ {n} more reviews (filter by year or programme, or search)"
OVERVIEW_UNDATED = "no month given"
OVERVIEW_NO_FIGURES = "No figures for the current filters."

# --- actions and notices -----------------------------------------------------------------------------
ACTION_QUIT = "Quit"
ACTION_HELP = "Help"
ACTION_SEARCH = "Search"
ACTION_YEAR = "Year"
ACTION_PROGRAMME = "Programme"
ACTION_CLEAR = "Clear filters"
ACTION_CLEAR_SHORT = "Clear"
ACTION_BACK = "Back"
ACTION_FORWARD = "Forward"
ACTION_BOOKMARK = "Bookmark"
ACTION_BOOKMARKS = "Bookmarks"
ACTION_COPY = "Copy"
ACTION_EXPORT = "Export"
ACTION_FILTERS = "Filters"
ACTION_PROBLEMS = "Problems"
ACTION_NEXT_PANE = "Next pane"
ACTION_SORT = "Sort"
ACTION_PALETTE = "Palette"
ACTION_SUSPEND = "Suspend"
ACTION_ZOOM = "Zoom"
ACTION_RELOAD = "Reload the data files"
ACTION_NEXT_MATCH = "Next match"
ACTION_PREVIOUS_MATCH = "Previous match"
FOOTER_PROBLEMS = "{count} problems"
NOTICE_BOOKMARKED = "Bookmarked: {label}"
NOTICE_UNBOOKMARKED = "Bookmark removed: {label}"
NOTICE_COPIED = "Copied {label} to the clipboard."
NOTICE_COPIED_TO_TERMINAL = "Sent {label} to the terminal's clipboard (OSC 52); not every terminal takes it."
NOTICE_EXPORTED = "Exported {count} record(s) to {path}"
NOTICE_EXPORT_FAILED = "Could not export to {path}: {error}"
NOTICE_NO_BOOKMARKS = "No bookmarks yet: press b on any record."
NOTICE_NO_PROBLEMS = "The data loaded without problems."
NOTICE_NOTHING_SELECTED = "Nothing is highlighted."
NOTICE_NO_LINK = "{label} has no web address in the data."
NOTICE_LINK_OPENED = "Opened {url} in the browser."
NOTICE_LINK_NOT_OPENED = "No browser can be opened from this terminal; the address is {url}"
NOTICE_FILTERS_CLEARED = "Filters cleared."
NOTICE_HISTORY_START = "Nothing further back."
NOTICE_NO_SEARCH = "No search to step through: press / and type."
NOTICE_NO_MORE_MATCHES = "No further title matches the search."
NOTICE_HISTORY_END = "Nothing further forward."
NOTICE_UNKNOWN_PROGRAMME = "Unknown programme {value!r}; showing all programmes."
# A filter (from the command line or the saved state) to a value the data does not hold, dropped.
NOTICE_FILTER_DROPPED = {
    "year": "{value}: no records; showing all years",
    "programme": "{value}: no such programme in the data; showing all programmes",
    "person": "{value}: no such person in the data; showing everyone",
    "network": "{value}: no such network in the data; showing any network",
    "municipality": "{value}: no records; showing all municipalities",
}
NOTICE_TOO_SMALL = "Please make the terminal at least {width}×{height}."
NOTICE_QUIT_KEY = "Press q to quit."
NOTICE_RELOADED = "Data loaded again: {records} records."
NOTICE_QUIT_TITLE = "Do you want to quit?"
BOOKMARKS_TITLE = "Bookmarks"
BOOKMARKS_HINT = "enter: open · d: remove · escape: close"
BOOKMARK_GONE = "(no longer in the data)"
PROBLEMS_TITLE = "Problems in the data files"
PROBLEMS_HINT = "The app shows everything that loaded. Fix the files and run 'herzlich-tui check'. escape: close"
HELP_TITLE = "Keys"
HELP_HINT = "escape: close"
HELP_INTRO = (
    "herzlich-tui shows the annual reviews as structured data. Views list records; the pane on the right "
    "shows the highlighted one. Links in it lead to people, projects, networks and more: tab into the pane, "
    "move with the arrows, press enter. Backspace goes back."
)

# --- command palette ---------------------------------------------------------------------------------
PALETTE_OPEN_HELP = "Open this record (matched in {field})"
PALETTE_VIEW = "View: {view}"
PALETTE_VIEW_HELP = "Switch to this view"
PALETTE_FILTERS = {
    "year": "Filter: year {name}",
    "programme": "Filter: programme {name}",
    "person": "Filter: person {name}",
    "network": "Filter: network {name}",
    "municipality": "Filter: municipality {name}",
}
PALETTE_SORT = "Sort: {view} {sort}"
PALETTE_SORT_HELP = "Order the list of this view"
PALETTE_FILTER_HELP = "Narrow every view; other filters stay"
PALETTE_CLEAR_HELP = "Remove the year, programme, person, network, municipality and search filters"
PALETTE_EXPORT_MD = "Export view as Markdown"
PALETTE_EXPORT_JSON = "Export view as JSON"
PALETTE_EXPORT_HELP = "Write the records of the current view, as filtered, to a file"
PALETTE_BOOKMARKS_HELP = "List bookmarks and jump to one"
PALETTE_BOOKMARK = "Bookmark the highlighted record"
PALETTE_BOOKMARK_HELP = "Add or remove a bookmark (b)"
PALETTE_COPY = "Copy the highlighted record"
PALETTE_COPY_HELP = "Copy its details as text to the clipboard (c)"
PALETTE_OPEN_LINK = "Open the highlighted record's web address"
PALETTE_PROBLEMS_HELP = "Problems found while loading the data files (!)"

# --- help: longer descriptions of the main screen's actions, by action ------------------------------
HELP_SECTIONS = {
    "views": "Views",
    "move": "Moving and reading",
    "find": "Search, filters and order",
    "records": "Records",
    "app": "The app",
}
HELP_PAGE = "Page up / down"
HELP_MOUSE = "Click a row to highlight it, double-click to open it, click a link to follow it; the wheel scrolls"
HELP_MOUSE_KEY = "mouse"
HELP_UP = "Move up"
HELP_DOWN = "Move down"
HELP_FIRST = "First"
HELP_LAST = "Last"
HELP_OPEN = "Open (list) / follow link (details)"
HELP_PALETTE = "Command palette: jump to any record, views, filters, sorting, themes, export"
HELP_TEXTS = {
    "search": "Search: narrows the current view while you type (umlauts and ß optional)",
    "cycle_year": "Cycle the year filter: all, each year, all",
    "cycle_programme": "Cycle the programme filter",
    "cycle_sort": "Sort the list: the next order of this view (shown in the header)",
    "zoom": "Zoom: the list or the details alone, on the whole width (again: every pane)",
    "reload": "Load the data files again (the app also does when one of yours is saved)",
    "next_match(1)": "Next listed record whose title matches the search",
    "next_match(-1)": "Previous listed record whose title matches the search",
    "clear_filters": "Clear every filter and the search",
    "back": "Back to the record you came from",
    "forward": "Forward again",
    "app.help": "This help",
    "app.quit": "Quit",
    "toggle_filters": "Filter panel: show it (narrow terminals) and move into it",
    "bookmark": "Bookmark the highlighted record (again to remove)",
    "bookmarks": "List bookmarks and jump to one",
    "copy": "Copy the highlighted record as text",
    "open_link": "Open the highlighted record's web address in the browser (where the data gives one)",
    "export('md')": "Export the current view, as filtered, to Markdown (current folder)",
    "export('json')": "Export the current view, as filtered, to JSON (current folder)",
    "problems": "Problems found in the data files",
    "pane(1)": "Next pane: filters, list, details",
    "pane(-1)": "Previous pane",
    "escape": "Back out one level: clear the search, leave a pane (never quits)",
}

# --- command line: errors (appended) -------------------------------------------------------------------
CLI_MORE_PROBLEMS = "... and {count:,} more problem(s); 'check --all' lists every one."
CLI_NO_DATA_DIR = "--data {path}: no such folder or file"
CLI_CANNOT_WRITE = "herzlich-tui: cannot write {path}: {error}"
CLI_CANNOT_WRITE_STDOUT = "herzlich-tui: cannot write to standard output: {error}"
CLI_CACHE_REFUSED = "herzlich-tui: the load cache is not used: {why}."

# --- command line: help texts (argparse) ---------------------------------------------------------------
CLI_EPILOG = (
    "Data is read from the shipped reviews, then {user_dir}, then each --data DIR. "
    "Exit codes: 0 success; 1 check found problems or search found nothing; 2 wrong usage; "
    "3 output could not be written (for new: the file exists)."
)
CLI_COMMANDS = "{check,export,search,schema,new}"
CLI_HELP_DATA = "also load the TOML files in DIR (repeatable)"
CLI_HELP_VIEW = "start in this view (default: the last one used)"
CLI_HELP_YEAR = "start filtered to this year"
CLI_HELP_PROGRAMME = "start filtered to this programme (id or name)"
CLI_HELP_SEARCH = "start with this search"
CLI_CHECK_HELP = "check data files and report every problem"
CLI_CHECK_DESCRIPTION = (
    "Check TOML data files. Prints each problem to stderr as path:line: field: message; with --format json "
    "or sarif, prints every problem to stdout for editors and CI (with what happened to its record: "
    "skipped, field ignored, reference dropped, file skipped or none) and the summary to stderr."
)
CLI_CHECK_ALL = "list every problem (default: the first {count}; json and sarif list every one)"
CLI_CHECK_FORMAT = "text (default), json or sarif (SARIF 2.1.0)"
CLI_CHECK_PATHS = "files or folders to check (default: everything that would load)"
CLI_EXPORT_HELP = "write the (filtered) dataset as JSON, TOML, CSV or Markdown"
CLI_EXPORT_DESCRIPTION = "Write the loaded dataset, optionally filtered, to stdout or a file."
CLI_EXPORT_PROGRAMME = "programme id or name; 'none' for records of no programme"
CLI_EXPORT_KIND = "only records of this kind, one of %(choices)s (repeatable)"
CLI_EXPORT_SORT = "order the records of the kinds a view lists as that view can: %(choices)s (default: display order)"
CLI_OUTPUT = "write here instead of stdout"
CLI_SEARCH_HELP = "search every record, ranked"
CLI_SEARCH_DESCRIPTION = "Search names, titles and text of every record (case, umlauts and ß folded; prefixes match)."
CLI_SEARCH_LIMIT = "at most N hits (default 20)"
CLI_SCHEMA_HELP = "print the data format as a JSON Schema, for editors"
CLI_SCHEMA_DESCRIPTION = (
    "Print a JSON Schema (draft 2020-12) of the data files, with a description of every field. Save it "
    "next to your data files as herzlich.schema.json; a file that begins with the line "
    "'#:schema ./herzlich.schema.json' is then checked and completed by editors that use Taplo."
)
CLI_NEW_HELP = "write a starting file for a new review"
CLI_NEW_DESCRIPTION = (
    "Write a starting file for the review of MUNICIPALITY in YEAR to {user_dir} (or FILE): the review, one "
    "example of each common kind with comments, ids made from the names, and placeholders (…) to replace. "
    "It passes check as written; an existing file is never overwritten. The schema its #:schema line names "
    "is written next to it when none is there."
)
CLI_NEW_MUNICIPALITY = "the municipality the review is of, as it names itself (e.g. Musterstadt)"
CLI_NEW_YEAR = "the year the review looks back on"
CLI_NEW_OUTPUT = "write here instead (never over an existing file)"

# --- command line: check, schema and new ----------------------------------------------------------------
CLI_NO_TERMINAL = "herzlich-tui: the browser needs a terminal; use 'check', 'export' or 'search' in scripts."
CLI_ERROR = "herzlich-tui: error: {error}"
# The rules of `check --format sarif`, one per outcome (what happened to the record).
CHECK_SARIF_RULES = {
    "skipped": "A record was left out: a required field is missing or wrong, its id is a duplicate or not one",
    "field ignored": "A field was left out: it is unknown, wrong or names a record that is not there",
    "reference dropped": "An id of a list names no record of its kind and was left out of the list",
    "file skipped": "A file was not read: not UTF-8, not TOML, too large, not a regular file",
    "none": "A file holds no records",
}
CLI_NEW_EXISTS = "herzlich-tui: {path} exists; nothing was written (name another file with -o FILE)."
CLI_NEW_WROTE = "Wrote {path}. Replace its placeholders (…), then run: {command}"
CLI_NEW_SCHEMA_WROTE = "Wrote {path}, the schema its #:schema line names (for editors)."
CLI_NEW_SCHEMA_STALE = "{path} is not this version's schema; to refresh it: herzlich-tui schema -o {path}"
CLI_NEW_SCHEMA_FAILED = "herzlich-tui: cannot write {path}: {error}; editors will not find the schema."
CLI_NEW_ERRORS = {
    "no_id": "cannot make an id of {value!r}: it needs a letter or a digit",
    "encoding": "{value!r} is not UTF-8 text",
    "year": "{value} is not a year of four digits",
    "review": "the data already holds a review with the id {value!r} ({origin})",
}
