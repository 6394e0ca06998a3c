package dev.latchkey.examples.portal;

import dev.latchkey.Latchkey;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.roster.RosterResult;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The demo's fictional roster, as a district's SIS sync would load it: the portal's district
 * with four schools and five families, and three more districts for the district search. Every
 * write is an upsert by id, so loading it at every start is idempotent.
 */
public final class DemoDistrict {
  /** The district this portal serves. */
  public static final DistrictId ID = DistrictId.of("lakeview-204");
  /** Ana Rivera: three children, and a nephew she may not see on the portal. */
  public static final GuardianId ANA = GuardianId.of("g-2001");
  public static final EmailAddress ANA_EMAIL = EmailAddress.of("ana.rivera@example.org");
  /** Daniel Rivera: Ana's husband, same three children, his own key. */
  public static final GuardianId DANIEL = GuardianId.of("g-2002");
  public static final EmailAddress DANIEL_EMAIL = EmailAddress.of("daniel.rivera@example.org");

  /** The guardians, in the order the demo offers them a key at start-up. */
  public static final List<GuardianId> GUARDIANS = List.of(ANA, DANIEL, GuardianId.of("g-2003"),
      GuardianId.of("g-2004"), GuardianId.of("g-2005"));

  private static final String PRAIRIE = "Prairie Elementary School";
  private static final String WILLOW = "Willow Creek Elementary School";
  private static final String LINCOLN = "Lincoln Middle School";
  private static final String NORTH = "Lakeview North High School";

  private DemoDistrict() {}

  /** Loads the roster; throws if the library refuses a record (a bug in this file). */
  public static void load(Latchkey latchkey) {
    district(latchkey, new District(ID, "Lakeview Community Unit School District 204", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("parentsupport@lakeview204.example.org"),
        "630.555.0142"));
    district(latchkey, new District(DistrictId.of("lakeview-elem-45"),
        "Lakeview Elementary School District 45", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("help@lakeview45.example.org"), "630.555.0190"));
    district(latchkey, new District(DistrictId.of("riverbend-12"),
        "Riverbend School District 12", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("portal@riverbend12.example.org"), "815.555.0112"));
    district(latchkey, new District(DistrictId.of("lakeview-unified-ca"),
        "Lakeview Unified School District", "CA", ZoneId.of("America/Los_Angeles"),
        EmailAddress.of("parents@lakeviewusd.example.org"), "559.555.0107"));

    guardian(latchkey, ANA, "Ana", "Rivera", ANA_EMAIL, "630-555-0101", "60540");
    guardian(latchkey, DANIEL, "Daniel", "Rivera", DANIEL_EMAIL, "630-555-0102", "60540");
    guardian(latchkey, GuardianId.of("g-2003"), "Grace", "Chen",
        EmailAddress.of("grace.chen@example.org"), "630-555-0103", "60563");
    guardian(latchkey, GuardianId.of("g-2004"), "Samuel", "Okafor",
        EmailAddress.of("samuel.okafor@example.org"), "630-555-0104", "60565");
    guardian(latchkey, GuardianId.of("g-2005"), "Priya", "Natarajan",
        EmailAddress.of("priya.natarajan@example.org"), "630-555-0105", "60564");

    student(latchkey, "s-3001", "204001", "Sofia", "Rivera", "2013-03-14", Grade.G7, LINCOLN);
    student(latchkey, "s-3002", "204002", "Mateo", "Rivera", "2016-09-02", Grade.G3, PRAIRIE);
    student(latchkey, "s-3003", "204003", "Lucia", "Rivera", "2010-01-27", Grade.G10, NORTH);
    student(latchkey, "s-3004", "204004", "Diego", "Morales", "2012-06-11", Grade.G8, LINCOLN);
    student(latchkey, "s-3005", "204005", "Ethan", "Chen", "2009-11-30", Grade.G11, NORTH);
    student(latchkey, "s-3006", "204006", "Lily", "Chen", "2019-04-18", Grade.K, WILLOW);
    student(latchkey, "s-3007", "204007", "Amara", "Okafor", "2014-02-08", Grade.G6, LINCOLN);
    student(latchkey, "s-3008", "204008", "Tobi", "Okafor", "2018-07-21", Grade.G1, WILLOW);
    student(latchkey, "s-3009", "204009", "Zara", "Okafor", "2008-05-05", Grade.G12, NORTH);
    student(latchkey, "s-3010", "204010", "Arjun", "Natarajan", "2011-10-16", Grade.G9, NORTH);
    student(latchkey, "s-3011", "204011", "Meera", "Natarajan", "2015-12-03", Grade.G4, PRAIRIE);

    for (GuardianId parent : List.of(ANA, DANIEL)) {
      link(latchkey, parent, "s-3001", Relationship.PARENT, true);
      link(latchkey, parent, "s-3002", Relationship.PARENT, true);
      link(latchkey, parent, "s-3003", Relationship.PARENT, true);
    }
    // Ana is Diego's guardian of record, but the district has not granted her portal access.
    link(latchkey, ANA, "s-3004", Relationship.GUARDIAN, false);
    link(latchkey, GuardianId.of("g-2003"), "s-3005", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2003"), "s-3006", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2004"), "s-3007", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2004"), "s-3008", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2004"), "s-3009", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2005"), "s-3010", Relationship.PARENT, true);
    link(latchkey, GuardianId.of("g-2005"), "s-3011", Relationship.PARENT, true);
  }

  private static void district(Latchkey latchkey, District district) {
    check(latchkey.roster().putDistrict(district), district.id().toString());
  }

  private static void guardian(Latchkey latchkey, GuardianId id, String given, String family,
      EmailAddress email, String phone, String postalCode) {
    check(latchkey.roster().putGuardian(new Guardian(id, ID, given, family, Optional.of(email),
        Optional.of(phone), Optional.of(postalCode))), id.toString());
  }

  private static void student(Latchkey latchkey, String id, String number, String given,
      String family, String born, Grade grade, String school) {
    check(latchkey.roster().putStudent(new Student(StudentId.of(id), ID, number, given, family,
        Optional.of(LocalDate.parse(born)), grade, school, EnrollmentStatus.ENROLLED)), id);
  }

  private static void link(Latchkey latchkey, GuardianId guardian, String student,
      Relationship relationship, boolean portalAccess) {
    check(latchkey.roster().link(new GuardianLink(guardian, StudentId.of(student), relationship,
        portalAccess)), guardian + "-" + student);
  }

  private static void check(RosterResult result, String what) {
    if (result != RosterResult.APPLIED) {
      throw new IllegalStateException("the demo roster was refused at " + what + ": " + result);
    }
  }
}
