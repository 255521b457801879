"""Every interface string in one place, written in English and marked for the message catalogs (N_); each
is read in the interface's current language (herzlich_tui/i18n.py): `S.VIEW_LABELS["timeline"]` is
"Timeline" in English and "Zeitleiste" in German. Read them when they are shown, never keep one at
import time: the language can change while the app runs.

Data text (titles, summaries, names) is never here: it stays in the language of the reviews. The month
names are CLDR's (i18n.month_name).
"""

from __future__ import annotations

from typing import Any

from herzlich_tui.i18n import C_, N_, current_language, gettext, month_name
from herzlich_tui.i18n import number as _number

APP_TITLE = N_("herzlich-tui")
APP_DESCRIPTION = N_("Browse the annual reviews of herzlich digital (Kaiserslautern) as structured data.")

# --- dates -------------------------------------------------------------------------------------------
SEASONS = {"spring": N_("Spring"), "summer": N_("Summer"), "autumn": N_("Autumn"), "winter": N_("Winter")}
DATE_DAY_SHORT = N_("{day} {month_abbr} {year}")  # in lists (German: 13.03.2020)
DATE_DAY_LONG = C_("a date in the details", "{day} {month_abbr} {year}")  # (German: 13. März 2020)
DATE_MONTH = N_("{month_abbr} {year}")
DATE_SEASON = N_("{season} {year}")
DATE_YEAR_START = N_("Start of {year}")
DATE_YEAR_END = N_("End of {year}")
DATE_DAY = N_("{day}")  # a day under the heading of its month (German: "{day}.")
GROUP_YEAR_START = N_("Start of year")
GROUP_YEAR_END = N_("End of year")
GROUP_YEAR = N_("During the year")
DATE_ERRORS = {
    "form": N_(
        "{text!r} is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-start, YYYY-end or "
        "YYYY-spring|summer|autumn|winter"
    ),
    "year": N_("{text!r}: year {year} is out of range"),
    "word": N_("{text!r}: {word!r} is not a season, 'start' or 'end'"),
    "month": N_("{text!r}: month {month} does not exist"),
    # TRANSLATORS: {month_name} is the month's full name, should you prefer it to {month_abbr}.
    "day": N_("{text!r}: day {day} does not exist in {month_abbr} {year}"),
}

# --- record kinds ------------------------------------------------------------------------------------
KIND_LABELS = {
    "review": N_("Review"),
    "organisation": N_("Organisation"),
    "person": N_("Person"),
    "role": N_("Role"),
    "programme": N_("Programme"),
    "project": N_("Project"),
    "project_year": N_("Project year"),
    "event": N_("Event"),
    "network": N_("Network"),
    "membership": N_("Membership"),
    "figure": N_("Figure"),
    "quote": N_("Quote"),
}
KIND_PLURALS = {
    "review": N_("Reviews"),
    "organisation": N_("Organisations"),
    "person": N_("People"),
    "role": N_("Roles"),
    "programme": N_("Programmes"),
    "project": N_("Projects"),
    "project_year": N_("Project years"),
    "event": N_("Events"),
    "network": N_("Networks"),
    "membership": N_("Memberships"),
    "figure": N_("Figures"),
    "quote": N_("Quotes"),
}
NO_PROGRAMME = N_("No programme stated")
# An organisation's kind (its `kind` in the data files), one and several.
ORGANISATION_KINDS = {
    "city": N_("City"),
    "administration": N_("Administration"),
    "city-unit": N_("City unit"),
    "company": N_("Company"),
    "team": N_("Team"),
    "research": N_("Research institute"),
    "ministry": N_("Ministry"),
    "federal-agency": N_("Federal agency"),
    "neighbourhood-office": N_("Neighbourhood office"),
    "advisory-board": N_("Advisory board"),
    "media-authority": N_("Media authority"),
    "association": N_("Association"),
    "municipality": N_("Municipality"),
    "district": N_("District"),
    "other": N_("Other"),
}
ORGANISATION_KIND_PLURALS = {
    "city": N_("Cities"),
    "administration": N_("Administrations"),
    "city-unit": N_("City units"),
    "company": N_("Companies"),
    "team": N_("Teams"),
    "research": N_("Research institutes"),
    "ministry": N_("Ministries"),
    "federal-agency": N_("Federal agencies"),
    "neighbourhood-office": N_("Neighbourhood offices"),
    "advisory-board": N_("Advisory boards"),
    "media-authority": N_("Media authorities"),
    "association": N_("Associations"),
    "municipality": N_("Municipalities"),
    "district": N_("Districts"),
    "other": N_("Others"),
}

# --- field labels (search "where it matched", detail panes, exports) ---------------------------------
FIELD_LABELS = {
    "title": N_("title"),
    "name": N_("name"),
    "short_name": N_("short name"),
    "summary": N_("summary"),
    "description": N_("description"),
    "text": N_("text"),
    "topic": N_("topic"),
    "measures": N_("measures"),
    "note": N_("note"),
    "place": N_("place"),
    "date_text": N_("date"),
    "subtitle": N_("subtitle"),
    "unit": N_("unit"),
    "count_text": N_("count"),
    "related": N_("related records"),
    "id": N_("id"),
    "basis": N_("basis"),
    "projects": N_("projects"),
    "people": N_("people"),
    "person": N_("person"),
    "organisations": N_("organisations"),
    "organisation": N_("organisation"),
    "networks": N_("networks"),
    "network": N_("network"),
    "events": N_("events"),
    "programme": N_("programme"),
    "parent": N_("part of"),
    "partners": N_("partners"),
    "members": N_("members"),
    "funders": N_("funded by"),
    "lead": N_("led by"),
    "date": N_("date"),
    "from": N_("from"),
    "until": N_("until"),
    "kind": N_("kind"),
    "type": N_("kind"),
    "publisher": N_("publisher"),
    "municipality": N_("municipality"),
    "url": N_("web address"),
    "value": N_("value"),
    "year": N_("year"),
    "count": N_("count"),
}

