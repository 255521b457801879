"""The presentation layer, free of Textual: what the browser shows for a state (views, rows, facet options,
detail pages, the overview), worked out so that the app, the command line, tests and benchmarks share it.

The first frame imports only `spec`, `state`, `rows`, `blocks` and `snapshot` of it, none of which import
the model: they come with the data."""
