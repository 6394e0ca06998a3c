/**
 * Finished, localised messages: {@link dev.latchkey.mail.MessageRenderer} turns each
 * {@link dev.latchkey.notify.Notification} into a subject, a plain-text and an HTML body in the
 * recipient's language, from Mustache templates (English and Spanish ship) that a host
 * overrides or extends through a {@link dev.latchkey.mail.TemplateSource}. Start at
 * {@code MessageRenderer}; a mail adapter such as {@code spi-smtp} sends what it renders.
 */
@NullMarked
package dev.latchkey.mail;

import org.jspecify.annotations.NullMarked;
