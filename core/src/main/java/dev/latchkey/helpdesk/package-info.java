/**
 * The helpdesk's tools: {@link dev.latchkey.helpdesk.Helpdesk} finds guardians, shows an
 * agent what a call needs, verifies callers against the roster, and performs the privileged
 * actions under a verification, audited, without ever handling a password or a key.
 */
@NullMarked
package dev.latchkey.helpdesk;

import org.jspecify.annotations.NullMarked;
