package dev.latchkey.audit;

/**
 * Makes outside text fit every store and every log: control characters (NUL included), line
 * and paragraph separators, format characters and lone surrogates become {@code \\uXXXX}, a
 * <code>$&#123;</code> is broken up (S33), and the result is cut at a cap in UTF-16 units — never inside
 * an escape or a surrogate pair — with a marker saying so. The same text always comes out the
 * same, so an event can be matched on it.
 */
final class AuditText {
  static final String CUT = "...[cut]";

  private AuditText() {}

  static String clean(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int limit = max - CUT.length();
    int cutAt = -1; // where to cut, should the text turn out too long: the last whole piece
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      String piece;
      int width = 1;
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        piece = text.substring(i, i + 2);
        width = 2;
      } else if (Character.isSurrogate(c) || Character.isISOControl(c) || c == '\u2028'
          || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
        piece = String.format("\\u%04x", (int) c);
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        piece = "\\u0024";
      } else {
        piece = String.valueOf(c);
      }
      if (cutAt < 0 && out.length() + piece.length() > limit) {
        cutAt = out.length();
      }
      out.append(piece);
      if (out.length() > max) {
        out.setLength(cutAt);
        return out.append(CUT).toString();
      }
      i += width;
    }
    return out.toString();
  }
}
