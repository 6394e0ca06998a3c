package dev.latchkey.oneroster;

import java.util.List;

/** The spec columns of the files the reader reads, in the order the spec requires. */
final class Headers {
  static final List<String> MANIFEST = List.of("propertyName", "value");

  static final List<String> USERS_1_1 = List.of("sourcedId", "status", "dateLastModified",
      "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName",
      "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
      "password");

  static final List<String> USERS_1_2 = List.of("sourcedId", "status", "dateLastModified",
      "enabledUser", "username", "userIds", "givenName", "familyName", "middleName",
      "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
      "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName",
      "preferredFamilyName", "primaryOrgSourcedId", "pronouns");

  static final List<String> ROLES = List.of("sourcedId", "status", "dateLastModified",
      "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
      "userProfileSourcedId");

  static final List<String> ORGS = List.of("sourcedId", "status", "dateLastModified", "name",
      "type", "identifier", "parentSourcedId");

  static final List<String> DEMOGRAPHICS = List.of("sourcedId", "status", "dateLastModified",
      "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
      "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
      "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation",
      "cityOfBirth", "publicSchoolResidenceStatus");

  private Headers() {
  }
}
