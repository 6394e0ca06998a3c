/**
 * JMH benchmarks, each measuring Latchkey against a baseline in the same run so the result is a
 * ratio: {@link dev.latchkey.benchmarks.SignInBenchmark} (a sign-in on each backend against one
 * bare Argon2id verification), {@link dev.latchkey.benchmarks.SignInStormBenchmark} (64
 * concurrent sign-ins, right and wrong passwords, against cores over one hash),
 * {@link dev.latchkey.benchmarks.RedemptionBenchmark} and
 * {@link dev.latchkey.benchmarks.RedemptionContentionBenchmark} (key redemption, alone and
 * sixteen on one key), {@link dev.latchkey.benchmarks.HashingBenchmark} (BouncyCastle against
 * the reference C Argon2), {@link dev.latchkey.benchmarks.TestKitBenchmark} (10,000 sign-ins
 * through the test kit) and {@link dev.latchkey.benchmarks.StrengthBenchmark}.
 * {@link dev.latchkey.benchmarks.Summary} turns JMH's JSON into those ratios. Start with
 * {@code benchmarks/README.md} and the {@code benchmarks/run} script.
 */
package dev.latchkey.benchmarks;
