package dev.latchkey.jdbc;

import dev.latchkey.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs each store operation as one READ COMMITTED transaction, run again a few times after a
 * lost race (a serialization failure, a deadlock, H2's concurrent update), and translated to a
 * {@link StoreException} when it still fails. Waits are bounded (S37): every statement carries
 * a query timeout, and a host can set a shorter lock timeout on its pool (the README shows
 * how), so one hot row cannot hold pooled connections for long; a timeout is not run again
 * here — it surfaces at once as a retryable {@link StoreException}.
 */
final class Transactions {
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final int queryTimeoutSeconds;

  Transactions(DataSource dataSource, int queryTimeoutSeconds) {
    this.dataSource = dataSource;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  <T> T inTransaction(String operation, Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        last = e;
        if (!SqlErrors.isRace(e)) {
          break;
        }
        backOff(attempt);
      }
    }
    throw SqlErrors.translate(operation, last);
  }

  PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep((long) attempt * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying", e, true);
    }
  }
}