# --- command line ------------------------------------------------------------------------------------
CLI_CHECK_CLEAN = N_("{files} file(s) checked, {records} record(s), no problems.")
CLI_CHECK_PROBLEMS = N_("{files} file(s) checked, {records} record(s) loaded, {problems} problem(s).")
CLI_NO_HITS = N_("No matches for {query!r}.")
CLI_WROTE = N_("Wrote {path}")
CLI_LOAD_PROBLEMS = N_("{count} problem(s) in the data; run 'herzlich-tui check' for details.")
CLI_SEARCH_COLUMNS = (N_("Kind"), N_("Title"), N_("Year"), N_("Matched in"))
CLI_UNKNOWN_PROGRAMME = N_("Unknown programme {value!r}. Known: {known}")

# --- detail pane -------------------------------------------------------------------------------------
DETAIL_SOURCES = N_("Sources")
DETAIL_MISSING = N_("No record has the id {id!r}.")
DETAIL_PROGRAMME = N_("Programme")
DETAIL_FUNDERS = N_("Funded by")
DETAIL_PART_OF = N_("Part of")
DETAIL_YEAR_BY_YEAR = N_("Year by year")
DETAIL_SUBPROJECTS = N_("Sub-projects")
DETAIL_PARTNERS = N_("Partners")
DETAIL_ATTESTED = N_("named in {years}")
DETAIL_ROLES = N_("Roles")
DETAIL_MEMBERSHIP = N_("Membership by year")
DETAIL_MEMBERS_PARTIAL = N_("named in the text ({n}; only part of the members):")
DETAIL_MEMBERS_ALL = N_("members ({n}):")
DETAIL_MEMBERS_NONE = N_("the text names no members")
DETAIL_LEAD = N_("Led by")
DETAIL_MEETINGS = N_("Meetings and events")
DETAIL_UNITS = N_("Units")
DETAIL_FUNDS = N_("Funds")
DETAIL_LEADS = N_("Leads")
DETAIL_MEMBER_OF = N_("Member of")
DETAIL_RECORDS_FROM = N_("Records from this review")
DETAIL_FILE = N_("Source text: {file}")
DETAIL_SPEAKERS = N_("Said by")
DETAIL_URL = N_("Web: {url}")
DETAIL_ID = N_("id: {id}")
MATCHED_IN = N_("matched in: {field} “{text}”")  # a field of the record and an excerpt of it
MATCHED_IN_LINKED = N_("matched in: {kind} {name}")  # a record it links to, by its kind and name
DETAIL_INFERRED = N_("Inferred by the dataset")
DETAIL_INFERRED_FIELDS = N_("The text does not state these; they are the dataset's reading of it: {fields}.")
INFERRED = N_("inferred")

# --- lists and views ---------------------------------------------------------------------------------
LIST_EMPTY = N_("Nothing matches the current filters and search.")
EMPTY_DID_YOU_MEAN = N_("Did you mean “{words}”?")
EMPTY_ELSEWHERE = N_("Found elsewhere: {where}.")
EMPTY_IN = N_("{n} in {view}")
EMPTY_CLEAR = N_("x clears every filter and the search.")
VIEW_LABELS = {
    "timeline": N_("Timeline"),
    "projects": N_("Projects"),
    "people": N_("People"),
    "networks": N_("Networks"),
    "overview": N_("Overview"),
    "organisations": N_("Organisations"),
    "results": N_("Search results"),
}
VIEW_HELP = {
    "timeline": N_("Timeline: every event by date, grouped by year and month"),
    "projects": N_("Projects by programme, sub-projects under their parent"),
    "people": N_("People with their roles, quotes, projects and events"),
    "networks": N_("Networks with their membership year by year"),
    "overview": N_("Overview: the reviews side by side, key figures, events per month"),
    "organisations": N_("Organisations: cities, units, companies, ministries and more, with their kind"),
    "results": N_("Search results: every kind of record the search finds, grouped by kind"),
}
FACET_LABELS = {
    "year": N_("Year"),
    "programme": N_("Programme"),
    "person": N_("Person"),
    "network": N_("Network"),
    "municipality": N_("Municipality"),
}
FACET_ALL = {
    "year": N_("All years"),
    "programme": N_("All programmes"),
    "person": N_("Anyone"),
    "network": N_("Any network"),
    "municipality": N_("All municipalities"),
}
SORT_LABELS = {
    "oldest": N_("oldest first"),
    "newest": N_("newest first"),
    "programme": N_("by programme"),
    "title": N_("A–Z"),
    "recent": N_("latest year first"),
    "name": N_("A–Z"),
    "role": N_("by role"),
    "members": N_("by members"),
    "kind": N_("by kind"),
}
NO_YEAR = N_("No year stated")
RESULTS_HINT = N_("Press / and type: every kind is searched.")
SEARCH_PLACEHOLDER = N_("/ Search")
SEARCH_ENTER = N_("To the list")
SEARCH_ESCAPE = N_("Clear and leave")
SUBTITLE_COUNT = N_("{shown} of {total}")
HEADER_RESTORED = N_("restored: {filters} — x clears")
HEADER_ICON_TOOLTIP = N_("Open the command palette")  # the header's icon, under the mouse
HEADER_QUERY = N_("“{query}”")  # the search among the header's filters, in the language's quotation marks
LOADING = N_("Loading reviews…")
LOADING_READ = N_("Loading reviews… {percent}%")  # of the data files' bytes read
LOADING_CHECK = N_("Checking reviews…")  # every file is read; ids and references are checked across them
# The same, short, beside the first matches of a search shown meanwhile (the header has little room)
LOADING_SHORT = N_("loading {percent}%")
CHECKING_SHORT = N_("checking")
INDEXING_SHORT = N_("indexing")
GLIMPSE_COUNT = N_("first matches: {count}")  # found in the files read first, while the rest loads
INDEXING = N_("building the search index…")  # a search typed before the index is there waits for it
LOADED_WITH_PROBLEMS = N_("{count} problem(s) in the data files; the rest loaded. Press ! to see them.")

