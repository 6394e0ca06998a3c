package dev.latchkey.oneroster;

import dev.latchkey.model.DistrictId;
import dev.latchkey.oneroster.CsvTable.Row;
import dev.latchkey.oneroster.OneRosterFormatException.Code;
import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RecordError.Problem;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterBatch.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One read of one bundle: the manifest, then orgs, roles, users and demographics. */
final class BundleReader {
  private static final String MANIFEST = "manifest.csv";
  private static final List<String> CONTACT_ROLES = List.of("parent", "guardian", "relative");
  private static final String STUDENT = "student";

  private final Bundle bundle;
  private final RosterBatch.Builder batch;
  private final List<RecordError> errors = new ArrayList<>();
  private final Map<String, FileMode> modes = new TreeMap<>();
  private @Nullable OneRosterVersion version;

  /** School org ids of this bundle, for a 1.1 student's {@code orgSourcedIds}. */
  private final Set<String> schoolIds = new HashSet<>();

  /** 1.2 roles by user id. */
  private final Map<String, List<RoleRow>> roles = new HashMap<>();

  BundleReader(DistrictId district, Bundle bundle) {
    this.bundle = bundle;
    this.batch = RosterBatch.builder(district);
  }

  OneRosterImport read() throws IOException {
    if (bundle.files().contains(MANIFEST)) {
      readManifest();
    } else {
      for (String file : bundle.files()) {
        modes.put(file.substring(0, file.length() - ".csv".length()), FileMode.BULK);
      }
    }
    OneRosterVersion v = version != null ? version : inferVersion();
    version = v;
    checkFiles(v);
    if (mode("orgs") != FileMode.ABSENT) {
      readOrgs();
    }
    if (mode("users") != FileMode.ABSENT) {
      if (v == OneRosterVersion.V1_2) {
        readRoles();
      }
      readUsers(v);
    }
    // A bulk file deletes what it omits, but not when this reader refused some of its rows: a
    // refused row names someone who is still there, so nothing is deleted until a clean file.
    if (mode("orgs") == FileMode.BULK && refusedNone("orgs.csv")) {
      batch.bulk(Kind.SCHOOL);
    }
    if (mode("users") == FileMode.BULK && refusedNone("users.csv")
        && refusedNone("roles.csv") && refusedNone("demographics.csv")) {
      batch.bulk(Kind.GUARDIAN, Kind.STUDENT, Kind.LINK);
    }
    return new OneRosterImport(batch.build(), v, modes, errors);
  }

  private boolean refusedNone(String file) {
    return errors.stream().noneMatch(e -> e.source().startsWith(file + ":"));
  }

  private FileMode mode(String file) {
    return modes.getOrDefault(file, FileMode.ABSENT);
  }

  // ---- manifest and version ----

  private void readManifest() throws IOException {
    CsvTable table = table(MANIFEST, List.of(Headers.MANIFEST), "the manifest header");
    Set<String> seen = new HashSet<>();
    for (Row row : table.rows()) {
      String name = row.get("propertyName");
      String value = row.get("value");
      if (name == null || !seen.add(name)) {
        throw manifestError(row, name == null ? "a propertyName is blank"
            : "a propertyName is repeated");
      }
      if (name.equals("oneroster.version")) {
        version = parseVersion(row, value);
      } else if (name.startsWith("file.")) {
        modes.put(name.substring("file.".length()), parseMode(row, value));
      }
    }
    if (version == null) {
      throw new OneRosterFormatException(Code.BAD_MANIFEST, MANIFEST, 0,
          "oneroster.version is missing");
    }
  }

  private static OneRosterVersion parseVersion(Row row, @Nullable String value) {
    for (OneRosterVersion v : OneRosterVersion.values()) {
      if (v.label().equals(value)) {
        return v;
      }
    }
    throw new OneRosterFormatException(Code.UNSUPPORTED_VERSION, MANIFEST, line(row),
        "oneroster.version must be 1.1 or 1.2");
  }

