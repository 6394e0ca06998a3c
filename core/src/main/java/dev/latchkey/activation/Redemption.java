package dev.latchkey.activation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The "New User?" form: an activation key, a login name, a password and its confirmation, all as
 * typed. Any value is accepted here, nulls included; {@link Activation#redeem} judges them.
 * {@code toString} masks the key and passwords.
 *
 * @param key the activation key as typed
 * @param loginName the login name wanted
 * @param password the password wanted
 * @param confirmation the password typed again
 */
public record Redemption(
    @NotNull @Size(max = 100) String key,
    @NotNull @Size(max = 256) String loginName,
    @NotNull @Size(max = 4096) String password,
    @NotNull @Size(max = 4096) String confirmation) {

  @Override
  public String toString() {
    return "Redemption[key=***, loginName=" + loginName + ", password=***, confirmation=***]";
  }
}
