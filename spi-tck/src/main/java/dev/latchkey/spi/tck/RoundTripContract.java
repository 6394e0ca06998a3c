package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.LatchkeyStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How many store calls an operation makes: each is one transaction on a database, so this is
 * the round trips a request pays for before its answer. The relay's own calls (claiming and
 * settling queued mail) are not the operation's and are not counted.
 */
public abstract class RoundTripContract extends ContractSupport {
  private static final Set<String> RELAY = Set.of("claimDue", "claim", "delivered", "failed",
      "pendingCount", "parked", "release");

  private final List<String> calls = new CopyOnWriteArrayList<>();

  /** A facade whose store records the name of every call made through it. */
  private Latchkey counted() {
    LatchkeyStore counting = (LatchkeyStore) Proxy.newProxyInstance(
        LatchkeyStore.class.getClassLoader(), new Class<?>[] {LatchkeyStore.class},
        (self, method, args) -> {
          if (!RELAY.contains(method.getName())) {
            calls.add(method.getName());
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return facade(b -> b.store(counting));
  }

  @Test
  @DisplayName("a successful sign-in makes two store calls: the reservation, then the success "
      + "with what the account sees")
  void successfulSignInMakesTwoStoreCalls() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    Latchkey facade = counted();
    calls.clear();

    SignInResult result = facade.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).students()).isNotEmpty();
    assertThat(calls).as("store calls").hasSizeLessThanOrEqualTo(2);
  }

  @Test
  @DisplayName("a redemption makes three store calls: the key's file, the name check, the "
      + "atomic redemption")
  void redemptionMakesThreeStoreCalls() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    Latchkey facade = counted();
    calls.clear();

    RedeemResult result = facade.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);

    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
    assertThat(calls).as("store calls").hasSizeLessThanOrEqualTo(3);
  }
}
