package dev.latchkey.jdbc;

import dev.latchkey.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a driver's exceptions into the core's: which failures are worth retrying (a lost
 * serialization race, a lock or statement timeout, a dropped connection) and which unique
 * constraint a duplicate broke. Messages name the operation only: a driver's own message may
 * quote the values of the statement.
 */
final class SqlErrors {
  /** Lost races: run again at once, the operation will likely succeed. */
  private static final Set<String> RACE_STATES = Set.of(
      "40001", // serialization failure (both); H2 deadlock
      "40P01", // PostgreSQL deadlock
      "90131"); // H2 concurrent update

  /**
   * Waits that ran out, and a server going away: the caller may try again later, but running
   * again at once would only hold a pooled connection longer (S37).
   */
  private static final Set<String> TIMEOUT_STATES = Set.of(
      "55P03", // PostgreSQL lock_not_available (lock_timeout)
      "57014", // PostgreSQL query_canceled (statement_timeout, setQueryTimeout)
      "HYT00", // H2 lock timeout
      "57P01"); // PostgreSQL admin shutdown

  private SqlErrors() {}

  /** True for a lost race, worth running again at once. */
  static boolean isRace(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && ((sql.getSQLState() != null
          && RACE_STATES.contains(sql.getSQLState())) || sql.getErrorCode() == 90131)) {
        return true;
      }
    }
    return false;
  }

  /** True when the same call may succeed later: a lost race, a timeout, a lost connection. */
  static boolean isRetryable(SQLException e) {
    if (isRace(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true; // e.g. a pool with no free connection in time
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (TIMEOUT_STATES.contains(state) || state.startsWith("08"))) {
          return true;
        }
        if (sql.getErrorCode() == 50200) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code e} is a unique violation of the named constraint. */
  static boolean isUniqueViolation(SQLException e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains(constraint.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  static StoreException translate(String operation, SQLException e) {
    boolean retryable = isRetryable(e);
    return new StoreException("store operation " + operation + " failed (SQLState "
        + e.getSQLState() + (retryable ? ", retryable)" : ")"), scrub(e), retryable);
  }

  /**
   * The driver's exception without its message, which may quote bound values: the state and
   * vendor code are kept, so an operator can still tell what happened.
   */
  private static SQLException scrub(SQLException e) {
    SQLException clean = new SQLException(e.getClass().getSimpleName() + " (SQLState "
        + e.getSQLState() + ", code " + e.getErrorCode() + ")", e.getSQLState(),
        e.getErrorCode());
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }
}
