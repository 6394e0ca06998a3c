package dev.latchkey.password;

/**
 * Which keys neighbour which on one keyboard, for recognising keyboard walks. Built from a
 * picture of the layout: rows of keys, each key one char or two (unshifted, shifted), each row
 * starting some key widths from the left edge.
 *
 * <p>On a slanted (typewriter) keyboard each row sits half a key to the right of the one above,
 * so a key has six neighbours: left, up-left, up-right, right, down-right, down-left. On an
 * aligned keypad it has eight. A walk's turns are counted as changes of that direction.
 * Immutable.
 */
final class KeyboardGraph {

  private static final int ASCII = 128;
  private static final int[][] SLANTED = {{-1, 0}, {0, -1}, {1, -1}, {1, 0}, {0, 1}, {-1, 1}};
  private static final int[][] ALIGNED =
      {{-1, 0}, {-1, -1}, {0, -1}, {1, -1}, {1, 0}, {1, 1}, {0, 1}, {-1, 1}};

  private final String name;
  private final int directions;
  /** {@code [c][direction][0 unshifted, 1 shifted]} flattened; 0 where there is no key. */
  private final char[] neighbours;
  private final boolean[] shiftedChar;
  private final boolean countsShift;
  private final double startingPositions;
  private final double averageDegree;

  private KeyboardGraph(String name, boolean slanted, int[] offsets, String... rows) {
    this.name = name;
    this.countsShift = slanted;
    int[][] steps = slanted ? SLANTED : ALIGNED;
    this.directions = steps.length;
    String[][] grid = new String[rows.length][];
    int width = 0;
    for (int y = 0; y < rows.length; y++) {
      String[] keys = rows[y].trim().split(" +");
      grid[y] = new String[offsets[y] + keys.length];
      System.arraycopy(keys, 0, grid[y], offsets[y], keys.length);
      width = Math.max(width, grid[y].length);
    }
    neighbours = new char[ASCII * directions * 2];
    shiftedChar = new boolean[ASCII];
    boolean[] known = new boolean[ASCII];
    int chars = 0;
    int degrees = 0;
    for (int y = 0; y < grid.length; y++) {
      for (int x = 0; x < grid[y].length; x++) {
        String key = grid[y][x];
        if (key == null) {
          continue;
        }
        int degree = 0;
        for (int d = 0; d < directions; d++) {
          String next = keyAt(grid, x + steps[d][0], y + steps[d][1]);
          if (next == null) {
            continue;
          }
          degree++;
          for (int k = 0; k < key.length(); k++) {
            int at = (key.charAt(k) * directions + d) * 2;
            neighbours[at] = next.charAt(0);
            neighbours[at + 1] = next.length() > 1 ? next.charAt(1) : 0;
          }
        }
        for (int k = 0; k < key.length(); k++) {
          char c = key.charAt(k);
          if (!known[c]) {
            known[c] = true;
            chars++;
            degrees += degree;
          }
          if (k == 1) {
            shiftedChar[c] = true;
          }
        }
      }
    }
    this.startingPositions = chars;
    this.averageDegree = (double) degrees / chars;
  }

  private static String keyAt(String[][] grid, int x, int y) {
    if (y < 0 || y >= grid.length || x < 0 || x >= grid[y].length) {
      return null;
    }
    return grid[y][x];
  }

  static KeyboardGraph qwerty() {
    return new KeyboardGraph("qwerty", true, new int[] {0, 1, 1, 1},
        "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+",
        "qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|",
        "aA sS dD fF gG hH jJ kK lL ;: '\"",
        "zZ xX cC vV bB nN mM ,< .> /?");
  }

  static KeyboardGraph dvorak() {
    return new KeyboardGraph("dvorak", true, new int[] {0, 1, 1, 1},
        "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) [{ ]}",
        "'\" ,< .> pP yY fF gG cC rR lL /? =+ \\|",
        "aA oO eE uU iI dD hH tT nN sS -_",
        ";: qQ jJ kK xX bB mM wW vV zZ");
  }

  static KeyboardGraph keypad() {
    return new KeyboardGraph("keypad", false, new int[] {1, 0, 0, 0, 1},
        "/ * -", "7 8 9 +", "4 5 6", "1 2 3", "0 .");
  }

  static KeyboardGraph macKeypad() {
    return new KeyboardGraph("mac keypad", false, new int[] {1, 0, 0, 0, 1},
        "= / *", "7 8 9 -", "4 5 6 +", "1 2 3", "0 .");
  }

  String name() {
    return name;
  }

  /**
   * Where {@code to} lies from {@code from}: {@code 2 * direction}, plus 1 if {@code to} is the
   * shifted char of that neighbour; -1 if they are not neighbours.
   */
  int step(char from, char to) {
    if (from >= ASCII || to >= ASCII || to == 0) {
      return -1;
    }
    int base = from * directions * 2;
    for (int d = 0; d < directions; d++) {
      int at = base + d * 2;
      if (neighbours[at] == to) {
        return d * 2;
      }
      if (neighbours[at + 1] == to) {
        return d * 2 + 1;
      }
    }
    return -1;
  }

  /** Whether a walk starting with {@code c} starts with shift held. */
  boolean startsShifted(char c) {
    return countsShift && c < ASCII && shiftedChar[c];
  }

  /** Whether shift is part of this keyboard's walks (not on keypads). */
  boolean countsShift() {
    return countsShift;
  }

  /** Keys (chars) a walk can start on. */
  double startingPositions() {
    return startingPositions;
  }

  /** Mean number of neighbours per key. */
  double averageDegree() {
    return averageDegree;
  }
}
