package dev.latchkey.internal;

import dev.latchkey.model.District;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Student;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.spi.LatchkeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's owner and the address of record its notices go to. Student accounts have no
 * address of their own in this release: their notices go to nobody.
 *
 * @param district the account's district
 * @param guardian the owning guardian, for a guardian account
 */
record Owners(District district, Optional<Guardian> guardian) {
  private static final List<String> BIRTH_DATE_FORMATS =
      List.of("yyyyMMdd", "MMddyyyy", "ddMMyyyy", "MMddyy", "ddMMyy", "yyyy", "Mdyyyy");

  static Optional<Owners> of(LatchkeyStore store, PortalAccount account) {
    Optional<District> district = store.district(account.district());
    if (district.isEmpty()) {
      return Optional.empty();
    }
    Optional<Guardian> guardian = account.guardian() == null
        ? Optional.empty() : store.guardian(account.guardian());
    return Optional.of(new Owners(district.get(), guardian));
  }

  Optional<EmailAddress> address() {
    return guardian.flatMap(Guardian::email);
  }

  /** Words a password must not be built from: the household's own context (S3). */
  static PasswordContext passwordContext(District district, Optional<Guardian> guardian,
      String loginName, List<Student> students, List<String> districtWords) {
    List<String> words = new ArrayList<>(districtWords);
    words.add(loginName);
    words.add(district.name());
    guardian.ifPresent(g -> {
      words.add(g.givenName());
      words.add(g.familyName());
      g.email().ifPresent(e -> words.add(e.value().substring(0, e.value().indexOf('@'))));
    });
    for (Student s : students) {
      words.add(s.givenName());
      words.add(s.familyName());
      words.add(s.school());
      s.dateOfBirth().ifPresent(born -> {
        // A child's birthday, however it is written into a password (digits only: the policy
        // ignores separators once they are stripped, and years alone are words of four).
        for (String pattern : BIRTH_DATE_FORMATS) {
          words.add(born.format(java.time.format.DateTimeFormatter.ofPattern(pattern)));
        }
      });
    }
    return new PasswordContext(words);
  }
}
