package dev.latchkey.model;

/** Whether a student is currently enrolled in the district. */
public enum EnrollmentStatus {
  ENROLLED,
  WITHDRAWN
}
