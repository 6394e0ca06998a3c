/**
 * The helpdesk's support schedule. Start with {@link dev.latchkey.schedule.SupportSchedule}: one
 * district's weekly hours in its time zone, its holidays and its busy periods, answering whether
 * the helpdesk is open, when it next opens (DST gaps and overlaps included) and when a parent can
 * expect an answer. {@link dev.latchkey.schedule.Schedule} (the facade's {@code schedule()})
 * finds the schedule of a district: the one the host configured, or {@link
 * dev.latchkey.schedule.SupportSchedule#defaults(java.time.ZoneId)} in the district's zone.
 * Every type here is immutable and thread-safe.
 */
@NullMarked
package dev.latchkey.schedule;

import org.jspecify.annotations.NullMarked;
