package dev.latchkey.examples;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingNotifier;
import java.security.SecureRandom;
import java.time.ZoneId;

/** The README's quick start, verbatim between the tags; a test keeps the two identical. */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    // tag::quickstart[]
    CapturingNotifier mail = new CapturingNotifier();           // your mail adapter in production
    Latchkey latchkey = Latchkey.builder()
        .store(InMemoryStore.create())
        .notifier(mail)
        .secrets(ServerSecrets.ephemeral(new SecureRandom()))   // load real secrets in production
        .deliverSynchronously()      // mail before each call returns; in production: relayExecutor
        .build();

    DistrictId district = DistrictId.of("naperville-203");
    latchkey.roster().putDistrict(new District(district,
        "Naperville Community Unit School District 203", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("parentsupport@example.org"), "630.420.6825"));
    GuardianId maria = GuardianId.of("g-1001");
    EmailAddress mariaEmail = EmailAddress.of("maria.lopez@example.org");
    latchkey.roster().putGuardian(Guardian.of(maria, district, "Maria", "Lopez", mariaEmail));

    latchkey.activation().issue(maria, RequestContext.system());   // emails Maria her key
    String key = mail.lastKeyFor(mariaEmail).orElseThrow();        // what Maria reads

    RequestContext request = RequestContext.of("203.0.113.5", "Mozilla/5.0");
    String password = "orange kite under seven bridges";
    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(key, "maria.lopez", password, password), request);
    SignInResult signedIn = latchkey.signIn().signIn(
        new Credentials(district, "maria.lopez", password), request);
    System.out.println(redeemed.code() + " then " + signedIn.code()); // REDEEMED then SIGNED_IN
    // end::quickstart[]
  }
}
