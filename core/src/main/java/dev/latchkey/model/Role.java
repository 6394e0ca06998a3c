package dev.latchkey.model;

/** Who a portal account belongs to. */
public enum Role {
  GUARDIAN,
  STUDENT
}
