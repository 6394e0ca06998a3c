package dev.latchkey.password;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict reader for the small JSON objects Keycloak keeps a credential in (its
 * {@code secret_data} and {@code credential_data} columns, and the same strings in a realm
 * export), so that core needs no JSON library. RFC 8259 grammar, one top-level object, no
 * duplicate keys, bounded size and depth. Values come back as {@code String}, {@code
 * BigDecimal}, {@code Boolean}, {@code Map}, {@code List} or {@code null}.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose messages say where, never what: the
 * text holds a password hash.
 */
final class CredentialJson {

  private static final int MAX_CHARS = 64 * 1024;
  private static final int MAX_DEPTH = 16;

  private final String text;
  private int at;

  private CredentialJson(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON object.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly one well-formed object
   */
  static Map<String, @Nullable Object> object(String text) {
    if (text.length() > MAX_CHARS) {
      throw new IllegalArgumentException("JSON longer than " + MAX_CHARS + " characters");
    }
    CredentialJson reader = new CredentialJson(text);
    reader.skipSpace();
    if (reader.peek() != '{') {
      throw reader.error("expected an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> result = (Map<String, @Nullable Object>) reader.value(0);
    reader.skipSpace();
    if (reader.at != text.length()) {
      throw reader.error("unexpected text after the object");
    }
    return result;
  }

  private @Nullable Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    skipSpace();
    char c = peek();
    switch (c) {
      case '{':
        return objectValue(depth);
      case '[':
        return arrayValue(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, @Nullable Object> objectValue(int depth) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    at++; // '{'
    skipSpace();
    if (peek() == '}') {
      at++;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      skipSpace();
      expect(':');
      Object value = value(depth + 1);
      if (map.containsKey(key)) {
        throw error("duplicate key");
      }
      map.put(key, value);
      skipSpace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<@Nullable Object> arrayValue(int depth) {
    List<@Nullable Object> list = new ArrayList<>();
    at++; // '['
    skipSpace();
    if (peek() == ']') {
      at++;
      return list;
    }
    while (true) {
      list.add(value(depth + 1));
      skipSpace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    at++; // '"'
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out.append(escape);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
              throw error("bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
          break;
        default:
          throw error("bad escape");
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else {
      digits();
    }
    if (peek() == '.') {
      at++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      digits();
    }
    if (at - start > 40) {
      throw error("number too long");
    }
    return new BigDecimal(text.substring(start, at));
  }

  private void digits() {
    int start = at;
    while (peek() >= '0' && peek() <= '9') {
      at++;
    }
    if (at == start) {
      throw error("expected a digit");
    }
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character");
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  /** The next character, or NUL at the end (NUL is never valid where it would be read). */
  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private char next() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at++);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON at offset " + at + ": " + what);
  }
}
