package dev.latchkey.roster;

import dev.latchkey.model.Relationship;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A district's rules for who may see whom (FERPA and the SIS's own practice). A link grants
 * portal access only when the SIS sets {@code portalAccess} and its relationship is one this
 * policy allows; dated restrictions override every grant. When a student reaches the age of
 * majority the rights pass to the student, and the guardians' links follow {@link #adultOutcome}.
 *
 * @param relationships the relationships that may be granted access (default: parent, guardian;
 *     relatives and emergency contacts are denied)
 * @param ageOfMajority the age at which rights pass to the student (18)
 * @param adultOutcome what happens to guardians' access then
 */
public record AccessPolicy(Set<Relationship> relationships, int ageOfMajority,
    AdultOutcome adultOutcome) {

  /** What guardians see of a student who has come of age. */
  public enum AdultOutcome {
    /** Hidden until the student consents to each guardian (the default). */
    SUSPEND_UNTIL_CONSENT,
    /** Nothing changes (a district whose SIS handles consent itself). */
    KEEP,
    /** Guardians lose access; consent does not bring it back. */
    END
  }

  public AccessPolicy {
    relationships = Set.copyOf(Objects.requireNonNull(relationships, "relationships"));
    if (ageOfMajority < 1 || ageOfMajority > 30) {
      throw new IllegalArgumentException("ageOfMajority must be between 1 and 30");
    }
    Objects.requireNonNull(adultOutcome, "adultOutcome");
  }

  /** Parents and guardians; suspended at 18 until the student consents. */
  public static AccessPolicy defaults() {
    return new AccessPolicy(EnumSet.of(Relationship.PARENT, Relationship.GUARDIAN), 18,
        AdultOutcome.SUSPEND_UNTIL_CONSENT);
  }

  /** This policy allowing {@code allowed} relationships. */
  public AccessPolicy withRelationships(Set<Relationship> allowed) {
    return new AccessPolicy(allowed, ageOfMajority, adultOutcome);
  }

  /** This policy with another outcome at the age of majority. */
  public AccessPolicy withAdultOutcome(AdultOutcome outcome) {
    return new AccessPolicy(relationships, ageOfMajority, outcome);
  }
}
