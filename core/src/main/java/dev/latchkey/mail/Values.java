package dev.latchkey.mail;

/** What is done to every value before a template sees it. */
final class Values {
  private Values() {}

  /**
   * Drops the bidirectional formatting characters (a U+202E in a name would reverse what follows
   * it, in text and HTML alike) and turns control characters and line separators into spaces
   * (a line break in a name could forge a line of the message, or a header). HTML escaping is
   * not done here: the HTML templates' own escaping does it.
   */
  static String clean(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (isBidiControl(c)) {
        return;
      }
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        out.append(' ');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** ALM, LRM, RLM, the embeddings and overrides (U+202A–E) and the isolates (U+2066–9). */
  static boolean isBidiControl(int c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
