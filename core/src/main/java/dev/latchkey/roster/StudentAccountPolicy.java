package dev.latchkey.roster;

import dev.latchkey.model.Grade;
import dev.latchkey.model.Student;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which students get their own login, and what it is called. A student account is created when
 * an eligible student is enrolled or promoted into an eligible grade, suspended when the student
 * withdraws or leaves the eligible grades, and brought back when they return. Students never
 * use activation keys: the initial password goes to the school's office (STUDENT_CREDENTIALS)
 * and must be changed at the first sign-in.
 *
 * <p>The login pattern takes {@code {studentNumber}}, {@code {givenName}}, {@code {familyName}}
 * and {@code {sisId}}; names are lower-cased and stripped to login-name characters. When the
 * name is taken, {@code -2}, {@code -3}, ... is appended.
 */
public final class StudentAccountPolicy {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(studentNumber|givenName|familyName|sisId)}");
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  private final Set<Grade> grades;
  private final String loginPattern;

  private StudentAccountPolicy(Set<Grade> grades, String loginPattern) {
    this.grades = Set.copyOf(grades);
    this.loginPattern = loginPattern;
  }

  /** The FAQ's rule: grades 6 to 12 get accounts, PK to 5 never; login name = student number. */
  public static StudentAccountPolicy defaults() {
    return new StudentAccountPolicy(EnumSet.range(Grade.G6, Grade.G12), "{studentNumber}");
  }

  /** No student accounts at all (a guardian-only portal). */
  public static StudentAccountPolicy none() {
    return new StudentAccountPolicy(EnumSet.noneOf(Grade.class), "{studentNumber}");
  }

  /** This policy for grades {@code from} to {@code to} inclusive (neither may be ungraded). */
  public StudentAccountPolicy withGrades(Grade from, Grade to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from == Grade.UG || to == Grade.UG || from.level() > to.level()) {
      throw new IllegalArgumentException("grades must be a range from a lower grade to a higher one");
    }
    return new StudentAccountPolicy(EnumSet.range(from, to), loginPattern);
  }

  /** This policy with another login pattern, e.g. {@code "{givenName}.{familyName}"}. */
  public StudentAccountPolicy withLoginPattern(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    String unknown = PLACEHOLDER.matcher(pattern).replaceAll("");
    if (ANY_PLACEHOLDER.matcher(unknown).find() || !PLACEHOLDER.matcher(pattern).find()) {
      throw new IllegalArgumentException(
          "pattern must use {studentNumber}, {givenName}, {familyName} or {sisId} and nothing else in braces");
    }
    return new StudentAccountPolicy(grades, pattern);
  }

  /** True when a student in {@code grade} gets an account. */
  public boolean eligible(Grade grade) {
    return grades.contains(grade);
  }

  /** The grades that get accounts. */
  public Set<Grade> grades() {
    return grades;
  }

  /** The login name the pattern gives this student (before any de-duplicating suffix). */
  public String loginNameFor(Student student) {
    Matcher m = PLACEHOLDER.matcher(loginPattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "studentNumber" -> student.studentNumber();
        case "givenName" -> student.givenName();
        case "familyName" -> student.familyName();
        default -> student.id().value();
      };
      m.appendReplacement(out, Matcher.quoteReplacement(clean(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String clean(String value) {
    StringBuilder b = new StringBuilder();
    value.toLowerCase(Locale.ROOT).codePoints()
        .filter(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  @Override
  public String toString() {
    return "StudentAccountPolicy[grades=" + grades + ", loginPattern=" + loginPattern + "]";
  }
}
