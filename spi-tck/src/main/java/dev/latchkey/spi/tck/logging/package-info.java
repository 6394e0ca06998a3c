/**
 * A capturing SLF4J 2 binding for the test suites of core and of every backend.
 *
 * <p>It ships in core's test-jar together with the conformance kit and registers itself through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}, so any test classpath that holds
 * the test-jar (and no other SLF4J provider) records every log event of the run, TRACE included.
 * Start at {@link dev.latchkey.spi.tck.logging.CapturedLogs}: the S32 checks ("no secret in any log
 * line") read the captured lines from there. Lines are recorded raw, exactly as the code under
 * test formatted them, so S33 checks can see an unescaped CR, LF or ANSI escape if one slips
 * through.
 */
package dev.latchkey.spi.tck.logging;
