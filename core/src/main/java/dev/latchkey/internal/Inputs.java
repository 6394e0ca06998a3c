package dev.latchkey.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.HashSet;
import java.util.Set;

/**
 * Judges the user-typed command records (credentials, redemptions) against their Jakarta
 * Validation constraints, once, with one shared Hibernate Validator. Callers turn the names of
 * the failing fields into their own outcome codes; no violation message ever reaches a user,
 * since the messages may quote the value.
 */
public final class Inputs {
  // Built once per facade and kept open for the facade's life: validators belong to it.
  private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
  private final Validator validator = factory.getValidator();

  /** The names of the fields that break their constraints; empty when all hold. */
  public Set<String> invalidFields(Object command) {
    Set<ConstraintViolation<Object>> violations = validator.validate(command);
    if (violations.isEmpty()) {
      return Set.of();
    }
    Set<String> fields = new HashSet<>();
    for (ConstraintViolation<Object> violation : violations) {
      fields.add(violation.getPropertyPath().toString());
    }
    return fields;
  }
}