  private static FileMode parseMode(Row row, @Nullable String value) {
    if ("absent".equals(value)) {
      return FileMode.ABSENT;
    } else if ("bulk".equals(value)) {
      return FileMode.BULK;
    } else if ("delta".equals(value)) {
      return FileMode.DELTA;
    }
    throw manifestError(row, "a file mode must be absent, bulk or delta");
  }

  private static OneRosterFormatException manifestError(Row row, String detail) {
    return new OneRosterFormatException(Code.BAD_MANIFEST, MANIFEST, line(row), detail);
  }

  private static long line(Row row) {
    return row.line();
  }

  /** Without a manifest: the version whose users header matches, else by roles.csv. */
  private OneRosterVersion inferVersion() throws IOException {
    if (bundle.files().contains("users.csv")) {
      try (InputStream in = bundle.open("users.csv")) {
        // header only: the full read follows once the version is known
        CsvTable table = CsvTable.read("users.csv", in,
            List.of(Headers.USERS_1_1, Headers.USERS_1_2), "OneRoster 1.1 nor 1.2");
        return table.spec() == 0 ? OneRosterVersion.V1_1 : OneRosterVersion.V1_2;
      }
    }
    return bundle.files().contains("roles.csv") ? OneRosterVersion.V1_2 : OneRosterVersion.V1_1;
  }

  /** The files read must agree with the manifest both ways. */
  private void checkFiles(OneRosterVersion v) {
    List<String> read = v == OneRosterVersion.V1_2
        ? List.of("orgs", "users", "roles", "demographics")
        : List.of("orgs", "users", "demographics");
    for (String file : read) {
      boolean present = bundle.files().contains(file + ".csv");
      FileMode mode = mode(file);
      if (present && mode == FileMode.ABSENT) {
        throw new OneRosterFormatException(Code.MANIFEST_CONFLICT, file + ".csv", 0,
            "the manifest declares the file absent, yet the bundle holds it");
      }
      if (!present && mode != FileMode.ABSENT) {
        throw new OneRosterFormatException(Code.MISSING_FILE, file + ".csv", 0,
            "the manifest declares the file " + mode.name().toLowerCase(java.util.Locale.ROOT)
                + ", yet the bundle lacks it");
      }
    }
    if (v == OneRosterVersion.V1_2 && mode("users") != FileMode.ABSENT
        && mode("roles") == FileMode.ABSENT) {
      throw new OneRosterFormatException(Code.MISSING_FILE, "roles.csv", 0,
          "OneRoster 1.2 users need roles.csv for their roles and orgs");
    }
  }

  private CsvTable table(String file, List<List<String>> specs, String what) throws IOException {
    try (InputStream in = bundle.open(file)) {
      return CsvTable.read(file, in, specs, what);
    }
  }

  // ---- rows ----

  private enum State { ACTIVE, DELETED, REFUSED }

  /** The bulk/delta rule on {@code status} and {@code dateLastModified}. */
  private State state(Row row, FileMode mode, Kind kind) {
    String status = row.get("status");
    String modified = row.get("dateLastModified");
    if (mode == FileMode.BULK) {
      if (status != null) {
        return refuse(row, kind, Problem.INVALID_FIELD, "status");
      }
      if (modified != null) {
        return refuse(row, kind, Problem.INVALID_FIELD, "dateLastModified");
      }
      return State.ACTIVE;
    }
    if (status == null) {
      return refuse(row, kind, Problem.MISSING_FIELD, "status");
    }
    if (!status.equals("active") && !status.equals("tobedeleted")) {
      return refuse(row, kind, Problem.INVALID_FIELD, "status");
    }
    if (modified == null) {
      return refuse(row, kind, Problem.MISSING_FIELD, "dateLastModified");
    }
    if (!isDateTime(modified)) {
      return refuse(row, kind, Problem.INVALID_FIELD, "dateLastModified");
    }
    return status.equals("active") ? State.ACTIVE : State.DELETED;
  }

