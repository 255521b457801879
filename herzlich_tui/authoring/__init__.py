"""For the people who write review data: the data format as a JSON Schema that editors understand (with
each field's description, also in docs/schema.md), a starting file for a new review, and `check`'s
problems in formats that editors and CI read.

    descriptions.py     what each kind and field is: the one place of these words
    schema.py           the JSON Schema, made from the model's field metadata and the descriptions
    docs.py             docs/schema.md's field tables and data/herzlich.schema.json, kept up to date
    scaffold.py         `herzlich-tui new`: a review's starting file, ids made from names
    problem_formats.py  `check --format json|sarif`

Part of the core: no Textual, no presentation layer."""
