package dev.latchkey.spi;

/**
 * Everything a backend implements. Each method's contract is in its interface's javadoc; the
 * conformance kit ({@code dev.latchkey.spi.tck} in the core's test-jar) states them as tests,
 * races included, and every backend runs all of it.
 *
 * <p>Backends translate their own failures into {@link dev.latchkey.StoreException}; they never
 * let a driver's exception reach the caller. Implementations are thread-safe.
 */
public interface LatchkeyStore
    extends RosterStore, ActivationStore, AccountStore, RecoveryStore, OutboxStore,
    AuditStore {
}
