package dev.latchkey.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.activation.ActivationKey;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.password.PasswordHash;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * S25 by reflection: no method of {@link Helpdesk} takes or returns a password, hash, key or
 * token.
 *
 * <p>What is checked, for every public method of the interface:
 * <ul>
 *   <li><b>Types.</b> No parameter or return type is, or contains, a secret-bearing type
 *       ({@link PasswordHash}, {@link ActivationKey}, {@link SecretText}, {@link TokenDigest}),
 *       nor a raw secret carrier ({@code char[]}, {@code byte[]}) or an opaque {@link Object}.
 *       "Contains" is followed recursively: generic type arguments ({@code Optional<...>},
 *       {@code List<...>}), array components, record components, the permitted subclasses of
 *       sealed types, and the instance fields of other {@code dev.latchkey} classes. So
 *       {@link PortalAccount} (which holds a hash) or {@link ActivationKeyRecord} (a digest) is
 *       caught wherever it is nested.</li>
 *   <li><b>Names of returned values.</b> Record components are named in the class file, so no
 *       {@code String} (or {@code Optional<String>}, {@code List<String>}) component of any
 *       reached record may be named like a secret (password, hash, key, token, secret, digest,
 *       pin).</li>
 *   <li><b>Names of parameters.</b> The build does not compile with {@code -parameters}, so
 *       parameter names are not in the class file ({@code arg0}, {@code arg1}, ...). Where they
 *       are present (if the build ever adds the flag) they are checked directly. Where they are
 *       not, the check falls back to what the class file does hold: (a) no method name reads or
 *       writes a secret (a verb such as set/get/read/change/verify/with directly followed by
 *       password/hash/key/token/secret/pin), and (b) every {@code String} parameter is
 *       accounted for in {@link #STRING_PARAMETERS}: the method name and the documented
 *       meaning of each of its String parameters, in order. A new method, or a new String
 *       parameter on an existing one, fails this test until someone has looked at it and
 *       listed it here.</li>
 * </ul>
 * The same checker runs over small fixtures in this class that break each rule, so a checker
 * that silently lets everything pass would fail.
 */
class HelpdeskSignatureTest {
  private static final Set<Class<?>> SECRET_TYPES = Set.of(PasswordHash.class,
      ActivationKey.class, SecretText.class, TokenDigest.class, char[].class, byte[].class,
      Object.class);

  private static final Pattern SECRET_WORD = Pattern.compile(
      "password|passwd|pwd|passphrase|hash|hashed|key|keys|token|tokens|secret|digest|pin");

  /** A verb directly followed by a secret noun: a method that reads or writes the secret. */
  private static final Pattern SECRET_METHOD = Pattern.compile(
      "(?i)(set|get|read|show|reveal|display|view|change|update|verify|check|with|enter|"
          + "provide|give|return|fetch|copy|export|reset)(new|current|old|temporary|temp|initial|reset)?"
          + "(password|passwd|pwd|passphrase|hash|key|token|secret|digest|pin)s?.*");

  /**
   * Every String parameter of every Helpdesk method, by what it means. Reviewed by hand
   * against the interface's source; none is a password, hash, key or token.
   */
  private static final Map<String, List<String>> STRING_PARAMETERS = Map.of(
      "find", List.of("query"),
      "file", List.of(),
      "verifyCaller", List.of(),
      "readLoginName", List.of("verificationId", "reason"),
      "sendPasswordReset", List.of("verificationId", "reason"),
      "unlock", List.of("verificationId", "reason"),
      "changeEmail", List.of("verificationId", "newEmail", "reason"),
      "resetActivation", List.of("verificationId", "reason"),
      "issueKey", List.of("reason"));

  // --- the real interface --------------------------------------------------------------------

  @Test
  @DisplayName("S25: no Helpdesk parameter or return type is or contains a password, hash, key or token")
  void noSecretTypes() {
    assertThat(typeViolations(Helpdesk.class)).isEmpty();
  }

  @Test
  @DisplayName("S25: no String component of anything Helpdesk returns or takes is named like a secret")
  void noSecretNamedComponents() {
    assertThat(componentNameViolations(Helpdesk.class)).isEmpty();
  }

  @Test
  @DisplayName("S25: no Helpdesk method is named as reading or writing a secret")
  void noSecretMethodNames() {
    assertThat(methodNameViolations(Helpdesk.class)).isEmpty();
  }

  @Test
  @DisplayName("S25: every String parameter of Helpdesk is accounted for (parameter names are not compiled in)")
  void everyStringParameterIsAccountedFor() {
    List<Method> methods = publicMethods(Helpdesk.class);
    assertThat(methods).extracting(Method::getName)
        .as("Helpdesk methods: list any new one in STRING_PARAMETERS after review")
        .allSatisfy(name -> assertThat(STRING_PARAMETERS).containsKey(name));
    for (Method method : methods) {
      long strings = Arrays.stream(method.getParameterTypes())
          .filter(t -> t == String.class).count();
      assertThat(strings).as("String parameters of %s", method)
          .isEqualTo(STRING_PARAMETERS.get(method.getName()).size());
      assertThat(STRING_PARAMETERS.get(method.getName()))
          .allSatisfy(meaning -> assertThat(isSecretName(meaning)).as(meaning).isFalse());
    }
    assertThat(parameterNameViolations(Helpdesk.class)).isEmpty();
  }

  @Test
  @DisplayName("the checker reaches every type the helpdesk hands out")
  void checkerReachesNestedTypes() {
    Set<Class<?>> reached = reachable(Helpdesk.class);

    assertThat(reached).contains(GuardianFile.class, GuardianFile.AccountFacts.class,
        GuardianFile.KeyHistory.class, dev.latchkey.roster.StudentAccess.class,
        HelpdeskResult.Done.class, HelpdeskResult.Refused.class,
        VerificationResult.Verified.class, CallerAnswers.class, Agent.class,
        dev.latchkey.model.Guardian.class, dev.latchkey.model.Student.class);
  }

  // --- the checker checks (fixtures) ---------------------------------------------------------

  @Test
  @DisplayName("the checker catches a hash nested in a record inside Optional, and a token in a sealed subtype")
  void checkerCatchesNestedSecrets() {
    List<String> violations = typeViolations(LeakyDesk.class);

    assertThat(violations).anySatisfy(v -> assertThat(v).contains("account")
        .contains("PasswordHash"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("digest")
        .contains("TokenDigest"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("setSecret")
        .contains("SecretText"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("records")
        .contains("TokenDigest"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("raw")
        .contains("char[]"));
  }

  @Test
  @DisplayName("the checker catches a String component named like a secret")
  void checkerCatchesSecretNames() {
    assertThat(componentNameViolations(LeakyDesk.class))
        .anySatisfy(v -> assertThat(v).contains("temporaryPassword"))
        .anySatisfy(v -> assertThat(v).contains("resetToken"));
  }

  @Test
  @DisplayName("the checker catches a method named as reading a secret")
  void checkerCatchesSecretMethodNames() {
    assertThat(methodNameViolations(LeakyDesk.class))
        .anySatisfy(v -> assertThat(v).contains("readPassword"))
        .anySatisfy(v -> assertThat(v).contains("getResetTokenFor"));
  }

  @Test
  @DisplayName("the checker leaves a clean fixture alone")
  void checkerPassesACleanFixture() {
    assertThat(typeViolations(CleanDesk.class)).isEmpty();
    assertThat(componentNameViolations(CleanDesk.class)).isEmpty();
    assertThat(methodNameViolations(CleanDesk.class)).isEmpty();
  }

  record Wrapped(Optional<dev.latchkey.model.PortalAccount> account) {
  }

  sealed interface Outcome permits Fine, Leaky {
  }

  record Fine(String loginName) implements Outcome {
  }

  record Leaky(TokenDigest digest) implements Outcome {
  }

  record Told(String temporaryPassword, Optional<String> resetToken, String reason) {
  }

  interface LeakyDesk {
    Optional<Wrapped> wrapped();

    Outcome outcome();

    void setSecret(List<? extends SecretText> secrets);

    Map<String, List<ResetTokenRecord>> records();

    char[] raw();

    Told told();

    String readPassword(String login);

    String getResetTokenFor(String login);
  }

  record Note(String reason, Optional<String> loginName) {
  }

  interface CleanDesk {
    Optional<Note> note(String query);

    List<Note> notes();

    HelpdeskResult issueKey(Agent agent, String reason);

    HelpdeskResult sendPasswordReset(Agent agent, String verificationId, String reason);
  }

  // --- the checker ---------------------------------------------------------------------------

  private static List<Method> publicMethods(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getDeclaringClass() != Object.class && !m.isSynthetic())
        .sorted((a, b) -> a.toGenericString().compareTo(b.toGenericString()))
        .toList();
  }

  /** Every secret-bearing type reachable from a method's parameters or return value. */
  private static List<String> typeViolations(Class<?> api) {
    List<String> violations = new ArrayList<>();
    for (Method method : publicMethods(api)) {
      walk(method.getGenericReturnType(), method.getName() + " returns",
          new HashSet<>(), violations);
      Parameter[] parameters = method.getParameters();
      for (int i = 0; i < parameters.length; i++) {
        walk(parameters[i].getParameterizedType(),
            method.getName() + " parameter " + i, new HashSet<>(), violations);
      }
    }
    return violations;
  }

  private static void walk(Type type, String path, Set<Type> seen, List<String> violations) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      walk(parameterized.getRawType(), path, seen, violations);
      for (Type argument : parameterized.getActualTypeArguments()) {
        walk(argument, path + "<>", seen, violations);
      }
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        walk(bound, path, seen, violations);
      }
      for (Type bound : wildcard.getLowerBounds()) {
        walk(bound, path, seen, violations);
      }
    } else if (type instanceof GenericArrayType array) {
      walk(array.getGenericComponentType(), path + "[]", seen, violations);
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        walk(bound, path, seen, violations);
      }
    } else if (type instanceof Class<?> raw) {
      if (SECRET_TYPES.contains(raw)) {
        violations.add(path + ": " + raw.getSimpleName());
        return;
      }
      if (raw.isArray()) {
        walk(raw.getComponentType(), path + "[]", seen, violations);
        return;
      }
      if (!isOurs(raw) || raw.isEnum()) {
        return;
      }
      if (raw.isRecord()) {
        for (RecordComponent component : raw.getRecordComponents()) {
          walk(component.getGenericType(),
              path + " > " + raw.getSimpleName() + "." + component.getName(), seen, violations);
        }
      } else if (!raw.isInterface()) {
        for (Class<?> c = raw; c != null && isOurs(c); c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
              walk(field.getGenericType(),
                  path + " > " + c.getSimpleName() + "." + field.getName(), seen, violations);
            }
          }
        }
      }
      if (raw.isSealed()) {
        for (Class<?> permitted : raw.getPermittedSubclasses()) {
          walk(permitted, path + " | " + permitted.getSimpleName(), seen, violations);
        }
      }
    }
  }

  /** The dev.latchkey types a method's signature reaches, for the coverage check. */
  private static Set<Class<?>> reachable(Class<?> api) {
    Set<Type> seen = new HashSet<>();
    for (Method method : publicMethods(api)) {
      walk(method.getGenericReturnType(), "", seen, new ArrayList<>());
      for (Type parameter : method.getGenericParameterTypes()) {
        walk(parameter, "", seen, new ArrayList<>());
      }
    }
    Set<Class<?>> classes = new HashSet<>();
    for (Type type : seen) {
      if (type instanceof Class<?> c && isOurs(c)) {
        classes.add(c);
      }
    }
    return classes;
  }

  /** Record components holding text whose names say they are secrets. */
  private static List<String> componentNameViolations(Class<?> api) {
    List<String> violations = new ArrayList<>();
    for (Class<?> type : reachable(api)) {
      if (!type.isRecord()) {
        continue;
      }
      for (RecordComponent component : type.getRecordComponents()) {
        if (carriesText(component.getGenericType()) && isSecretName(component.getName())) {
          violations.add(type.getSimpleName() + "." + component.getName());
        }
      }
    }
    return violations;
  }

  private static List<String> methodNameViolations(Class<?> api) {
    List<String> violations = new ArrayList<>();
    for (Method method : publicMethods(api)) {
      if (SECRET_METHOD.matcher(method.getName()).matches()) {
        violations.add(method.getName());
      }
    }
    return violations;
  }

  /** Only meaningful when the class was compiled with -parameters; empty otherwise. */
  private static List<String> parameterNameViolations(Class<?> api) {
    List<String> violations = new ArrayList<>();
    for (Method method : publicMethods(api)) {
      for (Parameter parameter : method.getParameters()) {
        if (parameter.isNamePresent() && carriesText(parameter.getParameterizedType())
            && isSecretName(parameter.getName())) {
          violations.add(method.getName() + "(" + parameter.getName() + ")");
        }
      }
    }
    return violations;
  }

  /** String, CharSequence, or a container of them. */
  private static boolean carriesText(Type type) {
    if (type instanceof Class<?> c) {
      return CharSequence.class.isAssignableFrom(c)
          || (c.isArray() && carriesText(c.getComponentType()));
    }
    if (type instanceof ParameterizedType p) {
      return Arrays.stream(p.getActualTypeArguments()).anyMatch(HelpdeskSignatureTest::carriesText);
    }
    if (type instanceof WildcardType w) {
      return Arrays.stream(w.getUpperBounds()).anyMatch(HelpdeskSignatureTest::carriesText);
    }
    return false;
  }

  /** True when one of the camel-case words of {@code name} is a secret word. */
  static boolean isSecretName(String name) {
    for (String word : name.split("(?<=[a-z0-9])(?=[A-Z])|_|-")) {
      if (SECRET_WORD.matcher(word.toLowerCase(Locale.ROOT)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOurs(Class<?> type) {
    return type.getName().startsWith("dev.latchkey.");
  }

  @Test
  @DisplayName("secret names are recognised by camel-case word, not by substring")
  void secretNameWords() {
    Map<String, Boolean> cases = new TreeMap<>(Map.of(
        "password", true, "newPassword", true, "resetToken", true, "passwordHash", true,
        "keyDisplay", true, "monkey", false, "verificationId", false, "reason", false,
        "loginName", false, "sentTo", false));
    cases.forEach((name, secret) -> assertThat(isSecretName(name)).as(name).isEqualTo(secret));
  }
}
