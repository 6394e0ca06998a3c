/**
 * The roster: {@link dev.latchkey.roster.Roster} loads districts, guardians, students and their
 * links, and answers which students a guardian may see.
 */
@NullMarked
package dev.latchkey.roster;

import org.jspecify.annotations.NullMarked;
