package dev.latchkey.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.latchkey.model.DistrictId;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Audit text is made storable and loggable once, in the event itself. */
class AuditTextTest {
  private static AuditEvent event(String subject, String reason) {
    return new AuditEvent(Instant.EPOCH, DistrictId.of("d"), AuditEventType.HELPDESK_ACTION,
        "agent:bob", subject, "198.51.100.7", "DONE", Map.of("reason", reason));
  }

  @Test
  @DisplayName("S33: NUL, CR/LF, ANSI escapes, lone surrogates and lookups are escaped")
  void controlCharactersAndLoneSurrogatesAreEscaped() {
    AuditEvent e = event("login:a\u0000b\r\n\u001b[31m${jndi:x}", "x\ud800y\udc00z");
    assertThat(e.subject()).isEqualTo("login:a\\u0000b\\u000d\\u000a\\u001b[31m\\u0024{jndi:x}");
    assertThat(e.details().get("reason")).isEqualTo("x\\ud800y\\udc00z");
  }

  @Test
  @DisplayName("a pair of surrogates (an emoji) is kept as it is")
  void surrogatePairsAreKept() {
    assertThat(event("login:\ud83d\ude00", "").subject()).isEqualTo("login:\ud83d\ude00");
  }

  @Test
  @DisplayName("a 1 MB field is cut to its cap, with a marker")
  void hugeFieldsAreCut() {
    AuditEvent e = event("x".repeat(1 << 20), "\u0000".repeat(1 << 20));
    assertThat(e.subject()).hasSize(AuditEvent.MAX_TEXT).endsWith(AuditText.CUT);
    assertThat(e.details().get("reason").length()).isLessThanOrEqualTo(AuditEvent.MAX_DETAIL)
        .isGreaterThan(AuditEvent.MAX_DETAIL - 6 - AuditText.CUT.length());
  }

  @Test
  @DisplayName("any text comes out within its cap, encodable as UTF-8, free of control "
      + "characters, never cut inside an escape or a pair, and the same every time")
  void anyTextIsStorable() {
    qt().withExamples(2_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 900), integers().between(20, 500))
        .checkAssert((text, cap) -> {
          String clean = AuditText.clean(text, cap);
          assertThat(clean.length()).isLessThanOrEqualTo(cap);
          assertThat(clean).isEqualTo(AuditText.clean(text, cap));
          assertThat(clean.chars().noneMatch(Character::isISOControl)).isTrue();
          assertThat(strictUtf8(clean)).as("no lone surrogate").isTrue();
          if (clean.endsWith(AuditText.CUT)) {
            String kept = clean.substring(0, clean.length() - AuditText.CUT.length());
            assertThat(text.length()).isGreaterThan(kept.length() / 6);
            assertThat(kept).doesNotMatch("(?s).*\\\\u[0-9a-f]{0,3}");
          } else {
            assertThat(clean.length()).isGreaterThanOrEqualTo(text.length());
          }
        });
  }

  private static boolean strictUtf8(String s) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
