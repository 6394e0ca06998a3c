package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Latchkey's engine against the reference {@code argon2} command (Debian package {@code argon2})
 * for all three variants, several lanes and tag lengths on both sides of H''s 64-byte switch:
 * the CLI's raw tag must equal the engine's, on every path this JVM offers. Like the legacy
 * interop tests, a missing CLI fails under CI (CI=true) and skips, loudly, elsewhere.
 */
class Argon2EngineCliInteropTest {

  static List<Argon2Engine.Path> paths() {
    return Argon2Engine.candidatePaths();
  }

  @ParameterizedTest
  @MethodSource("paths")
  void engineMatchesTheReferenceCommand(Argon2Engine.Path path) {
    String cli = requireArgon2();
    Argon2Engine engine = new Argon2Engine(path, new BlockMemoryPool(1));
    Random random = new Random(0xA2C11);
    String[] flags = {"-d", "-i", "-id"};
    Argon2Engine.Type[] types = {Argon2Engine.Type.D, Argon2Engine.Type.I, Argon2Engine.Type.ID};
    for (int n = 0; n < 24; n++) {
      int variant = n % 3;
      int lanes = 1 + random.nextInt(4);
      int memoryKiB = 8 * lanes + random.nextInt(200);
      int passes = 1 + random.nextInt(3);
      int tagLength = n % 2 == 0 ? 32 : 65 + random.nextInt(60);
      String password = "pw-" + Long.toHexString(random.nextLong());
      String salt = "salt-" + Long.toHexString(random.nextLong());

      String expected = run(List.of(cli, salt, flags[variant], "-t", String.valueOf(passes),
          "-k", String.valueOf(memoryKiB), "-p", String.valueOf(lanes),
          "-l", String.valueOf(tagLength), "-r"), password.getBytes(StandardCharsets.UTF_8));
      byte[] tag = engine.hash(types[variant], password.getBytes(StandardCharsets.UTF_8),
          salt.getBytes(StandardCharsets.UTF_8), null, null, memoryKiB, passes, lanes, tagLength);

      assertThat(HexFormat.of().formatHex(tag))
          .as("%s m=%d t=%d p=%d l=%d", types[variant], memoryKiB, passes, lanes, tagLength)
          .isEqualTo(expected);
    }
  }

  private static String requireArgon2() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, "argon2");
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String message = "the reference tool 'argon2' is not on the PATH; install Debian's argon2 "
        + "package, or run the project's test script, which does";
    if ("true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException(message);
    }
    System.err.println("SKIPPING reference-tool interoperability test: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static String run(List<String> command, byte[] stdin) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command)).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("argon2 failed: " + err);
      }
      return out.strip();
    } catch (IOException e) {
      throw new AssertionError("argon2 could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
