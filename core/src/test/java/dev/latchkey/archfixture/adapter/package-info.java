/** Stands in for an adapter package (in-memory, JDBC) that core must not depend on. */
package dev.latchkey.archfixture.adapter;
