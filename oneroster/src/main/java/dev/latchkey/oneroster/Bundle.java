package dev.latchkey.oneroster;

import dev.latchkey.oneroster.OneRosterFormatException.Code;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** The CSV files of a bundle by name, from a folder or from the root of a zip. */
abstract class Bundle implements Closeable {

  static Bundle open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return new Folder(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new OneRosterFormatException(Code.NOT_A_BUNDLE, name(path), 0,
          "neither a folder nor a zip file");
    }
    return Zip.open(path);
  }

  private static String name(Path path) {
    Path file = path.getFileName();
    return file == null ? "bundle" : file.toString();
  }

  /** The bundle's own name, for faults that concern it as a whole. */
  abstract String name();

  /** The CSV file names at the root. */
  abstract Set<String> files();

  abstract InputStream open(String file) throws IOException;

  @Override
  public void close() throws IOException {
  }

  private static final class Folder extends Bundle {
    private final Path dir;
    private final Map<String, Path> files = new TreeMap<>();

    Folder(Path dir) throws IOException {
      this.dir = dir;
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.csv")) {
        for (Path entry : entries) {
          if (Files.isRegularFile(entry)) {
            files.put(entry.getFileName().toString(), entry);
          }
        }
      }
    }

    @Override
    String name() {
      return Bundle.name(dir);
    }

    @Override
    Set<String> files() {
      return files.keySet();
    }

    @Override
    InputStream open(String file) throws IOException {
      return Files.newInputStream(files.get(file));
    }
  }

  private static final class Zip extends Bundle {
    /** The most one CSV file of a bundle may expand to: a million-student users.csv is far less. */
    static final long MAX_ENTRY_BYTES = 2L << 30;

    private final String name;
    private final ZipFile zip;
    private final Map<String, ZipEntry> files = new HashMap<>();

    private Zip(String name, ZipFile zip) {
      this.name = name;
      this.zip = zip;
    }

    static Zip open(Path path) throws IOException {
      String name = Bundle.name(path);
      ZipFile zip;
      try {
        zip = new ZipFile(path.toFile());
      } catch (ZipException e) {
        throw new OneRosterFormatException(Code.NOT_A_BUNDLE, name, 0, "not a readable zip file");
      }
      Zip bundle = new Zip(name, zip);
      try {
        bundle.index();
        return bundle;
      } catch (RuntimeException e) {
        zip.close();
        throw e;
      }
    }

    private void index() {
      try {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          String entryName = entry.getName();
          if (entry.isDirectory() || !entryName.endsWith(".csv")
              || entryName.startsWith("__MACOSX/")) {
            continue;
          }
          if (entryName.contains("/") || entryName.contains("\\")) {
            throw new OneRosterFormatException(Code.NOT_AT_ROOT, name, 0,
                "the CSV files must sit at the root of the zip, not inside a folder");
          }
          files.putIfAbsent(entryName, entry);
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        // ZipFile reports an undecodable entry name this way
        throw new OneRosterFormatException(Code.NOT_A_BUNDLE, name, 0, "not a readable zip file");
      }
    }

    @Override
    String name() {
      return name;
    }

    @Override
    Set<String> files() {
      return files.keySet();
    }

    @Override
    InputStream open(String file) throws IOException {
      String entry = file;
      return new FilterInputStream(zip.getInputStream(files.get(file))) {
        private long read;

        // a truncated or corrupt entry is a broken bundle, not an I/O fault
        @Override
        public int read() throws IOException {
          try {
            int b = super.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          } catch (IOException e) {
            throw corrupt(e);
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return count(super.read(b, off, len));
          } catch (IOException e) {
            throw corrupt(e);
          }
        }

        /** Refuses a file that expands past the limit: a zip bomb, not a roster. */
        private int count(int n) {
          if (n > 0) {
            read += n;
            if (read > MAX_ENTRY_BYTES) {
              throw new OneRosterFormatException(Code.NOT_A_BUNDLE, entry, 0,
                  "the file expands to more than " + (MAX_ENTRY_BYTES >> 20) + " MiB");
            }
          }
          return n;
        }
      };
    }

    private static ZipException corrupt(IOException e) {
      return e instanceof ZipException z ? z : new ZipException("corrupt zip entry");
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
