package dev.latchkey.signin;

import dev.latchkey.model.DistrictId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a person types to sign in. Holds the password as typed, so {@code toString} masks it.
 * Any value is accepted here, nulls included; {@link SignIn#signIn} judges them.
 *
 * @param district the district whose portal this is
 * @param loginName the login name as typed
 * @param password the password as typed
 */
public record Credentials(
    @NotNull DistrictId district,
    @NotNull @Size(max = 256) String loginName,
    @NotNull @Size(max = 4096) String password) {

  @Override
  public String toString() {
    return "Credentials[district=" + district + ", loginName=" + loginName + ", password=***]";
  }
}
