package dev.latchkey.archfixture;

import javax.sql.DataSource;

/** Breaks the purity rule: depends on {@code javax.sql}. */
public final class UsesJavaxSql {

    private UsesJavaxSql() {
    }

    public static Object pool(DataSource dataSource) {
        return dataSource;
    }
}
