"""Saved states of the test database, put back with SQL instead of rebuilt row by row.

On Postgres, right after the demo content is loaded, every table the site's models use is
copied into a schema of its own (`DEMO_SCHEMA`). Two things then start from that copy:

- A transactional test starts from the demo site. Django empties the tables after each one
  and, before the next, would save every object of the demo again from a JSON dump taken
  after set-up (serialized rollback); here the tables are filled back from the copy with
  one `INSERT ... SELECT` each, in one round trip.
- A test built with factories starts from an empty landing page (`home` in conftest.py).
  Removing the demo's pages through the ORM touches every page, revision and index entry
  one query at a time; it is done once, before the first test, and the rows it removed and
  added are recorded. The `home` fixture then removes and adds exactly those rows, inside
  the test's transaction, which is rolled back as before.

SQLite keeps Django's own way for both: the JSON dump, and the ORM's delete in each test.
"""

from django.db import transaction

DEMO_SCHEMA = "test_snapshot_demo"
# What `_test_serialized_contents` holds when the copy stands in for the JSON dump. It is not
# JSON, so a connection that restored it without the patch below would fail, not restore
# nothing.
SNAPSHOT_MARKER = f"<tables copied into the schema {DEMO_SCHEMA}>"


def supported(connection):
    return connection.vendor == "postgresql"


def _tables(connection):
    """The tables Django's flush empties: every model's, many-to-many ones included."""
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


def _columns(connection, schema):
    """Each copied table's columns, by name: a migration test may drop and add a column
    again, which moves it to the end of the table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = %s GROUP BY table_name",
            [schema],
        )
        return {
            table: ", ".join(map(connection.ops.quote_name, columns))
            for table, columns in cursor.fetchall()
        }


def _copy_tables(connection, schema):
    quote = connection.ops.quote_name
    statements = [f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}"]
    statements += [
        f"CREATE TABLE {schema}.{quote(table)} AS TABLE {quote(table)}"
        for table in _tables(connection)
    ]
    with connection.cursor() as cursor:
        cursor.execute(";\n".join(statements))


def save_demo(connection):
    """Copy every table as the demo content left it; committed, outside any test."""
    _copy_tables(connection, DEMO_SCHEMA)


def restore_demo(connection):
    """Put every table back as `save_demo()` found it, whatever it holds now.

    Foreign keys are deferred until the commit on Postgres (Django creates them so), so the
    order of the tables does not matter. Sequences are left where they are, as Django's
    flush and its JSON restore leave them.
    """
    quote = connection.ops.quote_name
    columns = _columns(connection, DEMO_SCHEMA)
    statements = [f"DELETE FROM {quote(table)}" for table in _tables(connection)]
    statements += [
        f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM {DEMO_SCHEMA}.{quote(table)}"
        for table, names in columns.items()
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(";\n".join(statements))


class Changes:
    """The rows a change makes to the demo database, to make it again inside any test.

    `record(connection, change)` runs `change()` once in a transaction that is rolled back,
    as a test's is (so nothing it leaves for after the commit runs), and records per table
    the primary keys of the rows it removed or altered, and the rows it added or altered, in
    Postgres's COPY format. `apply()` removes and adds those rows: only those, so rows a test
    made before (an editor's account) stay.
    """

    def __init__(self):
        self.tables = []  # (table, primary key column, columns, keys removed, rows added)

    def record(self, connection, change):
        quote = connection.ops.quote_name
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            change()
            for table in _tables(connection):
                key = connection.introspection.get_primary_key_column(cursor, table)
                assert key, f"{table} has no primary key: its changed rows cannot be named"
                names = ", ".join(
                    quote(column.name)
                    for column in connection.introspection.get_table_description(cursor, table)
                )
                differ = (
                    "SELECT a.{key} FROM {a} a LEFT JOIN {b} b ON a.{key} = b.{key} "
                    "WHERE b.{key} IS NULL OR a::text <> b::text"
                )
                now, before = quote(table), f"{DEMO_SCHEMA}.{quote(table)}"
                cursor.execute(differ.format(key=quote(key), a=before, b=now))
                removed = [row[0] for row in cursor.fetchall()]
                cursor.execute(differ.format(key=quote(key), a=now, b=before))
                added = [row[0] for row in cursor.fetchall()]
                rows = b""
                if added:
                    copy_out = (
                        f"COPY (SELECT {names} FROM {now} WHERE {quote(key)} = ANY(%s)) TO STDOUT"
                    )
                    with cursor.cursor.copy(copy_out, [added]) as copy:
                        rows = b"".join(bytes(block) for block in copy)
                if removed or added:
                    self.tables.append((table, key, names, removed, rows))
            transaction.set_rollback(True, using=connection.alias)

    def apply(self, connection):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, key, names, removed, rows in self.tables:
                if removed:
                    cursor.execute(
                        f"DELETE FROM {quote(table)} WHERE {quote(key)} = ANY(%s)", [removed]
                    )
                if rows:
                    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                        copy.write(rows)


def restore_from_snapshot(original):
    """A `deserialize_db_from_string` that restores the copied tables for the marker."""

    def deserialize_db_from_string(creation, data):
        if data == SNAPSHOT_MARKER:
            restore_demo(creation.connection)
        else:
            original(creation, data)

    return deserialize_db_from_string


def delete_instead_of_truncate(original):
    """A `sql_flush` that empties the tables with DELETE rather than TRUNCATE.

    Django empties every table after each transactional test. TRUNCATE gives each of the
    site's ~80 tables and their indexes new files, which costs seconds on a busy machine;
    the demo database holds a few thousand rows, which DELETE removes in a fraction of that.
    Foreign keys are deferred, so the order does not matter. A flush that resets sequences
    or cascades is left to Django.
    """

    def sql_flush(operations, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(
                operations,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [";\n".join(f"DELETE FROM {operations.quote_name(table)}" for table in tables)]

    return sql_flush
