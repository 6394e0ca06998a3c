package dev.latchkey.examples;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingNotifier;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The FAQ's main path in the terminal: the roster, the key email, the "New User?" form, the
 * family member who used the wrong key, the taken login name, sign-in, lockout, the helpdesk
 * unlock and a password change — each step printed with its outcome.
 */
public final class Walkthrough {
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final GuardianId MARIA = GuardianId.of("g-1001");
  private static final GuardianId JOSE = GuardianId.of("g-1002");
  private static final EmailAddress MARIA_EMAIL = EmailAddress.of("maria.lopez@example.org");
  private static final EmailAddress JOSE_EMAIL = EmailAddress.of("jose.lopez@example.org");
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final RequestContext PHONE = RequestContext.of("203.0.113.5", "Mobile");

  private final PrintStream out;
  private final CapturingNotifier mail = new CapturingNotifier();
  private final Latchkey latchkey;
  private int step;

  Walkthrough(PrintStream out) {
    this.out = out;
    this.latchkey = Latchkey.builder()
        .store(InMemoryStore.create())
        .notifier(mail)
        .secrets(ServerSecrets.ephemeral(new SecureRandom()))
        .deliverSynchronously()   // the walkthrough reads each mail as soon as it is sent
        .build();
  }

  public static void main(String[] args) {
    new Walkthrough(System.out).run();
  }

  void run() {
    say("The district loads its roster: two parents, three children");
    roster();
    out.println("   Sofia (7th), Mateo (5th) and Lucia (10th); each parent will see all three");

    say("\"How do I get a login?\" The helpdesk issues Maria's activation key");
    latchkey.activation().issue(MARIA, RequestContext.system());
    Notification keyMail = mail.last(MARIA_EMAIL, NotificationType.ACTIVATION_KEY).orElseThrow();
    out.println("   email to " + keyMail.recipient() + ": key for "
        + keyMail.field(Notification.NAME).orElseThrow() + ", opens "
        + keyMail.field(Notification.STUDENTS).orElseThrow());

    say("\"I lost my key email\": Maria asks for a new one on the portal");
    String firstKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    out.println("   answer: " + latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), PHONE)
        + " (the same answer for an address that is not on file)");
    String key = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    out.println("   the old key now: " + redeem(firstKey, "maria.lopez").code());

    say("A typo in the key is caught before any lookup");
    out.println("   outcome: " + redeem(typo(key), "maria.lopez").code());

    say("\"New User?\" Jose types Maria's key by mistake and creates a login");
    RedeemResult josesMistake = redeem(key, "jose.lopez");
    out.println("   outcome: " + josesMistake.code());

    say("\"It says my key has already been used\": Maria tries her key");
    out.println("   outcome: " + redeem(key, "maria.lopez").code());

    say("The helpdesk resets Maria's activation: Jose's login is disabled, Maria gets a new key");
    out.println("   outcome: " + latchkey.activation().resetActivation(MARIA, RequestContext.system())
        .code());
    String newKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    out.println("   Jose's sign-in now: " + signIn("jose.lopez", PASSWORD).code());

    say("\"That login name has already been used\": Maria asks for jose.lopez");
    RedeemResult taken = redeem(newKey, "jose.lopez");
    out.println("   outcome: " + taken.code() + ", free suggestions: "
        + ((RedeemResult.Rejected) taken).suggestions());

    say("Maria creates her login with her own key");
    RedeemResult created = redeem(newKey, "maria.lopez");
    AccountId account = ((RedeemResult.Redeemed) created).account().id();
    out.println("   outcome: " + created.code() + ", sees: " + ((RedeemResult.Redeemed) created)
        .students().stream().map(Student::displayName).collect(Collectors.joining(", ")));

    say("Jose, with his own key, gets his own login");
    out.println("   outcome: " + latchkey.activation().issue(JOSE, RequestContext.system()).code()
        + " then " + redeem(mail.lastKeyFor(JOSE_EMAIL).orElseThrow(), "jlopez").code());

    say("Maria signs in");
    out.println("   outcome: " + signIn("maria.lopez", PASSWORD).code());

    say("Someone guesses Maria's password five times");
    for (int i = 1; i <= 5; i++) {
      out.println("   attempt " + i + ": " + signIn("maria.lopez", "guess number " + i).code());
    }
    Notification locked = mail.last(MARIA_EMAIL, NotificationType.ACCOUNT_LOCKED).orElseThrow();
    out.println("   email to " + locked.recipient() + ": account locked; call "
        + locked.field(Notification.HELPDESK_PHONE).orElseThrow());
    out.println("   even the right password now: " + signIn("maria.lopez", PASSWORD).code());

    say("\"My account is disabled\": the helpdesk unlocks it");
    out.println("   unlocked: " + latchkey.accounts().unlock(account, RequestContext.system()));
    out.println("   sign-in: " + signIn("maria.lopez", PASSWORD).code());

    say("Maria updates her password");
    String next = "violet harbor drums at midnight";
    PasswordChangeResult change = latchkey.accounts().changePassword(account, PASSWORD, next,
        next, PHONE);
    out.println("   outcome: " + change.code() + "; old password: "
        + signIn("maria.lopez", PASSWORD).code() + "; new password: "
        + signIn("maria.lopez", next).code());
    out.println("   email to " + MARIA_EMAIL + ": "
        + mail.last(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED).map(n -> "password changed")
            .orElse("none"));
  }

  private void roster() {
    latchkey.roster().putDistrict(new District(DISTRICT,
        "Naperville Community Unit School District 203", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("parentsupport@example.org"), "630.420.6825"));
    latchkey.roster().putGuardian(Guardian.of(MARIA, DISTRICT, "Maria", "Lopez", MARIA_EMAIL));
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", JOSE_EMAIL));
    student("s-1", "100201", "Sofia", Grade.G7, "Kennedy Junior High");
    student("s-2", "100202", "Mateo", Grade.G5, "Maplebrook Elementary");
    student("s-3", "100203", "Lucia", Grade.G10, "Naperville Central High");
    for (GuardianId parent : new GuardianId[] {MARIA, JOSE}) {
      for (String child : new String[] {"s-1", "s-2", "s-3"}) {
        latchkey.roster().link(new GuardianLink(parent, StudentId.of(child),
            Relationship.PARENT, true));
      }
    }
  }

  private void student(String id, String number, String name, Grade grade, String school) {
    latchkey.roster().putStudent(new Student(StudentId.of(id), DISTRICT, number, name, "Lopez",
        Optional.of(LocalDate.of(2012, 5, 14)), grade, school, EnrollmentStatus.ENROLLED));
  }

  private RedeemResult redeem(String key, String loginName) {
    return latchkey.activation().redeem(new Redemption(key, loginName, PASSWORD, PASSWORD),
        PHONE);
  }

  private SignInResult signIn(String loginName, String password) {
    return latchkey.signIn().signIn(new Credentials(DISTRICT, loginName, password), PHONE);
  }

  /** The key with its first character changed, as a thumb might. */
  private static String typo(String key) {
    char first = key.charAt(0);
    return (first == 'X' ? 'Y' : 'X') + key.substring(1);
  }

  private void say(String what) {
    out.println();
    out.println(++step + ". " + what);
  }
}
