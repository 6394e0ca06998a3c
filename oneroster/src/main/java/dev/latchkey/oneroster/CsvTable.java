package dev.latchkey.oneroster;

import dev.latchkey.oneroster.OneRosterFormatException.Code;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * One CSV file read strictly: RFC 4180 through Commons CSV, UTF-8 with an optional BOM, a header
 * that is exactly one of the expected ones (order and case) followed only by {@code metadata.*}
 * columns, the same number of fields on every row, at least one data row. The {@code password}
 * column is never copied out of the parser.
 */
final class CsvTable {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false)
      .get();
  private static final String METADATA = "metadata.";
  private static final char BOM = '\uFEFF';

  private final String file;
  private final int spec;
  private final Map<String, Integer> index;
  private final List<Row> rows;

  private CsvTable(String file, int spec, Map<String, Integer> index, List<Row> rows) {
    this.file = file;
    this.spec = spec;
    this.index = index;
    this.rows = rows;
  }

  /**
   * Reads {@code file}, whose header must be one of {@code specs}.
   *
   * @param what names the expected headers in a mismatch message ("OneRoster 1.2")
   */
  static CsvTable read(String file, InputStream in, List<List<String>> specs, String what)
      throws IOException {
    try (Reader reader = reader(file, in); CSVParser parser = FORMAT.parse(reader)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!hasNext(file, records)) {
        throw new OneRosterFormatException(Code.BAD_HEADER, file, 1, "the header row is missing");
      }
      CSVRecord header = next(file, records);
      List<String> columns = header.toList();
      int spec = match(file, columns, specs, what);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        index.put(columns.get(i), i);
      }
      Integer password = index.remove("password");
      List<Row> rows = new ArrayList<>();
      while (hasNext(file, records)) {
        CSVRecord record = next(file, records);
        long line = record.getRecordNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a blank line, as editors leave at the end
        }
        if (record.size() != columns.size()) {
          throw new OneRosterFormatException(Code.COLUMN_COUNT, file, line,
              "the row has " + record.size() + " fields, the header " + columns.size());
        }
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = password != null && i == password ? "" : record.get(i);
        }
        rows.add(new Row(file, line, index, values));
      }
      if (rows.isEmpty()) {
        throw new OneRosterFormatException(Code.NO_DATA_ROWS, file, 0,
            "the file has no data rows, which OneRoster does not permit");
      }
      return new CsvTable(file, spec, index, List.copyOf(rows));
    }
  }

  private static Reader reader(String file, InputStream in) throws IOException {
    PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT))), 1);
    try {
      int first = reader.read();
      if (first >= 0 && first != BOM) {
        reader.unread(first);
      }
    } catch (CharacterCodingException e) {
      throw new OneRosterFormatException(Code.ENCODING, file, 0, "the file is not UTF-8");
    }
    return reader;
  }

  private static int match(String file, List<String> columns, List<List<String>> specs,
      String what) {
    for (int s = 0; s < specs.size(); s++) {
      if (mismatch(columns, specs.get(s)) == null) {
        checkExtensions(file, columns, specs.get(s).size());
        return s;
      }
    }
    String detail = specs.size() == 1 ? mismatch(columns, specs.get(0))
        : "the header is neither " + what;
    throw new OneRosterFormatException(Code.BAD_HEADER, file, 1, detail);
  }

  /** Why {@code columns} do not start with {@code spec}, or null when they do. */
  private static @Nullable String mismatch(List<String> columns, List<String> spec) {
    for (int i = 0; i < spec.size(); i++) {
      String expected = spec.get(i);
      if (i >= columns.size()) {
        return "column " + (i + 1) + " must be '" + expected + "', and the header ends before it";
      }
      String found = columns.get(i);
      if (!found.equals(expected)) {
        // never echo the found text: a file without a header has data, perhaps a password, here
        return "column " + (i + 1) + " must be '" + expected + "'"
            + (found.equalsIgnoreCase(expected) ? " (headers are case-sensitive)" : "")
            + (columns.contains(expected) ? " (the columns are out of order)" : "");
      }
    }
    return null;
  }

  private static void checkExtensions(String file, List<String> columns, int specColumns) {
    Set<String> seen = new HashSet<>();
    for (int i = specColumns; i < columns.size(); i++) {
      String column = columns.get(i);
      if (!column.startsWith(METADATA) || column.length() == METADATA.length()) {
        throw new OneRosterFormatException(Code.BAD_HEADER, file, 1, "column " + (i + 1)
            + " is not a spec column: extension columns must be named metadata.* and come after"
            + " the spec columns");
      }
      if (!seen.add(column)) {
        throw new OneRosterFormatException(Code.BAD_HEADER, file, 1,
            "column " + (i + 1) + " repeats an extension column");
      }
    }
  }

  private static boolean hasNext(String file, Iterator<CSVRecord> records) throws IOException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw translate(file, e.getCause());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new OneRosterFormatException(Code.MALFORMED_CSV, file, 0, "not RFC 4180 CSV");
    }
  }

  private static CSVRecord next(String file, Iterator<CSVRecord> records) throws IOException {
    try {
      return records.next();
    } catch (UncheckedIOException e) {
      throw translate(file, e.getCause());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new OneRosterFormatException(Code.MALFORMED_CSV, file, 0, "not RFC 4180 CSV");
    }
  }

  /** A data fault becomes the format exception; a real I/O fault stays an IOException. */
  private static IOException translate(String file, IOException cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        throw new OneRosterFormatException(Code.ENCODING, file, 0, "the file is not UTF-8");
      }
      if (t instanceof CSVException) {
        throw new OneRosterFormatException(Code.MALFORMED_CSV, file, 0,
            "not RFC 4180 CSV (e.g. a quote that never closes)");
      }
      if (t instanceof ZipException) {
        throw new OneRosterFormatException(Code.NOT_A_BUNDLE, file, 0,
            "the zip entry cannot be read");
      }
    }
    return cause;
  }

  /** Which of the expected headers matched, by its position in the list given to read. */
  int spec() {
    return spec;
  }

  String file() {
    return file;
  }

  boolean hasColumn(String column) {
    return index.containsKey(column);
  }

  List<Row> rows() {
    return rows;
  }

  /** A data row: values by column name, blank read as null, the password never kept. */
  static final class Row {
    private final String file;
    private final long line;
    private final Map<String, Integer> index;
    private final String[] values;

    Row(String file, long line, Map<String, Integer> index, String[] values) {
      this.file = file;
      this.line = line;
      this.index = index;
      this.values = values;
    }

    long line() {
      return line;
    }

    /** Where the row came from: {@code users.csv:12}. */
    String source() {
      return file + ":" + line;
    }

    /** The value, stripped, or null when blank or when the file has no such column. */
    @Nullable String get(String column) {
      Integer i = index.get(column);
      if (i == null) {
        return null;
      }
      String value = values[i].strip();
      return value.isEmpty() ? null : value;
    }

    /** A list value ({@code "a,b"}), split on commas; empty when blank. */
    List<String> list(String column) {
      String value = get(column);
      if (value == null) {
        return List.of();
      }
      List<String> items = new ArrayList<>();
      for (String item : value.split(",")) {
        String stripped = item.strip();
        if (!stripped.isEmpty()) {
          items.add(stripped);
        }
      }
      return items;
    }

    @Override
    public String toString() {
      return source();
    }
  }
}
