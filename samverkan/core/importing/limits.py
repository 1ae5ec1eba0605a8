"""How much an import reads at most. Larger uploads are refused before any parsing, so a
hostile file cannot tie up a worker; what a file may unpack to is checked by
`core/upload_limits.py` before any library decodes it."""

from __future__ import annotations

from typing import Final

# A document (minutes, notice, promises, agreement, plan): PDF, DOCX or text.
MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024
# A table (incidents, statistics): CSV or XLSX, and its data rows.
MAX_TABLE_BYTES: Final = 50 * 1024 * 1024
MAX_TABLE_ROWS: Final = 500_000
