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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
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
  void anotherKeyCannotOpenIt() {
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    Notification n = notification("Maria", "Sofia", "7QKM-4XTD-9PWB-R2HC");
    assertThatThrownBy(() -> new OutboxCodec(otherKey, RANDOM).decode(n.id(), codec.encode(n)))
        .isInstanceOf(IllegalStateException.class)
        .message().doesNotContain("7QKM");
  }
}
