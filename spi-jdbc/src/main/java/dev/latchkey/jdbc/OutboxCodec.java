package dev.latchkey.jdbc;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Outbox payloads: the whole notification as a {@link Properties} document, encrypted with
 * AES-256-GCM under the server's outbox key, the notification id bound in as associated data so a
 * payload cannot be moved to another row (S31). Thread-safe.
 */
final class OutboxCodec {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String FIELD = "field.";

  private final SecretKeySpec key;
  private final SecureRandom random;

  OutboxCodec(byte[] outboxKey, SecureRandom random) {
    this.key = new SecretKeySpec(outboxKey, "AES");
    this.random = random;
  }

  byte[] encode(Notification n) {
    Properties p = new Properties();
    p.setProperty("type", n.type().name());
    p.setProperty("district", n.district().value());
    p.setProperty("recipient", n.recipient().value());
    p.setProperty("createdAt", n.createdAt().toString());
    n.secret().ifPresent(s -> p.setProperty("secret", s.reveal()));
    n.fields().forEach((k, v) -> p.setProperty(FIELD + k, v));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(plain, StandardCharsets.UTF_8)) {
      p.store(w, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a notification", e);
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, n.id(), plain.toByteArray());
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  Notification decode(NotificationId id, byte[] payload) {
    if (payload.length <= NONCE_BYTES) {
      throw new IllegalStateException("outbox payload of " + id + " is truncated");
    }
    byte[] nonce = java.util.Arrays.copyOf(payload, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(payload, NONCE_BYTES, payload.length);
    byte[] plain = crypt(Cipher.DECRYPT_MODE, nonce, id, sealed);
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(new ByteArrayInputStream(plain),
        StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalStateException("outbox payload of " + id + " is unreadable", e);
    }
    Map<String, String> fields = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(FIELD)) {
        fields.put(name.substring(FIELD.length()), p.getProperty(name));
      }
    }
    return new Notification(id, NotificationType.valueOf(p.getProperty("type")),
        DistrictId.of(p.getProperty("district")), EmailAddress.of(p.getProperty("recipient")),
        fields, Optional.ofNullable(p.getProperty("secret")).map(SecretText::of),
        Instant.parse(p.getProperty("createdAt")));
  }

  private byte[] crypt(int mode, byte[] nonce, NotificationId id, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id.value().getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Wrong key or a tampered row: never quote the payload.
      throw new IllegalStateException("outbox payload of " + id + " cannot be "
          + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
    }
  }
}
