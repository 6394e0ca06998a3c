package dev.latchkey.model;

import dev.latchkey.internal.Checks;

/** A school's id: the SIS's id for the school (a OneRoster org of type school). */
public record SchoolId(String value) {
  public SchoolId {
    Checks.id(value, "school id");
  }

  public static SchoolId of(String value) {
    return new SchoolId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
