package dev.latchkey.model;

import dev.latchkey.internal.Checks;

/** A portal account's id, assigned by Latchkey when the account is created. */
public record AccountId(String value) {
  public AccountId {
    Checks.id(value, "account id");
  }

  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
