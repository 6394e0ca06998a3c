/**
 * Deliberately bad classes that prove {@code dev.latchkey.ArchitectureTest}'s rules are not
 * vacuous: each class breaks exactly one rule, and the test asserts the rule reports it.
 *
 * <p>They live in the test tree only, so the production import
 * ({@code ImportOption.DoNotIncludeTests}) never sees them. Never use them from other code.
 */
package dev.latchkey.archfixture;