# --- overview ----------------------------------------------------------------------------------------
OVERVIEW_SIDE_BY_SIDE = N_("The reviews side by side")
OVERVIEW_FIGURES = N_("Key figures")
OVERVIEW_LATEST_YEARS = N_("The latest {n} years; filter by year (y) for others.")
OVERVIEW_LATEST_COLUMNS = N_(
    "The latest {n} columns (municipality and year); filter by municipality or year for others."
)
OVERVIEW_CHANGES = N_("Across the years")
OVERVIEW_CHANGE = N_("{before} ({before_year}) → {after} ({after_year}), {change}")
OVERVIEW_NO_CHANGE = N_("unchanged")
OVERVIEW_MORE_CHANGES = N_("+ {n} more (filter by year, or search)")
OVERVIEW_MORE_FIGURES = N_("+ {n} more (filter by year, or search)")
OVERVIEW_EVENTS_PER_MONTH = N_("Events per month")
OVERVIEW_PROGRAMMES = N_("Records per programme")
OVERVIEW_SOURCES = N_("Sources")
OVERVIEW_MORE_SOURCES = N_("+ {n} more reviews (filter by year or programme, or search)")
OVERVIEW_UNDATED = N_("no month given")
OVERVIEW_NO_FIGURES = N_("No figures for the current filters.")

# --- actions and notices -----------------------------------------------------------------------------
ACTION_QUIT = N_("Quit")
ACTION_HELP = N_("Help")
ACTION_SEARCH = N_("Search")
ACTION_YEAR = N_("Year")
ACTION_PROGRAMME = N_("Programme")
ACTION_CLEAR = N_("Clear filters")
ACTION_CLEAR_SHORT = N_("Clear")
ACTION_BACK = N_("Back")
ACTION_FORWARD = N_("Forward")
ACTION_BOOKMARKS = N_("Bookmarks")
ACTION_FILTERS = N_("Filters")
ACTION_PROBLEMS = N_("Problems")
ACTION_NEXT_PANE = N_("Next pane")
ACTION_SORT = N_("Sort")
ACTION_PALETTE = N_("Palette")
ACTION_SUSPEND = N_("Suspend")
ACTION_ZOOM = N_("Zoom")
ACTION_RELOAD = N_("Reload the data files")
ACTION_NEXT_MATCH = N_("Next match")
ACTION_PREVIOUS_MATCH = N_("Previous match")
FOOTER_PROBLEMS = N_("{count} problems")
ACTION_UP = N_("Up")
ACTION_DOWN = N_("Down")
ACTION_PAGE_UP = N_("Page up")
ACTION_PAGE_DOWN = N_("Page down")
ACTION_FIRST = N_("First")
ACTION_LAST = N_("Last")
ACTION_OPEN = N_("Open")
ACTION_CHOOSE = N_("Choose")  # a value of a filter, in its list
ACTION_PREVIOUS_LINK = N_("Previous link")
ACTION_NEXT_LINK = N_("Next link")
ACTION_FIRST_LINK = N_("First link")
ACTION_LAST_LINK = N_("Last link")
ACTION_FOLLOW_LINK = N_("Follow link")
ACTION_CLOSE = N_("Close")
ACTION_REMOVE = N_("Remove")
NOTICE_BOOKMARKED = N_("Bookmarked: {label}")
NOTICE_UNBOOKMARKED = N_("Bookmark removed: {label}")
NOTICE_COPIED = N_("Copied {label} to the clipboard.")
NOTICE_COPIED_TO_TERMINAL = N_("Sent {label} to the terminal's clipboard (OSC 52); not every terminal takes it.")
NOTICE_EXPORTED = N_("Exported {count} record(s) to {path}")
NOTICE_EXPORT_FAILED = N_("Could not export to {path}: {error}")
NOTICE_NO_BOOKMARKS = N_("No bookmarks yet: press b on any record.")
NOTICE_NO_PROBLEMS = N_("The data loaded without problems.")
NOTICE_NOTHING_SELECTED = N_("Nothing is highlighted.")
NOTICE_STILL_LOADING = N_("The data is still loading: try again in a moment.")
NOTICE_NO_LINK = N_("{label} has no web address in the data.")
NOTICE_LINK_OPENED = N_("Opened {url} in the browser.")
NOTICE_LINK_NOT_OPENED = N_("No browser can be opened from this terminal; the address is {url}")
NOTICE_FILTERS_CLEARED = N_("Filters cleared.")
NOTICE_HISTORY_START = N_("Nothing further back.")
NOTICE_NO_SEARCH = N_("No search to step through: press / and type.")
NOTICE_NO_MORE_MATCHES = N_("No further title matches the search.")
NOTICE_HISTORY_END = N_("Nothing further forward.")
NOTICE_UNKNOWN_PROGRAMME = N_("Unknown programme {value!r}; showing all programmes.")
# A filter (from the command line or the saved state) to a value the data does not hold, dropped.
NOTICE_FILTER_DROPPED = {
    "year": N_("{value}: no records; showing all years"),
    "programme": N_("{value}: no such programme in the data; showing all programmes"),
    "person": N_("{value}: no such person in the data; showing everyone"),
    "network": N_("{value}: no such network in the data; showing any network"),
    "municipality": N_("{value}: no records; showing all municipalities"),
}
NOTICE_TOO_SMALL = N_("Please make the terminal at least {width}×{height}.")
NOTICE_QUIT_KEY = N_("Press q to quit.")
NOTICE_RELOADED = N_("Data loaded again: {records} records.")
NOTICE_QUIT_TITLE = N_("Do you want to quit?")
BOOKMARKS_TITLE = N_("Bookmarks")
BOOKMARKS_HINT = N_("enter: open · d: remove · escape: close")
BOOKMARK_GONE = N_("(no longer in the data)")
PROBLEMS_TITLE = N_("Problems in the data files")
PROBLEMS_HINT = N_("The app shows everything that loaded. Fix the files and run 'herzlich-tui check'. escape: close")
HELP_TITLE = N_("Keys")
HELP_HINT = N_("escape: close")
HELP_INTRO = N_(
    "herzlich-tui shows the annual reviews as structured data. Views list records; the pane on the right "
    "shows the highlighted one. Links in it lead to people, projects, networks and more: tab into the pane, "
    "move with the arrows, press enter. Backspace goes back."
)

