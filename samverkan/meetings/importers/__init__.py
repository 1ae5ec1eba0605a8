"""Importers that turn uploaded meeting documents into structured data.

`minutes.parse_minutes` reads minutes or a notice from the text that
`core.importing.text.extract_text` takes out of a PDF, DOCX or text file. Neither imports
Django, so both run without settings; messages are plain English and the caller translates
them (every message is listed with its Swedish translation in docs/formats/minutes-import.md).
"""