  private static boolean isDateTime(String value) {
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(value);
        return true;
      } catch (DateTimeParseException again) {
        return false;
      }
    }
  }

  private State refuse(Row row, Kind kind, Problem problem, String field) {
    errors.add(new RecordError(row.source(), kind, Objects.requireNonNullElse(
        row.get("sourcedId"), ""), problem, field));
    return State.REFUSED;
  }

  private void readOrgs() throws IOException {
    FileMode mode = mode("orgs");
    for (Row row : table("orgs.csv", List.of(Headers.ORGS), "").rows()) {
      if (!"school".equals(row.get("type"))) {
        continue;
      }
      State state = state(row, mode, Kind.SCHOOL);
      String id = row.get("sourcedId");
      if (state == State.ACTIVE) {
        if (id != null) {
          schoolIds.add(id);
        }
        batch.school(new RosterBatch.SchoolRow(row.source(), id, row.get("name"),
            row.get("metadata.contactEmail")));
      } else if (state == State.DELETED) {
        batch.delete(new RosterBatch.Deletion(row.source(), Kind.SCHOOL, id, null));
      }
    }
  }

  /** A 1.2 roles.csv row kept for classification. */
  private record RoleRow(String role, boolean primary, @Nullable String org, boolean deleted) {
  }

  private void readRoles() throws IOException {
    FileMode mode = mode("roles");
    for (Row row : table("roles.csv", List.of(Headers.ROLES), "").rows()) {
      String role = row.get("role");
      String user = row.get("userSourcedId");
      Kind kind = STUDENT.equals(role) ? Kind.STUDENT
          : isContact(role) ? Kind.GUARDIAN : null;
      if (kind == null || user == null || role == null) {
        continue;
      }
      State state = state(row, mode, kind);
      if (state != State.REFUSED) {
        roles.computeIfAbsent(user, u -> new ArrayList<>()).add(new RoleRow(role,
            "primary".equals(row.get("roleType")), row.get("orgSourcedId"),
            state == State.DELETED));
      }
    }
  }

  /** Who a user is to Latchkey: a student, a contact with its role, or nobody (null). */
  private record Person(Kind kind, String role, @Nullable String school) {
  }

  private @Nullable Person person(OneRosterVersion v, Row row, boolean deleted) {
    if (v == OneRosterVersion.V1_1) {
      String role = row.get("role");
      if (STUDENT.equals(role)) {
        return new Person(Kind.STUDENT, STUDENT, school11(row.list("orgSourcedIds")));
      }
      return isContact(role) ? new Person(Kind.GUARDIAN, role, null) : null;
    }
    String id = row.get("sourcedId");
    List<RoleRow> all = id == null ? List.of() : roles.getOrDefault(id, List.of());
    List<RoleRow> live = all.stream().filter(r -> !r.deleted()).toList();
    List<RoleRow> held = live.isEmpty() && deleted ? all : live;
    List<RoleRow> asStudent = held.stream().filter(r -> r.role().equals(STUDENT)).toList();
    if (!asStudent.isEmpty()) {
      String school = asStudent.stream().filter(RoleRow::primary).findFirst()
          .orElse(asStudent.get(0)).org();
      return new Person(Kind.STUDENT, STUDENT,
          school != null ? school : row.get("primaryOrgSourcedId"));
    }
    for (String contact : CONTACT_ROLES) {
      if (held.stream().anyMatch(r -> r.role().equals(contact))) {
        return new Person(Kind.GUARDIAN, contact, null);
      }
    }
    return null;
  }

  /** A 1.1 student's school: the first of its orgs that is a school in this bundle, else the first. */
  private @Nullable String school11(List<String> orgs) {
    return orgs.stream().filter(schoolIds::contains).findFirst()
        .orElse(orgs.isEmpty() ? null : orgs.get(0));
  }

  private void readUsers(OneRosterVersion v) throws IOException {
    FileMode mode = mode("users");
    CsvTable users = table("users.csv",
        List.of(v == OneRosterVersion.V1_1 ? Headers.USERS_1_1 : Headers.USERS_1_2),
        "OneRoster " + v.label());
    Map<String, String> birthDates = mode("demographics") == FileMode.ABSENT ? Map.of()
        : readDemographics(users, v);

    Map<String, Person> people = new HashMap<>();
    List<Row> linking = new ArrayList<>();
    for (Row row : users.rows()) {
      boolean deleted = "tobedeleted".equals(row.get("status"));
      Person person = person(v, row, deleted);
      if (person == null) {
        continue; // a teacher, aide or administrator: not Latchkey's, nor are its agent pairs
      }
      State state = state(row, mode, person.kind());
      String id = row.get("sourcedId");
      if (state == State.DELETED) {
        batch.delete(new RosterBatch.Deletion(row.source(), person.kind(), id, null));
        continue;
      }
      if (id != null) {
        people.put(id, person);
      }
      if (state == State.REFUSED) {
        continue;
      }
      Boolean enabled = enabledUser(row, person.kind());
      if (enabled == null) {
        continue;
      }
      linking.add(row);
      if (person.kind() == Kind.STUDENT) {
        List<String> grades = row.list("grades");
        batch.student(new RosterBatch.StudentRow(row.source(), id,
            or(row.get("identifier"), id),
            row.get("givenName"), row.get("familyName"),
            id == null ? null : birthDates.get(id),
            grades.isEmpty() ? null : grades.get(0), person.school(), true, enabled));
      } else {
        batch.guardian(new RosterBatch.GuardianRow(row.source(), id, row.get("givenName"),
            row.get("familyName"), row.get("email"),
            or(row.get("phone"), row.get("sms")), null, null,
            enabled));
      }
    }
    links(linking, people);
  }

  private static boolean isContact(@Nullable String role) {
    return role != null && CONTACT_ROLES.contains(role); // List.of rejects contains(null)
  }

  private static @Nullable String or(@Nullable String value, @Nullable String fallback) {
    return value != null ? value : fallback;
  }

  private @Nullable Boolean enabledUser(Row row, Kind kind) {
    String value = row.get("enabledUser");
    if ("true".equals(value)) {
      return Boolean.TRUE;
    }
    if ("false".equals(value)) {
      return Boolean.FALSE;
    }
    refuse(row, kind, value == null ? Problem.MISSING_FIELD : Problem.INVALID_FIELD,
        "enabledUser");
    return null;
  }

  /**
   * agentSourcedIds is undirected: every pair named from either side, kept when one is a
   * student and the other a contact, once.
   */
  private void links(List<Row> rows, Map<String, Person> people) {
    Map<List<String>, RosterBatch.LinkRow> links = new LinkedHashMap<>();
    for (Row row : rows) {
      String self = row.get("sourcedId");
      if (self == null) {
        continue;
      }
      for (String agent : row.list("agentSourcedIds")) {
        Person a = people.get(self);
        Person b = people.get(agent);
        if (a == null || b == null || a.kind() == b.kind()) {
          continue;
        }
        boolean selfIsStudent = a.kind() == Kind.STUDENT;
        String guardian = selfIsStudent ? agent : self;
        String student = selfIsStudent ? self : agent;
        String role = (selfIsStudent ? b : a).role();
        links.putIfAbsent(List.of(guardian, student),
            new RosterBatch.LinkRow(row.source(), guardian, student, role, true));
      }
    }
    links.values().forEach(batch::link);
  }

  /** Birth dates of this bundle's students by id; other rows are ignored. */
  private Map<String, String> readDemographics(CsvTable users, OneRosterVersion v)
      throws IOException {
    Set<String> students = new HashSet<>();
    for (Row row : users.rows()) {
      String id = row.get("sourcedId");
      Person person = person(v, row, false);
      if (id != null && person != null && person.kind() == Kind.STUDENT) {
        students.add(id);
      }
    }
    FileMode mode = mode("demographics");
    Map<String, String> birthDates = new HashMap<>();
    for (Row row : table("demographics.csv", List.of(Headers.DEMOGRAPHICS), "").rows()) {
      String id = row.get("sourcedId");
      if (id == null || !students.contains(id)) {
        continue;
      }
      String birthDate = row.get("birthDate");
      if (state(row, mode, Kind.STUDENT) == State.ACTIVE && birthDate != null) {
        birthDates.put(id, birthDate);
      }
    }
    return birthDates;
  }
}