# --- command palette ---------------------------------------------------------------------------------
PALETTE_OPEN_HELP = N_("Open this record (matched in {field})")
PALETTE_VIEW = N_("View: {view}")
PALETTE_VIEW_HELP = N_("Switch to this view")
PALETTE_FILTERS = {
    "year": N_("Filter: year {name}"),
    "programme": N_("Filter: programme {name}"),
    "person": N_("Filter: person {name}"),
    "network": N_("Filter: network {name}"),
    "municipality": N_("Filter: municipality {name}"),
}
PALETTE_SORT = N_("Sort: {view} {sort}")
PALETTE_SORT_HELP = N_("Order the list of this view")
PALETTE_FILTER_HELP = N_("Narrow every view; other filters stay")
PALETTE_CLEAR_HELP = N_("Remove the year, programme, person, network, municipality and search filters")
PALETTE_EXPORT_MD = N_("Export view as Markdown")
PALETTE_EXPORT_JSON = N_("Export view as JSON")
PALETTE_BOOKMARK = N_("Bookmark the highlighted record")
PALETTE_COPY = N_("Copy the highlighted record")
PALETTE_OPEN_LINK = N_("Open the highlighted record's web address")
PALETTE_PLACEHOLDER = N_("Search for commands and records…")
PALETTE_LANGUAGE = N_("Sprache / Language")  # TRANSLATORS: both languages' words, so that either reader finds it
PALETTE_LANGUAGE_HELP = N_("Speak German or English; kept for the next start")
PALETTE_LANGUAGE_PLACEHOLDER = N_("Choose the interface's language…")
PALETTE_LANGUAGE_ENVIRONMENT = N_("As the environment says ({language})")
PALETTE_LANGUAGE_NOW = N_("chosen now")
PALETTE_THEME = N_("Theme")
PALETTE_THEME_HELP = N_("Change the colours of the interface")
PALETTE_THEME_PLACEHOLDER = N_("Search for themes…")
PALETTE_QUIT_HELP = N_("Quit; the view, filters and bookmarks are kept for the next start")
PALETTE_HELP = N_("Keys")
PALETTE_HELP_HELP = N_("Every key and what it does (?)")
PALETTE_SCREENSHOT = N_("Screenshot")
PALETTE_SCREENSHOT_HELP = N_("Save a picture of the screen (SVG) in the current folder")
NOTICE_SCREENSHOT = N_("Saved a picture of the screen as {path}")
NOTICE_LANGUAGE = N_("The interface now speaks English.")  # TRANSLATORS: the name of this catalog's language
# The languages by their own names (not translated: a reader looks for their own language's name).
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}

# --- help: longer descriptions of the main screen's actions, by action ------------------------------
HELP_SECTIONS = {
    "views": N_("Views"),
    "move": N_("Moving and reading"),
    "find": N_("Search, filters and order"),
    "records": N_("Records"),
    "app": N_("The app"),
}
HELP_PAGE = N_("Page up / down")
HELP_MOUSE = N_("Click a row to highlight it, double-click to open it, click a link to follow it; the wheel scrolls")
HELP_MOUSE_KEY = N_("mouse")
HELP_UP = N_("Move up")
HELP_DOWN = N_("Move down")
HELP_FIRST = N_("First")
HELP_LAST = N_("Last")
HELP_OPEN = N_("Open (list) / follow link (details) / choose (filter list)")
HELP_PALETTE = N_("Command palette: jump to any record, views, filters, sorting, themes, export")
HELP_TEXTS = {
    "search": N_("Search: narrows the current view while you type (umlauts and ß optional)"),
    "cycle_year": N_("Cycle the year filter: all, each year, all"),
    "cycle_programme": N_("Cycle the programme filter"),
    "cycle_sort": N_("Sort the list: the next order of this view (shown in the header)"),
    "zoom": N_("Zoom: the list or the details alone, on the whole width (again: every pane)"),
    "reload": N_("Load the data files again (the app also does when one of yours is saved)"),
    "next_match(1)": N_("Next listed record whose title matches the search"),
    "next_match(-1)": N_("Previous listed record whose title matches the search"),
    "clear_filters": N_("Clear every filter and the search"),
    "back": N_("Back to the record you came from"),
    "forward": N_("Forward again"),
    "app.help": N_("This help"),
    "app.quit": N_("Quit"),
    "toggle_filters": N_("Filter panel: show it (narrow terminals) and move into it"),
    "bookmark": N_("Bookmark the highlighted record (again to remove)"),
    "bookmarks": N_("List bookmarks and jump to one"),
    "copy": N_("Copy the highlighted record as text"),
    "open_link": N_("Open the highlighted record's web address in the browser (where the data gives one)"),
    "export('md')": N_("Export the current view, as filtered, to Markdown (current folder)"),
    "export('json')": N_("Export the current view, as filtered, to JSON (current folder)"),
    "problems": N_("Problems found in the data files"),
    "pane(1)": N_("Next pane: filters, list, details"),
    "pane(-1)": N_("Previous pane"),
    "escape": N_("Back out one level: clear the search, leave a pane (never quits)"),
}

# --- command line: errors (appended) -------------------------------------------------------------------
CLI_MORE_PROBLEMS = N_("... and {count} more problem(s); 'check --all' lists every one.")
CLI_NO_DATA_DIR = N_("--data {path}: no such folder or file")
CLI_CANNOT_WRITE = N_("herzlich-tui: cannot write {path}: {error}")
CLI_CANNOT_WRITE_STDOUT = N_("herzlich-tui: cannot write to standard output: {error}")
CLI_CACHE_REFUSED = N_("herzlich-tui: the load cache is not used: {why}.")

