package dev.latchkey.oneroster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The shipped fixture bundles, and copies of them a test may change. */
final class Bundles {
  /** Every password value in the fixtures starts with this. */
  static final String PASSWORD_MARK = "Pass!w0rd";

  static final String USERS_1_1 = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,"
      + "role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,"
      + "agentSourcedIds,grades,password";
  static final String MANIFEST_1_1_BULK_USERS = "propertyName,value\n"
      + "oneroster.version,1.1\nfile.users,bulk\n";
  static final String MANIFEST_1_1_DELTA_USERS = "propertyName,value\n"
      + "oneroster.version,1.1\nfile.users,delta\n";

  private Bundles() {
  }

  /** A shipped fixture folder: {@code v1_1}, {@code v1_2} or {@code delta_1_1}. */
  static Path fixture(String name) {
    URL url = Objects.requireNonNull(Bundles.class.getResource("/oneroster/" + name), name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a fixture under {@code dir}, to change. */
  static Path copy(String name, Path dir) throws IOException {
    Path target = Files.createDirectories(dir.resolve(name));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(fixture(name))) {
      for (Path file : files) {
        Files.copy(file, target.resolve(file.getFileName().toString()));
      }
    }
    return target;
  }

  static void write(Path folder, String file, String text) {
    write(folder, file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path folder, String file, byte[] bytes) {
    try {
      Files.write(folder.resolve(file), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip of the folder's files, at the root or under {@code prefix} ("" for the root). */
  static Path zip(Path folder, Path zipFile, String prefix) throws IOException {
    try (OutputStream out = Files.newOutputStream(zipFile);
        ZipOutputStream zip = new ZipOutputStream(out);
        DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(prefix + file.getFileName()));
        zip.write(Files.readAllBytes(file));
        zip.closeEntry();
      }
    }
    return zipFile;
  }
}
