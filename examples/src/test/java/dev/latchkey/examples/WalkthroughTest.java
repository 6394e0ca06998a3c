package dev.latchkey.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The terminal walkthrough shows every FAQ scenario with its expected outcome")
class WalkthroughTest {
  private static String output;

  @BeforeAll
  static void runWalkthrough() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Walkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void keyEmailNamesTheGuardianAndAllHerStudents() {
    assertThat(output).contains("key for Maria Lopez, opens Lucia Lopez, Mateo Lopez, Sofia Lopez");
  }

  @Test
  void lostKeyEmailRevokesTheOldKey() {
    assertThat(output).contains("answer: ACCEPTED").contains("the old key now: KEY_REVOKED");
  }

  @Test
  void typoIsCaught() {
    assertThat(output).containsPattern("typo in the key.*\\n   outcome: INVALID_KEY");
  }

  @Test
  void familyMemberUsingTheWrongKeyLeavesItUsed() {
    assertThat(output).contains("Maria tries her key\n   outcome: KEY_ALREADY_USED");
  }

  @Test
  void resetDisablesTheMisusedLogin() {
    assertThat(output).contains("Jose's sign-in now: INVALID_CREDENTIALS");
  }

  @Test
  void takenLoginNameComesWithSuggestions() {
    assertThat(output).contains("outcome: USERNAME_TAKEN, free suggestions: [jose.lopez2,");
  }

  @Test
  void redemptionCreatesOneLoginForAllStudents() {
    assertThat(output).contains("outcome: REDEEMED, sees: Lucia Lopez, Mateo Lopez, Sofia Lopez");
    assertThat(output).contains("outcome: ISSUED then REDEEMED");
  }

  @Test
  void fiveFailuresLockAndEmailTheOwner() {
    assertThat(output).contains("attempt 5: INVALID_CREDENTIALS")
        .contains("account locked; call 630.420.6825")
        .contains("even the right password now: INVALID_CREDENTIALS");
  }

  @Test
  void helpdeskUnlockRestoresSignIn() {
    assertThat(output).contains("unlocked: true\n   sign-in: SIGNED_IN");
  }

  @Test
  void passwordChangeTakesEffectAndIsAnnounced() {
    assertThat(output)
        .contains("outcome: CHANGED; old password: INVALID_CREDENTIALS; new password: SIGNED_IN")
        .contains(": password changed");
  }
}
