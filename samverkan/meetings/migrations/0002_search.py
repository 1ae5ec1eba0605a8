"""Full-text search indexes for the archive (docs/design/search.md).

PostgreSQL: GIN indexes on the Swedish tsvector *expressions* of agenda items (all text, and
the title alone for ranking) and decisions; the expressions must stay identical to those in
meetings/search.py, or the planner stops using them (test_archive_search checks the plan).

SQLite: an FTS5 table with one row per agenda item (its title, reference, text and the text
of all its decisions), kept in step by triggers. Warning: Django rebuilds a SQLite table for
many schema changes (e.g. adding a NOT NULL field), and a rebuild silently drops that table's
triggers. A later migration that changes meetings_agendaitem or meetings_decision must run
SQLITE_TRIGGERS and SQLITE_FILL again; test_archive_search fails when a trigger is missing.

No model state changes here: the indexes are not in the models' Meta, so makemigrations
leaves them alone.
"""

from django.db import migrations

POSTGRESQL_CREATE = [
    # Keep these expressions identical to those in search.py.
    "CREATE INDEX IF NOT EXISTS meetings_agendaitem_search ON meetings_agendaitem USING gin "
    "((to_tsvector('swedish'::regconfig, title || ' ' || reference || ' ' || text)))",
    "CREATE INDEX IF NOT EXISTS meetings_decision_search ON meetings_decision USING gin "
    "((to_tsvector('swedish'::regconfig, text)))",
    # For ranking: a word in the title puts the item first.
    "CREATE INDEX IF NOT EXISTS meetings_agendaitem_title_search ON meetings_agendaitem "
    "USING gin ((to_tsvector('swedish'::regconfig, title)))",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS meetings_agendaitem_search",
    "DROP INDEX IF EXISTS meetings_decision_search",
    "DROP INDEX IF EXISTS meetings_agendaitem_title_search",
]

SQLITE_TABLE = (
    # remove_diacritics 0: å, ä and ö are letters of their own in Swedish, as on PostgreSQL.
    "CREATE VIRTUAL TABLE IF NOT EXISTS meetings_item_search USING fts5("
    "title, reference, text, decisions, tokenize = 'unicode61 remove_diacritics 0')"
)

SQLITE_FILL = [
    "DELETE FROM meetings_item_search",
    "INSERT INTO meetings_item_search (rowid, title, reference, text, decisions) "
    "SELECT i.id, i.title, i.reference, i.text, coalesce((SELECT group_concat(d.text, char(10)) "
    "FROM meetings_decision AS d WHERE d.item_id = i.id), '') FROM meetings_agendaitem AS i",
]

# Each trigger touches only its own table and the search table: a trigger that named the
# other table would make Django's rebuild of that table fail on SQLite.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS meetings_item_search_insert "
    "AFTER INSERT ON meetings_agendaitem BEGIN "
    "INSERT INTO meetings_item_search (rowid, title, reference, text, decisions) "
    "VALUES (new.id, new.title, new.reference, new.text, ''); END",
    "CREATE TRIGGER IF NOT EXISTS meetings_item_search_update "
    "AFTER UPDATE OF title, reference, text ON meetings_agendaitem BEGIN "
    "UPDATE meetings_item_search SET title = new.title, reference = new.reference, "
    "text = new.text WHERE rowid = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS meetings_item_search_delete "
    "AFTER DELETE ON meetings_agendaitem BEGIN "
    "DELETE FROM meetings_item_search WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS meetings_decision_search_insert "
    "AFTER INSERT ON meetings_decision BEGIN "
    "UPDATE meetings_item_search SET decisions = "
    "coalesce((SELECT group_concat(d.text, char(10)) FROM meetings_decision AS d "
    "WHERE d.item_id = meetings_item_search.rowid), '') WHERE rowid = new.item_id; END",
    "CREATE TRIGGER IF NOT EXISTS meetings_decision_search_update "
    "AFTER UPDATE OF text, item_id ON meetings_decision BEGIN "
    "UPDATE meetings_item_search SET decisions = "
    "coalesce((SELECT group_concat(d.text, char(10)) FROM meetings_decision AS d "
    "WHERE d.item_id = meetings_item_search.rowid), '') "
    "WHERE rowid IN (old.item_id, new.item_id); END",
    "CREATE TRIGGER IF NOT EXISTS meetings_decision_search_delete "
    "AFTER DELETE ON meetings_decision BEGIN "
    "UPDATE meetings_item_search SET decisions = "
    "coalesce((SELECT group_concat(d.text, char(10)) FROM meetings_decision AS d "
    "WHERE d.item_id = meetings_item_search.rowid), '') WHERE rowid = old.item_id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS meetings_item_search_insert",
    "DROP TRIGGER IF EXISTS meetings_item_search_update",
    "DROP TRIGGER IF EXISTS meetings_item_search_delete",
    "DROP TRIGGER IF EXISTS meetings_decision_search_insert",
    "DROP TRIGGER IF EXISTS meetings_decision_search_update",
    "DROP TRIGGER IF EXISTS meetings_decision_search_delete",
    "DROP TABLE IF EXISTS meetings_item_search",
]


def create_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = POSTGRESQL_CREATE
    elif vendor == "sqlite":
        statements = [SQLITE_TABLE, *SQLITE_FILL, *SQLITE_TRIGGERS]
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
