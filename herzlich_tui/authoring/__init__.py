"""For the people who write review data: `check`'s problems in formats that editors and CI read.

    problem_formats.py  `check --format json|sarif`

Part of the core: no Textual, no presentation layer."""
