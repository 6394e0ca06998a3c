package dev.latchkey.model;

import dev.latchkey.internal.Checks;

/** A guardian's id: the SIS's id for the person (one person is one guardian, matched on this id only). */
public record GuardianId(String value) {
  public GuardianId {
    Checks.id(value, "guardian id");
  }

  public static GuardianId of(String value) {
    return new GuardianId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
