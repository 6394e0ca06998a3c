package dev.latchkey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatchkeyBuilderTest {
  private static final Executor POOL = Runnable::run;

  @Test
  @DisplayName("a relay executor given twice is refused")
  void relayExecutorTwiceIsRefused() {
    Latchkey.Builder builder = Latchkey.builder().relayExecutor(POOL);

    assertThatThrownBy(() -> builder.relayExecutor(POOL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }

  @Test
  @DisplayName("synchronous delivery asked for twice is refused")
  void synchronousTwiceIsRefused() {
    Latchkey.Builder builder = Latchkey.builder().deliverSynchronously();

    assertThatThrownBy(builder::deliverSynchronously)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }

  @Test
  @DisplayName("a relay executor and synchronous delivery conflict, in either order")
  void executorAndSynchronousConflict() {
    assertThatThrownBy(() -> Latchkey.builder().relayExecutor(POOL).deliverSynchronously())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("conflicts");
    assertThatThrownBy(() -> Latchkey.builder().deliverSynchronously().relayExecutor(POOL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("conflicts");
  }

  @Test
  @DisplayName("a null relay executor is a bug")
  void nullExecutorIsRefused() {
    assertThatThrownBy(() -> Latchkey.builder().relayExecutor(null))
        .isInstanceOf(NullPointerException.class);
  }
}