# --- command line: help texts (argparse) ---------------------------------------------------------------
CLI_EPILOG = N_(
    "Data is read from the shipped reviews, then {user_dir}, then each --data DIR. "
    "Exit codes: 0 success; 1 check found problems or search found nothing; 2 wrong usage; "
    "3 output could not be written (for new: the file exists)."
)
CLI_COMMANDS = N_("{check,export,search,schema,new}")
CLI_HELP_DATA = N_("also load the TOML files in DIR (repeatable)")
CLI_HELP_LANG = N_(
    "the interface's language: de (German) or en (English); default: as chosen in the app, else the environment's"
)
CLI_HELP_VERSION = N_("show the program's version number and exit")
# argparse's own words (usage, section titles, errors), exactly as the argparse of Python 3.11 to 3.13
# writes them: the command line reads them through the catalog (cli.py). %(...)s and %s are filled in by
# argparse; keep them as they are.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)
CLI_HELP_VIEW = N_("start in this view (default: the last one used)")
CLI_HELP_YEAR = N_("start filtered to this year")
CLI_HELP_PROGRAMME = N_("start filtered to this programme (id or name)")
CLI_HELP_SEARCH = N_("start with this search")
CLI_CHECK_HELP = N_("check data files and report every problem")
CLI_CHECK_DESCRIPTION = N_(
    "Check TOML data files. Prints each problem to stderr as path:line: field: message; with --format json "
    "or sarif, prints every problem to stdout for editors and CI (with what happened to its record: "
    "skipped, field ignored, reference dropped, file skipped or none) and the summary to stderr."
)
CLI_CHECK_ALL = N_("list every problem (default: the first {count}; json and sarif list every one)")
CLI_CHECK_FORMAT = N_("text (default), json or sarif (SARIF 2.1.0)")
CLI_CHECK_PATHS = N_("files or folders to check (default: everything that would load)")
CLI_EXPORT_HELP = N_("write the (filtered) dataset as JSON, TOML, CSV or Markdown")
CLI_EXPORT_DESCRIPTION = N_("Write the loaded dataset, optionally filtered, to stdout or a file.")
CLI_EXPORT_FORMAT = N_("json (default), toml, csv or md (a Markdown report)")
CLI_EXPORT_YEAR = N_("only the records of this year (with the reviews they come from)")
CLI_EXPORT_PROGRAMME = N_("programme id or name; 'none' for records of no programme")
CLI_EXPORT_KIND = N_("only records of this kind, one of %(choices)s (repeatable)")
CLI_EXPORT_SORT = N_(
    "order the records of the kinds a view lists as that view can: %(choices)s (default: display order)"
)
CLI_OUTPUT = N_("write here instead of stdout")
CLI_SEARCH_HELP = N_("search every record, ranked")
CLI_SEARCH_DESCRIPTION = N_(
    "Search names, titles and text of every record (case, umlauts and ß folded; prefixes match)."
)
CLI_SEARCH_QUERY = N_("the words to find; umlauts and ß optional, the start of a word is enough")
CLI_SEARCH_YEAR = N_("only hits of this year")
CLI_SEARCH_PROGRAMME = N_("only hits of this programme (id or name)")
CLI_SEARCH_LIMIT = N_("at most N hits (default 20)")
CLI_SCHEMA_HELP = N_("print the data format as a JSON Schema, for editors")
CLI_SCHEMA_DESCRIPTION = N_(
    "Print a JSON Schema (draft 2020-12) of the data files, with a description of every field. Save it "
    "next to your data files as herzlich.schema.json; a file that begins with the line "
    "'#:schema ./herzlich.schema.json' is then checked and completed by editors that use Taplo."
)
CLI_NEW_HELP = N_("write a starting file for a new review")
CLI_NEW_DESCRIPTION = N_(
    "Write a starting file for the review of MUNICIPALITY in YEAR to {user_dir} (or FILE): the review, one "
    "example of each common kind with comments, ids made from the names, and placeholders (…) to replace. "
    "It passes check as written; an existing file is never overwritten. The schema its #:schema line names "
    "is written next to it when none is there."
)
CLI_NEW_MUNICIPALITY = N_("the municipality the review is of, as it names itself (e.g. Musterstadt)")
CLI_NEW_YEAR = N_("the year the review looks back on")
CLI_NEW_OUTPUT = N_("write here instead (never over an existing file)")

# --- command line: check, schema and new ----------------------------------------------------------------
CLI_NO_TERMINAL = N_("herzlich-tui: the browser needs a terminal; use 'check', 'export' or 'search' in scripts.")
CLI_ERROR = N_("herzlich-tui: error: {error}")
# The rules of `check --format sarif`, one per outcome (what happened to the record).
CHECK_SARIF_RULES = {
    "skipped": N_("A record was left out: a required field is missing or wrong, its id is a duplicate or not one"),
    "field ignored": N_("A field was left out: it is unknown, wrong or names a record that is not there"),
    "reference dropped": N_("An id of a list names no record of its kind and was left out of the list"),
    "file skipped": N_("A file was not read: not UTF-8, not TOML, too large, not a regular file"),
    "none": N_("A file holds no records"),
}
CLI_NEW_EXISTS = N_("herzlich-tui: {path} exists; nothing was written (name another file with -o FILE).")
CLI_NEW_WROTE = N_("Wrote {path}. Replace its placeholders (…), then run: {command}")
CLI_NEW_SCHEMA_WROTE = N_("Wrote {path}, the schema its #:schema line names (for editors).")
CLI_NEW_SCHEMA_STALE = N_("{path} is not this version's schema; to refresh it: herzlich-tui schema -o {path}")
CLI_NEW_SCHEMA_FAILED = N_("herzlich-tui: cannot write {path}: {error}; editors will not find the schema.")
CLI_NEW_ERRORS = {
    "no_id": N_("cannot make an id of {value!r}: it needs a letter or a digit"),
    "encoding": N_("{value!r} is not UTF-8 text"),
    "year": N_("{value} is not a year of four digits"),
    "review": N_("the data already holds a review with the id {value!r} ({origin})"),
}


