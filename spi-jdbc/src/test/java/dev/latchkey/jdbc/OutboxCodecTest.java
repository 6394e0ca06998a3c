package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key = new byte[32];
  private final OutboxCodec codec;

  OutboxCodecTest() {
    RANDOM.nextBytes(key);
    codec = new OutboxCodec(key, RANDOM);
  }

  private static Notification notification(String name, String students, String secret) {
    return new Notification(NotificationId.random(RANDOM), NotificationType.ACTIVATION_KEY,
        DistrictId.of("d-1"), EmailAddress.of("maria@example.org"),
        Map.of(Notification.NAME, name, Notification.STUDENTS, students),
        secret.isEmpty() ? Optional.empty() : Optional.of(SecretText.of(secret)),
        Instant.parse("2026-08-24T13:05:09.123456789Z"));
  }

  @Test
  void whatIsWrittenIsReadBackWhole() {
    // Valid Unicode on either side of the surrogates (a lone surrogate has no UTF-8 form);
    // characters beyond the BMP are in the fixed example below.
    qt().forAll(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 200),
        strings().betweenCodePoints(0xE000, 0xFFFD).ofLengthBetween(0, 400),
        strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert((name, students, secret) -> {
          Notification n = notification(name, students, secret);
          assertThat(codec.decode(n.id(), codec.encode(n))).isEqualTo(n);
        });
  }

  @Test
  void thePayloadIsSealedAndBoundToItsRow() {
    Notification n = notification("María José 🌻", "Sofía, Mateo 𝓜", "7QKM-4XTD-9PWB-R2HC");
    byte[] payload = codec.encode(n);
    assertThat(codec.decode(n.id(), payload)).isEqualTo(n);
    assertThat(new String(payload, StandardCharsets.ISO_8859_1))
        .doesNotContain("7QKM").doesNotContain("maria@example.org");

    Notification other = notification("x", "y", "");
    assertThatThrownBy(() -> codec.decode(other.id(), payload))
        .isInstanceOf(IllegalStateException.class)
        .message().doesNotContain("7QKM");
    qt().forAll(integers().between(0, payload.length - 1)).checkAssert(i -> {
      byte[] tampered = payload.clone();
      tampered[i] ^= 0x20;
      assertThatThrownBy(() -> codec.decode(n.id(), tampered))
          .isInstanceOf(IllegalStateException.class);
    });
    assertThatThrownBy(() -> codec.decode(n.id(), new byte[5]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEmptySecretIsKeptApartFromNone() {
    Notification n = new Notification(NotificationId.random(RANDOM),
        NotificationType.PASSWORD_RESET, DistrictId.of("d-1"),
        EmailAddress.of("maria@example.org"), Map.of(), Optional.of(SecretText.of("")),
        Instant.EPOCH);
    assertThat(codec.decode(n.id(), codec.encode(n)).secret()).contains(SecretText.of(""));
  }

  @Test
  void aSealedPayloadThatIsNotThisLayoutIsRefusedWithoutQuotingIt() throws IOException {
    NotificationId id = NotificationId.random(RANDOM);
    byte[] good = plain(out -> { });
    assertThat(codec.decode(id, codec.seal(id, good)).fields()).containsEntry("k", "v");

    List<byte[]> bad = List.of(
        new byte[0],
        "#Sat Nov 28\nsecret=7QKM-4XTD\n".getBytes(StandardCharsets.ISO_8859_1),
        Arrays.copyOf(good, good.length - 1),
        plain(out -> out.writeByte(9)),
        plain(out -> out.writeInt(0)));
    for (byte[] plain : bad) {
      assertThatThrownBy(() -> codec.decode(id, codec.seal(id, plain)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("outbox payload of " + id + " is unreadable");
    }
    assertThat(codec.decode(id, codec.seal(id, layout(1, 1, false))).secret())
        .contains(SecretText.of("7QKM-4XTD"));
    for (byte[] plain : List.of(layout(2, 1, false), layout(0, -1, false),
        layout(0, 2, true), layout(0, Integer.MAX_VALUE, false))) {
      assertThatThrownBy(() -> codec.decode(id, codec.seal(id, plain)))
          .hasMessage("outbox payload of " + id + " is unreadable");
    }
  }

  /** Writes more bytes after a well-formed payload. */
  @FunctionalInterface
  private interface Tail {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] plain(Tail tail) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(layout(0, 1, false));
      tail.write(out);
    }
    return bytes.toByteArray();
  }

  /**
   * A payload with this secret flag (a secret follows when it is 1) and field count, and the
   * field "k"="v" (and "k"="w" after it if asked).
   */
  private static byte[] layout(int secretFlag, int fieldCount, boolean twice) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      text(out, "ACTIVATION_KEY");
      text(out, "d-1");
      text(out, "maria@example.org");
      out.writeLong(0);
      out.writeInt(0);
      out.writeByte(secretFlag);
      if (secretFlag == 1) {
        text(out, "7QKM-4XTD");
      }
      out.writeInt(fieldCount);
      text(out, "k");
      text(out, "v");
      if (twice) {
        text(out, "k");
        text(out, "w");
      }
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Test
  void anotherKeyCannotOpenIt() {
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    Notification n = notification("Maria", "Sofia", "7QKM-4XTD-9PWB-R2HC");
    assertThatThrownBy(() -> new OutboxCodec(otherKey, RANDOM).decode(n.id(), codec.encode(n)))
        .isInstanceOf(IllegalStateException.class)
        .message().doesNotContain("7QKM");
  }
}
