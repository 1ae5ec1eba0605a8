"""What every importer shares: the upload buffer, text and tables out of files, Swedish dates
and times, rejections, warnings and limits.

The minutes (`meetings/importers/`), the plan documents (`plans/importers/`) and the tables of
incidents and statistics (`incidents/services/bulk_import.py`) all plug into this package: an
upload waits in a `PendingImport` (`models.py`, written by `services.py`, read by
`selectors.py`) until its preview is confirmed; `text.extract_text` and `tables.read_table`
turn its bytes into text or rows; `dates` reads the dates and times in them. Apart from the
buffer, nothing here imports Django's models, so parsers run without settings.
"""
