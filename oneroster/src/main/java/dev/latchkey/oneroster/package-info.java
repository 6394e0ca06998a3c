/**
 * OneRoster CSV import: reads a OneRoster 1.1 or 1.2 bundle (a zip or a folder, bulk or delta)
 * into a {@link dev.latchkey.roster.RosterBatch} for one district. Start at
 * {@link dev.latchkey.oneroster.OneRosterReader}; the result is a
 * {@link dev.latchkey.oneroster.OneRosterImport}, and a file that breaks the format fails the
 * whole read with a {@link dev.latchkey.oneroster.OneRosterFormatException}.
 */
@NullMarked
package dev.latchkey.oneroster;

import org.jspecify.annotations.NullMarked;
