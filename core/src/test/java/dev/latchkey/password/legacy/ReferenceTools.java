package dev.latchkey.password.legacy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the reference command-line tools the interoperability tests compare against: {@code
 * argon2} (Debian package {@code argon2}) and {@code htpasswd} (Debian {@code apache2-utils}).
 * When a tool is missing, the test fails under CI (CI=true) and is skipped, loudly, elsewhere;
 * the project's test script installs both.
 */
final class ReferenceTools {

  private ReferenceTools() {
  }

  /** The tool's path, or a failure (CI) or a skip (elsewhere) naming the package to install. */
  static Path require(String command, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = "the reference tool '" + command + "' is not on the PATH; install Debian's "
        + debianPackage + " package, or run the project's test script, which does";
    if ("true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException(message);
    }
    System.err.println("SKIPPING reference-tool interoperability test: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** Runs the command with {@code stdin} as its whole input; returns its standard output without trailing white space. */
  static String run(List<String> command, byte[] stdin) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.redirectErrorStream(false);
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      byte[] out = readAll(process.getInputStream());
      byte[] err = readAll(process.getErrorStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command.get(0) + " exited with " + process.exitValue() + ": "
            + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] readAll(InputStream stream) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    stream.transferTo(buffer);
    return buffer.toByteArray();
  }
}
