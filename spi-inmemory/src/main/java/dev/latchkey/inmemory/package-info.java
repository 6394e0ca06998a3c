/**
 * The in-memory backend: {@link dev.latchkey.inmemory.InMemoryStore}, every store contract
 * under one lock. With the core's {@code dev.latchkey.testkit} (a hand-moved clock, captured
 * mail) it is the test kit a host's own test suite runs Latchkey on.
 */
@NullMarked
package dev.latchkey.inmemory;

import org.jspecify.annotations.NullMarked;
