package dev.latchkey.jdbc;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends audit events to the {@code lk_audit} table: one insert each, never an update or a
 * delete. Events hold no secrets by construction. A failed insert is logged (by event type
 * only) and swallowed, so auditing never changes an outcome. Thread-safe.
 */
public final class JdbcAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
  private static final int MAX_TEXT = 400;

  private final DataSource dataSource;

  private JdbcAuditSink(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static JdbcAuditSink create(DataSource dataSource) {
    return new JdbcAuditSink(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public void record(AuditEvent e) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO lk_audit (at, district_id, type, "
            + "actor, subject, source, outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, OffsetDateTime.ofInstant(Rows.truncate(e.at()), ZoneOffset.UTC));
      ps.setString(2, e.district().value());
      ps.setString(3, e.type().name());
      ps.setString(4, cap(e.actor()));
      ps.setString(5, cap(e.subject()));
      ps.setString(6, e.source());
      ps.setString(7, cap(e.outcome()));
      ps.setString(8, e.details().toString());
      ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException ex) {
      LOG.error("audit insert failed for {} (SQLState {})", e.type(), ex.getSQLState());
    }
  }

  private static String cap(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
