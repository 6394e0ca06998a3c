/**
 * Latchkey: the guardian and student account lifecycle of a district parent portal, embeddable
 * in any host. Start with {@link dev.latchkey.Latchkey#builder()}; each capability lives in its
 * own package ({@code activation}, {@code signin}, {@code account}, {@code roster}), and a
 * backend implements {@link dev.latchkey.spi.LatchkeyStore}.
 */
@NullMarked
package dev.latchkey;

import org.jspecify.annotations.NullMarked;
