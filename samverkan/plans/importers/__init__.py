"""Importers for crime-prevention plan documents: citizen promises, agreements and plans.

`plan_documents.parse_plan_document(text)` reads the plain text of one document (see
`samverkan.core.importing.text.extract_text`). It does not import Django; the
schema and messages are described in docs/formats/plan-documents.md.
"""
