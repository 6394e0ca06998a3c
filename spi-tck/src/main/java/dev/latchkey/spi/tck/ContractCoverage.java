package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Fails a backend's build when its tests leave a contract of this kit out. A backend calls
 * {@link #assertEveryContractIsRun} from one test of its own, naming, when it runs the kit more
 * than once (one database and another), the prefix of each run's test classes.
 */
public final class ContractCoverage {
  private ContractCoverage() {}

  /** Every contract of the kit: the abstract {@code *Contract} classes of this package. */
  public static Set<String> contracts() {
    Set<String> contracts = new TreeSet<>();
    for (Class<?> c : classesBeside(ContractCoverage.class)) {
      if (c.getSimpleName().endsWith("Contract") && Modifier.isAbstract(c.getModifiers())) {
        contracts.add(c.getName());
      }
    }
    return contracts;
  }

  /**
   * Asserts that for every contract and every prefix, a concrete class in the package of
   * {@code anyTest} (from the same classes directory or jar) whose simple name starts with that
   * prefix extends the contract.
   *
   * @param anyTest one of the backend's test classes, usually the caller's own
   * @param prefixes one per run of the kit, e.g. {@code "H2"} and {@code "Postgres"}; none
   *     means one run whatever the names
   */
  public static void assertEveryContractIsRun(Class<?> anyTest, String... prefixes) {
    List<Class<?>> tests = new ArrayList<>();
    for (Class<?> c : classesBeside(anyTest)) {
      if (!Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
        tests.add(c);
      }
    }
    String[] runs = prefixes.length == 0 ? new String[] {""} : prefixes;
    Set<String> contracts = contracts();
    assertThat(contracts).as("the kit's contracts").hasSizeGreaterThan(10);
    List<String> missing = new ArrayList<>();
    for (String name : contracts) {
      Class<?> contract = load(name, anyTest.getClassLoader());
      for (String prefix : runs) {
        if (tests.stream().noneMatch(t -> t.getSimpleName().startsWith(prefix)
            && contract.isAssignableFrom(t))) {
          missing.add(prefix + "…" + contract.getSimpleName());
        }
      }
    }
    assertThat(missing).as("contracts of the kit that no test in %s runs",
        anyTest.getPackageName()).isEmpty();
  }

  /** The top-level classes of {@code type}'s package, from where {@code type} was loaded. */
  private static List<Class<?>> classesBeside(Class<?> type) {
    String folder = type.getPackageName().replace('.', '/') + '/';
    List<String> names = new ArrayList<>();
    try {
      Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(where)) {
        try (Stream<Path> files = Files.list(where.resolve(folder))) {
          files.map(p -> p.getFileName().toString()).forEach(names::add);
        }
      } else {
        try (JarFile jar = new JarFile(where.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            if (entry.startsWith(folder) && entry.indexOf('/', folder.length()) < 0) {
              names.add(entry.substring(folder.length()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " is", e);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String file : names) {
      if (file.endsWith(".class") && file.indexOf('$') < 0 && !file.startsWith("package-info")) {
        classes.add(load(type.getPackageName() + '.' + file.substring(0, file.length() - 6),
            type.getClassLoader()));
      }
    }
    return classes;
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }
}
