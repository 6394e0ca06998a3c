/**
 * The domain's values: districts, guardians, students and their links, portal accounts, and the
 * typed ids that name them. Every record belongs to one {@link dev.latchkey.model.District};
 * every record validates itself in its constructor, so an instance is always well formed.
 * Start with {@link dev.latchkey.model.Guardian} and {@link dev.latchkey.model.PortalAccount}.
 */
@NullMarked
package dev.latchkey.model;

import org.jspecify.annotations.NullMarked;
