/**
 * The SPI conformance kit: every contract of {@link dev.latchkey.spi.LatchkeyStore} as abstract
 * JUnit tests, races and a model-based lockout test included. A backend extends each
 * {@code *Contract} with one factory method ({@code newStore()}), and calls
 * {@link dev.latchkey.spi.tck.ContractCoverage#assertEveryContractIsRun} from a test of its own
 * so that a contract left out fails its build. Start with {@link
 * dev.latchkey.spi.tck.ContractSupport}.
 */
package dev.latchkey.spi.tck;
