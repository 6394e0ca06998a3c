package dev.latchkey.model;

import dev.latchkey.internal.Checks;

/** A student's id: the SIS's id for the student. */
public record StudentId(String value) {
  public StudentId {
    Checks.id(value, "student id");
  }

  public static StudentId of(String value) {
    return new StudentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
