package dev.latchkey.helpdesk;

import dev.latchkey.internal.Checks;

/**
 * A helpdesk agent, as the host authenticated them. Latchkey does not authenticate agents; it
 * records every action under this name (S27).
 *
 * @param name the agent's name or id in the host's directory
 */
public record Agent(String name) {
  public Agent {
    name = Checks.text(name, "agent name", 200);
  }

  public static Agent of(String name) {
    return new Agent(name);
  }
}
