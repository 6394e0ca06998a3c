package dev.latchkey.password;

import java.util.Arrays;

/**
 * The ranked word lists of {@link StrengthData} as one prefix tree in flat primitive arrays, so
 * a match walks the password char by char from each start without allocating.
 *
 * <p>Nodes are numbered as they are created; the edge from node {@code n} along char {@code c}
 * is an entry of an open-addressing hash table keyed by {@code n << 7 | c}, key and child side
 * by side in one array, so following an edge costs one multiplication and usually one cache
 * line. The lists are ASCII (checked when
 * loading); a non-ASCII char has no edge. A word in several lists keeps its best (lowest) rank,
 * and on equal ranks the list added first.
 *
 * <p>Filled once through {@link Builder}, then never changed: safe to share between threads
 * once published (as {@link StrengthData} does, through a class initialiser).
 */
final class WordTrie {

  static final int ROOT = 0;
  private static final int ASCII = 128;
  private static final int EMPTY = -1;

  /** Slot {@code s} holds its key at {@code 2s} and the child node at {@code 2s + 1}. */
  private final int[] table;
  private final int mask;
  private final int shift;
  private final int[] rank;
  private final byte[] list;

  private WordTrie(int[] keys, int[] children, int bits, int[] rank, byte[] list) {
    this.table = new int[keys.length * 2];
    for (int s = 0; s < keys.length; s++) {
      table[2 * s] = keys[s];
      table[2 * s + 1] = children[s];
    }
    this.mask = keys.length - 1;
    this.shift = 32 - bits;
    this.rank = rank;
    this.list = list;
  }

  /** The child of {@code node} along {@code c}, or -1. */
  int child(int node, char c) {
    if (c >= ASCII) {
      return -1;
    }
    int key = node << 7 | c;
    for (int at = (key * 0x9E3779B9) >>> shift; ; at = (at + 1) & mask) {
      int k = table[2 * at];
      if (k == key) {
        return table[2 * at + 1];
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  /** The rank (1 = most frequent) of the word ending at {@code node}, or 0 if none does. */
  int rank(int node) {
    return rank[node];
  }

  /** The list the rank of {@code node} comes from. */
  int list(int node) {
    return list[node];
  }

  int size() {
    return rank.length;
  }

  /** Collects words, then {@link #build()}s the tree. Not thread-safe; used once. */
  static final class Builder {
    private int bits = 16;
    private int[] keys = newTable(1 << bits);
    private int[] children = new int[1 << bits];
    private int edges;
    private int nodes = 1;
    private int[] rank = new int[1 << 16];
    private byte[] list = new byte[1 << 16];

    private static int[] newTable(int size) {
      int[] table = new int[size];
      Arrays.fill(table, EMPTY);
      return table;
    }

    /**
     * Adds {@code bytes[from, to)}, an ASCII word, with its rank in its list.
     *
     * @throws IllegalArgumentException if a byte is not ASCII or the word is empty
     */
    void add(byte[] bytes, int from, int to, int wordRank, int wordList) {
      if (from >= to) {
        throw new IllegalArgumentException("empty word");
      }
      int node = ROOT;
      for (int p = from; p < to; p++) {
        int c = bytes[p];
        if (c < 0) {
          throw new IllegalArgumentException("word list entry is not ASCII");
        }
        node = childOrAdd(node, c);
      }
      if (rank[node] == 0 || wordRank < rank[node]) {
        rank[node] = wordRank;
        list[node] = (byte) wordList;
      }
    }

    private int childOrAdd(int node, int c) {
      int key = node << 7 | c;
      int mask = keys.length - 1;
      int at = (key * 0x9E3779B9) >>> (32 - bits);
      while (keys[at] != EMPTY) {
        if (keys[at] == key) {
          return children[at];
        }
        at = (at + 1) & mask;
      }
      if (nodes == 1 << 24) {
        throw new IllegalStateException("too many words for the word table");
      }
      int child = nodes++;
      if (child == rank.length) {
        rank = Arrays.copyOf(rank, child * 2);
        list = Arrays.copyOf(list, child * 2);
      }
      keys[at] = key;
      children[at] = child;
      if (++edges * 2 > keys.length) {
        grow();
      }
      return child;
    }

    /** Doubles the table, keeping it at most half full so probes stay short. */
    private void grow() {
      int[] oldKeys = keys;
      int[] oldChildren = children;
      bits++;
      keys = newTable(1 << bits);
      children = new int[1 << bits];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        int key = oldKeys[i];
        if (key != EMPTY) {
          int at = (key * 0x9E3779B9) >>> (32 - bits);
          while (keys[at] != EMPTY) {
            at = (at + 1) & mask;
          }
          keys[at] = key;
          children[at] = oldChildren[i];
        }
      }
    }

    WordTrie build() {
      return new WordTrie(keys, children, bits, Arrays.copyOf(rank, nodes),
          Arrays.copyOf(list, nodes));
    }
  }
}
