/**
 * The district directory a mobile app shows before sign-in. Start with {@link
 * dev.latchkey.directory.Directory} (the facade's {@code directory()}): part of a district's
 * name plus its state ("Naperville 203", "IL") gives ranked {@link
 * dev.latchkey.directory.DistrictListing}s — the name, the helpdesk's contact and hours, the
 * password length rule and the {@link dev.latchkey.directory.SelfServiceFeature}s a parent can
 * use without calling. Every type here is immutable and thread-safe.
 */
@NullMarked
package dev.latchkey.directory;

import org.jspecify.annotations.NullMarked;