# --- problems found while loading ---------------------------------------------------------------------
# Problems are said (see `said` below): kept with the loaded data and its cache, and shown in the language
# of the moment they are listed. {id!r} is a record's id as the file gives it, {key!r} a field's name.

# A record kind as a word in a sentence ("expected a list of event ids"); English writes it as the data
# files do (project_year).
KIND_WORDS = {
    "review": N_("review"),
    "organisation": N_("organisation"),
    "person": N_("person"),
    "role": N_("role"),
    "programme": N_("programme"),
    "project": N_("project"),
    # TRANSLATORS: the kind project_year (what happened in a project in one year), as data files name it.
    "project_year": N_("project_year"),
    "event": N_("event"),
    "network": N_("network"),
    "membership": N_("membership"),
    "figure": N_("figure"),
    "quote": N_("quote"),
}
# A record kind with its indefinite article ("expected the id of an event"; German "ein Ereignis").
KIND_WITH_ARTICLE = {
    # TRANSLATORS: as in "expected the id of a review".
    "review": N_("a review"),
    "organisation": N_("an organisation"),
    "person": N_("a person"),
    "role": N_("a role"),
    "programme": N_("a programme"),
    "project": N_("a project"),
    # TRANSLATORS: the kind project_year (what happened in a project in one year), as data files name it.
    "project_year": N_("a project_year"),
    "event": N_("an event"),
    "network": N_("a network"),
    "membership": N_("a membership"),
    "figure": N_("a figure"),
    "quote": N_("a quote"),
}
# A record kind after "no" ("no event has the id 'x'"; German "kein Ereignis", "keine Person").
KIND_WITH_NO = {
    # TRANSLATORS: as in "no review has the id 'x'" (German: kein Rückblick, keine Person).
    "review": N_("no review"),
    "organisation": N_("no organisation"),
    "person": N_("no person"),
    "role": N_("no role"),
    "programme": N_("no programme"),
    "project": N_("no project"),
    # TRANSLATORS: the kind project_year (what happened in a project in one year), as data files name it.
    "project_year": N_("no project_year"),
    "event": N_("no event"),
    "network": N_("no network"),
    "membership": N_("no membership"),
    "figure": N_("no figure"),
    "quote": N_("no quote"),
}
# A record kind after "this" ("this event is left out"; German "dieses Ereignis", "diese Person").
KIND_WITH_THIS = {
    # TRANSLATORS: as in "this review is left out".
    "review": N_("this review"),
    "organisation": N_("this organisation"),
    "person": N_("this person"),
    "role": N_("this role"),
    "programme": N_("this programme"),
    "project": N_("this project"),
    # TRANSLATORS: the kind project_year (what happened in a project in one year), as data files name it.
    "project_year": N_("this project_year"),
    "event": N_("this event"),
    "network": N_("this network"),
    "membership": N_("this membership"),
    "figure": N_("this figure"),
    "quote": N_("this quote"),
}
# A record kind after "each" ("write each event as an entry of [[event]]"; German "jedes Ereignis").
KIND_WITH_EACH = {
    # TRANSLATORS: as in "write each review as an entry of [[review]]".
    "review": N_("each review"),
    "organisation": N_("each organisation"),
    "person": N_("each person"),
    "role": N_("each role"),
    "programme": N_("each programme"),
    "project": N_("each project"),
    # TRANSLATORS: the kind project_year (what happened in a project in one year), as data files name it.
    "project_year": N_("each project_year"),
    "event": N_("each event"),
    "network": N_("each network"),
    "membership": N_("each membership"),
    "figure": N_("each figure"),
    "quote": N_("each quote"),
}
# What a data file gives in place of the value a field expects, by its TOML type ("expected text, got a
# list").
TYPE_NAMES = {
    # TRANSLATORS: what a file gives where a field expects another type, as in "expected text, got true/false".
    "bool": N_("true/false"),
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a decimal number"),
    "list": N_("a list"),
    "dict": N_("a table"),
    "date_or_time": N_("a date/time"),
    "date_and_time": N_("a date and time"),  # (a date with a time of day, where a field expects a date)
}
# TRANSLATORS: a problem of one record: {problem} is what is wrong with it.
PROBLEM_OF_RECORD = N_("{id!r}: {problem}")
# TRANSLATORS: added to a problem: {option!r} is the name or id closest to what the file wrote.
PROBLEM_DID_YOU_MEAN = N_("; did you mean {option!r}?")

