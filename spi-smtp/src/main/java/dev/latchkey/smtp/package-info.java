/**
 * An SMTP mail adapter: {@link dev.latchkey.smtp.SmtpNotifier} sends each notification, rendered
 * by core's {@link dev.latchkey.mail.MessageRenderer}, with Jakarta Mail (Eclipse Angus). A
 * module of its own, so hosts that send mail another way never pull in Jakarta Mail. Start at
 * {@code SmtpNotifier.builder()}.
 */
@NullMarked
package dev.latchkey.smtp;

import org.jspecify.annotations.NullMarked;
