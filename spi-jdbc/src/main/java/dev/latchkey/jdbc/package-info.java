/**
 * The JDBC backend: {@link dev.latchkey.jdbc.JdbcStore} over any {@code DataSource} on
 * PostgreSQL or H2, {@link dev.latchkey.jdbc.JdbcSchema} to migrate the schema, and
 * {@link dev.latchkey.jdbc.JdbcAuditSink} for an append-only audit table.
 */
@NullMarked
package dev.latchkey.jdbc;

import org.jspecify.annotations.NullMarked;
