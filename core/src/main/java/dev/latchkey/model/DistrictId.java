package dev.latchkey.model;

import dev.latchkey.internal.Checks;

/** A district's id: a short slug chosen by the host, such as {@code naperville-203}. */
public record DistrictId(String value) {
  public DistrictId {
    Checks.id(value, "district id");
  }

  public static DistrictId of(String value) {
    return new DistrictId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
