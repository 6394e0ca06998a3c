package dev.latchkey.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks the purity rule: depends on {@code java.sql}. */
public final class UsesSql {

    private UsesSql() {
    }

    public static boolean ping(Connection connection) throws SQLException {
        return connection.isValid(1);
    }
}
