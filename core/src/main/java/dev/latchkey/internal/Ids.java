package dev.latchkey.internal;

import dev.latchkey.model.AccountId;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids. Account ids are random so that they reveal neither order nor count. */
public final class Ids {
  private Ids() {}

  public static AccountId newAccountId(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return AccountId.of("a-" + HexFormat.of().formatHex(bytes));
  }

  public static String randomText(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
