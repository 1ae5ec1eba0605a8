"""A stored search document per agenda item on PostgreSQL (docs/design/search.md).

Replaces 0002's GIN indexes on tsvector expressions, which PostgreSQL had to compute again for
every row it read past the index: seconds for a word in most items. The column
meetings_agendaitem.search_document holds the item's Swedish tsvector, weighted by where a word
stands: A the title, B the text of the item's decisions, D the reference number and text.
One GIN index on it finds the items of a rare word; for a common word the search walks the
meetings newest first (the index on meetings_meeting.date) and reads each item's document, and
stops after the newest 1,001 matches. The weights give the order (title, decision, text)
without a second lookup.

Triggers keep it in step, on PostgreSQL alone:
- before an item is inserted, or its title, reference or text updated: its own document;
- after each statement that inserts, updates or deletes decisions: the documents of their
  items (once per statement, so a bulk_create of decisions costs one update per batch).

The column is not in the model: Django neither reads nor writes it, and makemigrations leaves
it alone. The triggers name the columns title, reference and text of meetings_agendaitem and
text and item_id of meetings_decision: a migration that renames or drops one of them must
replace meetings_item_search_document() (inserts fail loudly until it does).

SQLite: nothing. Its FTS5 table and triggers from 0002 stay as they are, and neither table is
rebuilt here, so they keep their triggers.
"""

from django.db import migrations

# The document of one item; STABLE, since it reads the item's decisions. The weighted parts
# come first: a tsvector keeps at most 256 positions of a word, and drops those at the end.
POSTGRESQL_FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION meetings_item_search_document("
    "for_item bigint, title text, reference text, body text) RETURNS tsvector "
    "LANGUAGE sql STABLE AS $$ "
    "SELECT setweight(to_tsvector('swedish'::regconfig, title), 'A') "
    "|| setweight(to_tsvector('swedish'::regconfig, coalesce((SELECT string_agg(d.text, ' ') "
    "FROM meetings_decision AS d WHERE d.item_id = for_item), '')), 'B') "
    "|| to_tsvector('swedish'::regconfig, reference || ' ' || body) $$",
    "CREATE OR REPLACE FUNCTION meetings_agendaitem_search_trigger() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.search_document := meetings_item_search_document(NEW.id, NEW.title, NEW.reference, "
    "NEW.text); RETURN NEW; END $$",
    # One function for the three statement triggers on decisions; each names only the
    # transition tables its event has.
    "CREATE OR REPLACE FUNCTION meetings_decision_search_trigger() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN "
    "UPDATE meetings_agendaitem AS i SET search_document = "
    "meetings_item_search_document(i.id, i.title, i.reference, i.text) "
    "WHERE i.id IN (SELECT item_id FROM new_decisions); "
    "ELSIF TG_OP = 'UPDATE' THEN "
    "UPDATE meetings_agendaitem AS i SET search_document = "
    "meetings_item_search_document(i.id, i.title, i.reference, i.text) "
    "WHERE i.id IN (SELECT item_id FROM new_decisions UNION SELECT item_id FROM old_decisions); "
    "ELSE "
    "UPDATE meetings_agendaitem AS i SET search_document = "
    "meetings_item_search_document(i.id, i.title, i.reference, i.text) "
    "WHERE i.id IN (SELECT item_id FROM old_decisions); "
    "END IF; RETURN NULL; END $$",
]

POSTGRESQL_CREATE = [
    "ALTER TABLE meetings_agendaitem ADD COLUMN IF NOT EXISTS search_document tsvector",
    *POSTGRESQL_FUNCTIONS,
    "CREATE OR REPLACE TRIGGER meetings_agendaitem_search "
    "BEFORE INSERT OR UPDATE OF title, reference, text ON meetings_agendaitem "
    "FOR EACH ROW EXECUTE FUNCTION meetings_agendaitem_search_trigger()",
    "CREATE OR REPLACE TRIGGER meetings_decision_search_insert AFTER INSERT ON meetings_decision "
    "REFERENCING NEW TABLE AS new_decisions "
    "FOR EACH STATEMENT EXECUTE FUNCTION meetings_decision_search_trigger()",
    "CREATE OR REPLACE TRIGGER meetings_decision_search_update AFTER UPDATE ON meetings_decision "
    "REFERENCING OLD TABLE AS old_decisions NEW TABLE AS new_decisions "
    "FOR EACH STATEMENT EXECUTE FUNCTION meetings_decision_search_trigger()",
    "CREATE OR REPLACE TRIGGER meetings_decision_search_delete AFTER DELETE ON meetings_decision "
    "REFERENCING OLD TABLE AS old_decisions "
    "FOR EACH STATEMENT EXECUTE FUNCTION meetings_decision_search_trigger()",
    # The existing items.
    "UPDATE meetings_agendaitem SET search_document = "
    "meetings_item_search_document(id, title, reference, text)",
    "CREATE INDEX IF NOT EXISTS meetings_agendaitem_document ON meetings_agendaitem "
    "USING gin (search_document)",
    # Newest first over all of a council's bodies; (body_id, date) serves one body only.
    "CREATE INDEX IF NOT EXISTS meetings_meeting_date_search ON meetings_meeting (date, id)",
    # 0002's expression indexes: nothing reads them any more, and every write paid for them.
    "DROP INDEX IF EXISTS meetings_agendaitem_search",
    "DROP INDEX IF EXISTS meetings_decision_search",
    "DROP INDEX IF EXISTS meetings_agendaitem_title_search",
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS meetings_agendaitem_search ON meetings_agendaitem",
    "DROP TRIGGER IF EXISTS meetings_decision_search_insert ON meetings_decision",
    "DROP TRIGGER IF EXISTS meetings_decision_search_update ON meetings_decision",
    "DROP TRIGGER IF EXISTS meetings_decision_search_delete ON meetings_decision",
    "DROP FUNCTION IF EXISTS meetings_agendaitem_search_trigger()",
    "DROP FUNCTION IF EXISTS meetings_decision_search_trigger()",
    "DROP FUNCTION IF EXISTS meetings_item_search_document(bigint, text, text, text)",
    "ALTER TABLE meetings_agendaitem DROP COLUMN IF EXISTS search_document",
    "DROP INDEX IF EXISTS meetings_meeting_date_search",
    # Back to 0002's indexes, the same statements.
    "CREATE INDEX IF NOT EXISTS meetings_agendaitem_search ON meetings_agendaitem USING gin "
    "((to_tsvector('swedish'::regconfig, title || ' ' || reference || ' ' || text)))",
    "CREATE INDEX IF NOT EXISTS meetings_decision_search ON meetings_decision USING gin "
    "((to_tsvector('swedish'::regconfig, text)))",
    "CREATE INDEX IF NOT EXISTS meetings_agendaitem_title_search ON meetings_agendaitem "
    "USING gin ((to_tsvector('swedish'::regconfig, title)))",
]


def create_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL_CREATE:
        schema_editor.execute(statement)


def drop_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_attachment_not_for_publication")]

    operations = [
        migrations.RunPython(create_search_document, drop_search_document, elidable=False),
    ]