# Files and folders.
PROBLEM_NO_SUCH_PATH = N_("no such file or folder")
# TRANSLATORS: {error} is the system's reason (in English).
PROBLEM_CANNOT_LIST_FOLDER = N_("cannot list folder: {error}")
# TRANSLATORS: {error} is the system's reason (in English).
PROBLEM_CANNOT_READ_FILE = N_("cannot read file: {error}")
# A path that is not a regular file, by what it is (after the path: "data/x.toml: is a folder, ...").
PROBLEM_NOT_A_FILE = {
    "folder": N_("is a folder, not a TOML file"),
    "fifo": N_("is a FIFO (named pipe), not a regular file; only regular files are read"),
    "device": N_("is a device, not a regular file; only regular files are read"),
    "socket": N_("is a socket, not a regular file; only regular files are read"),
    "other": N_("is not a regular file; only regular files are read"),
}
# TRANSLATORS: {megabytes} is the file's size in MB with one decimal; {limit} is "32 MiB" or "100 bytes".
PROBLEM_FILE_TOO_LARGE = N_("file is {megabytes} MB; the limit is {limit}, split it into smaller files")
# TRANSLATORS: a file that gave more than the limit while it was read; {limit} is "32 MiB" or "100 bytes".
PROBLEM_FILE_GROWS = N_("file holds more than {limit}; the limit is {limit}, split it into smaller files")
SIZE_MIB = N_("{count} MiB")
SIZE_BYTES = N_("{count} bytes")
# TRANSLATORS: {byte:02x} is the first byte that is not UTF-8, in hexadecimal.
PROBLEM_NOT_UTF8 = N_("not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")
PROBLEM_EMPTY_FILE = N_("file is empty; it holds no records")
# TRANSLATORS: {error} is the TOML reader's message (in English).
PROBLEM_TOML_SYNTAX = N_("TOML syntax: {error}")
PROBLEM_TOML_TOO_DEEP = N_("TOML syntax: nested too deeply")
PROBLEM_NO_RECORDS = N_("holds no records ([[review]], [[event]], ...)")
# TRANSLATORS: {hint} is "; did you mean …?" or nothing.
PROBLEM_UNKNOWN_KIND = N_("unknown record kind {kind!r}{hint}")
# TRANSLATORS: {each_kind} is a kind after "each" ("each event"); {kind} is the kind as the file writes it.
PROBLEM_NOT_ENTRIES = N_("write {each_kind} as an entry of [[{kind}]]")

# An entry and its fields.
# TRANSLATORS: {hint} is "; did you mean …?" or nothing.
PROBLEM_UNKNOWN_FIELD = N_("unknown field {key!r}{hint}")
# TRANSLATORS: {keys} lists the names, each alone or with "(did you mean …?)".
PROBLEM_UNKNOWN_FIELDS = N_("unknown fields {keys}")
# TRANSLATORS: one of several unknown fields, and the field name closest to it.
PROBLEM_UNKNOWN_FIELD_MEANT = N_("{key!r} (did you mean {option!r}?)")
PROBLEM_MISSING_FIELD = N_("missing required field {key!r}")
PROBLEM_BAD_ID = N_("id {id!r} must be lowercase letters, digits, '.', '-' or '_'")

# A value of the wrong type or out of range: {got} is one of TYPE_NAMES.
PROBLEM_EXPECTED_TEXT = N_("expected text, got {got}")
# TRANSLATORS: {length} and {limit} are numbers of characters.
PROBLEM_TEXT_TOO_LONG = N_("text of {length} characters is longer than the limit of {limit}")
PROBLEM_EXPECTED_WHOLE_NUMBER = N_("expected a whole number, got {got}")
# TRANSLATORS: {digits} is how many digits the number has.
PROBLEM_NUMBER_TOO_LARGE = N_("whole number of {digits} digits is beyond 64 bits")
PROBLEM_EXPECTED_NUMBER = N_("expected a number, got {got}")
# TRANSLATORS: {value} is inf, -inf or nan.
PROBLEM_EXPECTED_FINITE_NUMBER = N_("expected a finite number, got {value}")
PROBLEM_EXPECTED_TRUE_OR_FALSE = N_("expected true or false, got {got}")
PROBLEM_EXPECTED_DATE = N_('expected a date such as "2021-06" or "2021-summer", got {got}')
PROBLEM_EXPECTED_YEARS = N_("expected a list of years such as [2020, 2021], got {got}")
# TRANSLATORS: {a_kind} is a kind with its article ("an event").
PROBLEM_EXPECTED_ID = N_("expected the id of {a_kind}, got {got}")
# TRANSLATORS: {kind} is a kind ("event").
PROBLEM_EXPECTED_IDS = N_("expected a list of {kind} ids, got {got}")
# TRANSLATORS: {example!r} is one of the field names the list may hold.
PROBLEM_EXPECTED_FIELD_NAMES = N_("expected a list of field names such as [{example!r}], got {got}")
# TRANSLATORS: {choices} lists the values the field takes, as the file writes them.
PROBLEM_EXPECTED_CHOICE = N_("expected one of {choices}, got {got}")
# TRANSLATORS: {choices} lists the values the field takes; {hint} is "; did you mean …?" or nothing.
PROBLEM_NOT_A_CHOICE = N_("{value!r} is not one of {choices}{hint}")

# References and ids across the files.
# TRANSLATORS: {origin} is where the id was first defined (path:line); {a_kind} is the kind of that first
# record with its article ("an event"); {this_kind} the kind of the record left out ("this person").
PROBLEM_DUPLICATE_ID = N_("duplicate id {id!r}; first defined at {origin} as {a_kind}; {this_kind} is left out")
# TRANSLATORS: {a_kind} is the kind of the record with the id, {a_wanted} the kind the field names, both
# with their article ("an event", "a person").
PROBLEM_WRONG_KIND = N_("{id!r} is {a_kind}, not {a_wanted}")
PROBLEM_NOT_LOADED = N_("{id!r} was not loaded because of the problem reported for it")
# TRANSLATORS: {no_kind} is a kind after "no" ("no event"); {hint} is "; did you mean …?" or nothing.
PROBLEM_NO_SUCH_ID = N_("{no_kind} has the id {id!r}{hint}")
PROBLEM_REFERS_TO_ITSELF = N_("refers to itself")
# TRANSLATORS: {chain} is the ids of the loop, joined by arrows.
PROBLEM_PARENT_LOOP = N_("parent chain loops: {chain}")

