package dev.latchkey;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.latchkey.archfixture.UsesAdapter;
import dev.latchkey.archfixture.UsesDefaultRandomGenerator;
import dev.latchkey.archfixture.UsesJavaxSql;
import dev.latchkey.archfixture.UsesMathRandom;
import dev.latchkey.archfixture.UsesNet;
import dev.latchkey.archfixture.UsesRandom;
import dev.latchkey.archfixture.UsesRandomSubclass;
import dev.latchkey.archfixture.UsesRandomUuid;
import dev.latchkey.archfixture.UsesSecureRandom;
import dev.latchkey.archfixture.UsesSplittableRandom;
import dev.latchkey.archfixture.UsesSql;
import dev.latchkey.archfixture.UsesThreadLocalRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that keep core pure (CONVENTIONS "The core is pure") and its randomness
 * cryptographic (SECURITY S16), checked against core's production classes.
 *
 * <p>Every rule is also run against a deliberately bad class from
 * {@code dev.latchkey.archfixture} (test tree only) and must report it, so no rule can pass
 * vacuously; a good class must pass, so no rule is so broad that it would be switched off.
 */
class ArchitectureTest {

    private static final String CORE = "dev.latchkey..";
    private static final String[] JDBC_AND_NETWORK = {"java.sql..", "javax.sql..", "java.net.."};
    private static final String[] ADAPTERS =
            {"dev.latchkey.inmemory..", "dev.latchkey.jdbc..", "dev.latchkey.smtp.."};

    static final ArchRule NO_JDBC_OR_NETWORK = noDependencyOn(
            "core is pure: storage and transport belong to the adapters, reached only through the SPI",
            JDBC_AND_NETWORK);

    static final ArchRule NO_ADAPTER = noDependencyOn(
            "adapters depend on core, never the reverse; core sees a backend only through its SPI",
            ADAPTERS);

    static final ArchRule ONLY_SECURE_RANDOMNESS = noClasses()
            .that().resideInAPackage(CORE)
            // any constructor, so new Random(seed) and subclasses of Random are caught; SecureRandom's are not
            .should().callConstructorWhere(target(owner(type(Random.class))))
            .orShould().dependOnClassesThat().belongToAnyOf(
                    ThreadLocalRandom.class, SplittableRandom.class, RandomGeneratorFactory.class)
            .orShould().callMethod(RandomGenerator.class, "getDefault")
            .orShould().callMethod(RandomGenerator.class, "of", String.class)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .orShould().callMethod(UUID.class, "randomUUID")
            .because("S16: keys, tokens and salts come only from the injected SecureRandom-backed source");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new ImportOption.DoNotIncludeJars())
                .importPackages("dev.latchkey");
    }

    private static ArchRule noDependencyOn(String reason, String... packages) {
        return noClasses()
                .that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because(reason);
    }

    @Test
    @DisplayName("the production import is not vacuous: more than 10 classes, none from the test tree")
    void productionImportIsNotVacuous() {
        assertThat(production.size()).as("classes imported from dev.latchkey").isGreaterThan(10);
        assertThat(production.stream().map(JavaClass::getPackageName))
                .noneMatch(p -> p.startsWith("dev.latchkey.archfixture"))
                .noneMatch(p -> p.startsWith("dev.latchkey.spi.tck"));
    }

    @Test
    @DisplayName("core depends on no java.sql, javax.sql or java.net")
    void coreDependsOnNoJdbcOrNetwork() {
        NO_JDBC_OR_NETWORK.check(production);
    }

    @Test
    @DisplayName("core depends on no adapter package (dev.latchkey.inmemory, .jdbc, .smtp)")
    void coreDependsOnNoAdapter() {
        NO_ADAPTER.check(production);
    }

    @Test
    @DisplayName("core makes no non-cryptographic random numbers (S16)")
    void coreUsesOnlySecureRandomness() {
        ONLY_SECURE_RANDOMNESS.check(production);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("no JDBC or network", NO_JDBC_OR_NETWORK, UsesSql.class),
                Arguments.of("no JDBC or network", NO_JDBC_OR_NETWORK, UsesJavaxSql.class),
                Arguments.of("no JDBC or network", NO_JDBC_OR_NETWORK, UsesNet.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesRandom.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesRandomSubclass.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesThreadLocalRandom.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesSplittableRandom.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesDefaultRandomGenerator.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesMathRandom.class),
                Arguments.of("secure randomness", ONLY_SECURE_RANDOMNESS, UsesRandomUuid.class));
    }

    @ParameterizedTest(name = "rule \"{0}\" reports {2}")
    @MethodSource("violations")
    @DisplayName("each rule reports a class that breaks it")
    void ruleReportsDeliberateViolation(String ruleName, ArchRule rule, Class<?> fixture) {
        EvaluationResult result = rule.evaluate(importFixture(fixture));

        assertThat(result.hasViolation()).as("%s reports %s", ruleName, fixture.getSimpleName()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(fixture.getName()));
    }

    @Test
    @DisplayName("the adapter rule, pointed at a stand-in adapter package, reports a class that uses it")
    void adapterRuleReportsDeliberateViolation() {
        // Core's test tree holds no dev.latchkey.inmemory or .jdbc class to depend on (and must not:
        // it ships in the test-jar those modules use), so the same rule is aimed at a stand-in.
        ArchRule standIn = noDependencyOn("fixture", "dev.latchkey.archfixture.adapter..");

        EvaluationResult result = standIn.evaluate(importFixture(UsesAdapter.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(UsesAdapter.class.getName()));
    }

    @Test
    @DisplayName("no rule reports SecureRandom, a Random-typed parameter or UUID parsing")
    void rulesAllowSecureRandom() {
        JavaClasses good = importFixture(UsesSecureRandom.class);

        assertThat(NO_JDBC_OR_NETWORK.evaluate(good).hasViolation()).isFalse();
        assertThat(NO_ADAPTER.evaluate(good).hasViolation()).isFalse();
        assertThat(ONLY_SECURE_RANDOMNESS.evaluate(good).getFailureReport().getDetails()).isEmpty();
    }

    /**
     * Imports the fixture package from the test tree and keeps one fixture with its nested and
     * anonymous classes (a bad call may sit in {@code UsesRandomSubclass$1}, not in the outer class).
     */
    private static JavaClasses importFixture(Class<?> fixture) {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.latchkey.archfixture");
        String name = fixture.getName();
        JavaClasses selected = fixtures.that(DescribedPredicate.describe(
                name + " and its nested classes",
                c -> c.getName().equals(name) || c.getName().startsWith(name + "$")));
        assertThat(selected.contain(fixture)).as("fixture %s imported", name).isTrue();
        return selected;
    }
}
