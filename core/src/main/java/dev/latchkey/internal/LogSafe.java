package dev.latchkey.internal;

/**
 * Escapes text from the outside world before it reaches a log line (S33): CR, LF and other
 * control characters (ANSI escapes start with one) become {@code \\uXXXX}, and {@code ${} is
 * broken up so no logging back end ever sees a lookup expression.
 */
public final class LogSafe {
  private LogSafe() {}

  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
          || Character.getType(c) == Character.FORMAT) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        out.append("\\u0024");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