# --- settings, state and the cache: notices ------------------------------------------------------------
# Said: made while the files are read (before the language kept in the settings is known), shown later.
# TRANSLATORS: {why} is what the path is ("is a folder, not a TOML file").
SETTINGS_NOT_A_FILE = N_("Could not read {path} (it {why})")
# TRANSLATORS: {limit} is a number of bytes.
SETTINGS_TOO_LARGE = N_("{path} is larger than {limit} bytes")
# TRANSLATORS: {error} is the system's reason (in English).
SETTINGS_CANNOT_READ = N_("Could not read {path} ({error})")
SETTINGS_TOO_DEEP = N_("{path} was unreadable (a value is nested too deeply)")
# TRANSLATORS: {error} is what is wrong ("theme must be text"; the TOML reader's messages are English).
SETTINGS_UNREADABLE = N_("{path} was unreadable ({error})")
SETTINGS_NESTED = N_("a value is nested more than {depth} levels deep")
# A value of settings.toml or state.toml of the wrong type, by what it is.
SETTINGS_WRONG_TYPE = {
    "theme": N_("theme must be text"),
    "language": N_("language must be text"),
    "texts": N_("view, programme and record must be text"),
    "sorts": N_("sorts must be a table of text"),
    "year": N_("year must be a whole number"),
    "bookmarks": N_("bookmarks must be a list"),
    "bookmark": N_("each bookmark needs id, label and kind as text"),
}
# TRANSLATORS: {what} is why the file cannot be used ("… was unreadable (…)"); {aside} is its new name.
SETTINGS_SET_ASIDE = N_("{what}; kept as {aside}, using defaults.")
# TRANSLATORS: {what} is why the file cannot be used ("… was unreadable (…)"); it could not be renamed.
SETTINGS_DEFAULTS = N_("{what}; using defaults.")
# TRANSLATORS: {error} is the system's reason (in English).
SETTINGS_CANNOT_SAVE = N_("Cannot save to {folder} ({error}); changes last until you quit.")
# Why the load cache is not used (after CLI_CACHE_REFUSED's "the load cache is not used:").
CACHE_FOLDER_OTHER_USER = N_("the cache folder {folder} belongs to another user")
CACHE_FOLDER_WRITABLE = N_("the cache folder {folder} can be written by others")

# --- writing a file ---------------------------------------------------------------------------------------
# The reason a path cannot be written: a folder (after the path: "cannot write out/: is a folder").
OUTPUT_IS_A_FOLDER = N_("is a folder")

# --- reading a message in the current language ------------------------------------------------------
_SOURCE: dict[str, Any] = {name: value for name, value in globals().items() if name.isupper()}
for _name in _SOURCE:
    del globals()[_name]
_TRANSLATED: dict[tuple[str, str], Any] = {}


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return gettext(value) if value else value
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_translated(item) for item in value)
    return value


def __getattr__(name: str) -> Any:
    """A message (or a table or tuple of them) in the current language, made once per language."""
    try:
        source = _SOURCE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    key = (current_language(), name)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = _translated(source)
    return found


def __dir__() -> list[str]:
    return sorted([*_SOURCE, "Said", "Spelt", "messages", "month", "number", "said"])


def messages() -> dict[str, Any]:
    """Every message as written (English), by name: for the catalog and its tests."""
    return dict(_SOURCE)


class Said(str):
    """A message made from a template of this module and its values, said in the language of the moment it
    is shown: str() and format() make it anew, so that a problem found while loading reads in the language
    the app speaks when it is listed. As a str (compared, hashed, written by json) it is the English.

    `name` is a template's name ("PROBLEM_UNKNOWN_FIELD") or an entry of a table of them
    ("KIND_WITH_ARTICLE.event"). A value that is a Said is said in the same language; a tuple of values is
    each of them said, joined by commas."""

    name: str
    values: dict[str, Any]

    def __new__(cls, name: str, values: dict[str, Any]) -> Said:
        made = super().__new__(cls, cls._say(name, values, "en"))
        made.name = name
        made.values = values
        return made

    @staticmethod
    def _say(name: str, values: dict[str, Any], language: str) -> str:
        return _said(name, values, language)

    def said_in(self, language: str) -> str:
        """The message in a language."""
        return self._say(self.name, self.values, language)

    def __str__(self) -> str:
        return self.said_in(current_language())

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.values))


class Spelt(Said):
    """A month's name or a number as a value of a Said, in the words of CLDR (Babel) rather than of the
    catalogs: `month(3, "abbreviated")` is "Mar" in English and "März" in German, `number(20000)` is
    "20,000" and "20.000"."""

    @staticmethod
    def _say(name: str, values: dict[str, Any], language: str) -> str:
        if name == "month":
            return month_name(values["month"], values["width"], language)
        return _number(values["value"], language)


def said(name: str, **values: Any) -> Said:
    """The message `name` (a template of this module: "PROBLEM_UNKNOWN_FIELD", or an entry of a table of
    them: "KIND_WITH_ARTICLE.event") with these values: str, int, a Said, or a tuple of them."""
    return Said(name, values)


def month(number: int, width: str = "wide") -> Said:
    """A month's name ("wide": "March"; "abbreviated": "Mar") as a value of a Said."""
    return Spelt("month", {"month": number, "width": width})


def number(value: int) -> Said:
    """A whole number with its digits grouped as the language groups them, as a value of a Said."""
    return Spelt("number", {"value": value})


def _template(name: str) -> str:
    table, dot, key = name.partition(".")
    template: str = _SOURCE[table][key] if dot else _SOURCE[name]
    return template


def _said(name: str, values: dict[str, Any], language: str) -> str:
    """A template in a language, filled in (values that are Said themselves in that language too). A
    translation that does not fit the values (a placeholder misspelt) gives way to the English template:
    a message kept with the data is shown, not raised, whatever the catalog holds."""
    template = _template(name)
    filled = {key: _in_language(value, language) for key, value in values.items()}
    if language != "en":
        try:
            return _in(language, template).format(**filled)
        except (KeyError, IndexError, ValueError, AttributeError):
            pass
    return template.format(**filled)


def _in_language(value: Any, language: str) -> Any:
    if isinstance(value, Said):
        return value.said_in(language)
    if isinstance(value, tuple):
        return ", ".join(str(_in_language(item, language)) for item in value)
    return value


def _in(language: str, message: str) -> str:
    from herzlich_tui import i18n  # (looked up when said: a test may stand in another catalog)

    return i18n.translate(message, language)
