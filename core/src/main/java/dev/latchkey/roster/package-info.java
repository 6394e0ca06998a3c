/**
 * The roster: {@link dev.latchkey.roster.Roster} loads districts, guardians, students and their
 * links, and answers which students a guardian may see. {@link
 * dev.latchkey.roster.RosterFollowUps} decides what follows from a record (a guardian's key and
 * logins, a student's own login) from the state a store holds, which the store then applies in
 * the same transaction as the record.
 */
@NullMarked
package dev.latchkey.roster;

import org.jspecify.annotations.NullMarked;
