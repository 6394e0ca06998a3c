/**
 * JMH benchmarks, each measuring Latchkey against a baseline in the same run so the result is a
 * ratio: {@link dev.latchkey.benchmarks.SignInBenchmark} (a sign-in on each backend against one
 * bare Argon2id verification) and {@link dev.latchkey.benchmarks.RedemptionBenchmark} (a key
 * redemption on each backend against the in-memory backend and one bare hash).
 * {@link dev.latchkey.benchmarks.Summary} turns JMH's JSON into those ratios. Start with
 * {@code benchmarks/README.md} and the {@code benchmarks/run} script.
 */
package dev.latchkey.benchmarks;
