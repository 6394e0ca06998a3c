package dev.latchkey.jdbc;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Outbox payloads: the whole notification in a small binary layout, encrypted with AES-256-GCM
 * under the server's outbox key, the notification id bound in as associated data so a payload
 * cannot be moved to another row (S31). Thread-safe.
 *
 * <p>The layout, before encryption: a format byte ({@value #FORMAT}); type, district and
 * recipient as texts; the creation instant as epoch seconds (long) and nanoseconds (int); a
 * secret flag (byte 0 or 1) and the secret's text when 1; the number of fields (int) and each
 * field's name and value as texts. A text is its UTF-8 length (int) and bytes. A bulk run writes
 * one payload per key, so this is kept cheap to write.
 */
final class OutboxCodec {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte FORMAT = 1;

  private final SecretKeySpec key;
  private final SecureRandom random;

  OutboxCodec(byte[] outboxKey, SecureRandom random) {
    this.key = new SecretKeySpec(outboxKey, "AES");
    this.random = random;
  }

  byte[] encode(Notification n) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(plain)) {
      out.writeByte(FORMAT);
      writeText(out, n.type().name());
      writeText(out, n.district().value());
      writeText(out, n.recipient().value());
      out.writeLong(n.createdAt().getEpochSecond());
      out.writeInt(n.createdAt().getNano());
      Optional<SecretText> secret = n.secret();
      out.writeByte(secret.isPresent() ? 1 : 0);
      if (secret.isPresent()) {
        writeText(out, secret.get().reveal());
      }
      out.writeInt(n.fields().size());
      for (Map.Entry<String, String> field : n.fields().entrySet()) {
        writeText(out, field.getKey());
        writeText(out, field.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a notification", e);
    }
    return seal(n.id(), plain.toByteArray());
  }

  /** A fresh nonce and {@code plain} encrypted under it, bound to {@code id}. */
  byte[] seal(NotificationId id, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, id, plain);
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  Notification decode(NotificationId id, byte[] payload) {
    if (payload.length <= NONCE_BYTES) {
      throw new IllegalStateException("outbox payload of " + id + " is truncated");
    }
    byte[] nonce = Arrays.copyOf(payload, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(payload, NONCE_BYTES, payload.length);
    byte[] plain = crypt(Cipher.DECRYPT_MODE, nonce, id, sealed);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      if (in.readByte() != FORMAT) {
        throw new IOException("unknown format");
      }
      NotificationType type = NotificationType.valueOf(readText(in));
      DistrictId district = DistrictId.of(readText(in));
      EmailAddress recipient = EmailAddress.of(readText(in));
      Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      byte hasSecret = in.readByte();
      if (hasSecret != 0 && hasSecret != 1) {
        throw new IOException("bad secret flag");
      }
      Optional<SecretText> secret = hasSecret == 1
          ? Optional.of(SecretText.of(readText(in))) : Optional.empty();
      int count = in.readInt();
      if (count < 0 || count > in.available() / 8) {
        throw new IOException("bad field count");
      }
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < count; i++) {
        if (fields.put(readText(in), readText(in)) != null) {
          throw new IOException("a field twice");
        }
      }
      if (in.available() != 0) {
        throw new IOException("trailing bytes");
      }
      return new Notification(id, type, district, recipient, fields, secret, createdAt);
    } catch (IOException | RuntimeException e) {
      // Never quote the payload: it may hold a key.
      throw new IllegalStateException("outbox payload of " + id + " is unreadable");
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
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
