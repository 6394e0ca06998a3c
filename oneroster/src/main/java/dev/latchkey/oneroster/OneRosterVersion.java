package dev.latchkey.oneroster;

/** The OneRoster versions the reader understands, as {@code oneroster.version} spells them. */
public enum OneRosterVersion {
  /** 1.1: {@code users.csv} carries {@code orgSourcedIds} and {@code role}. */
  V1_1("1.1"),
  /** 1.2: roles and their orgs come from {@code roles.csv}. */
  V1_2("1.2");

  private final String label;

  OneRosterVersion(String label) {
    this.label = label;
  }

  /** The version as the manifest writes it: {@code "1.1"} or {@code "1.2"}. */
  public String label() {
    return label;
  }
}
