/**
 * The JDBC backend: {@link dev.latchkey.jdbc.JdbcStore} over any {@code DataSource} on
 * PostgreSQL or H2, {@link dev.latchkey.jdbc.JdbcSchema} to migrate the schema, and
 * the append-only audit table, written in the same transaction as the change each event records.
 */
@NullMarked
package dev.latchkey.jdbc;

import org.jspecify.annotations.NullMarked;
