package dev.latchkey.password;

/**
 * The Vector API path of Argon2's compression function. Compiled with
 * {@code --add-modules jdk.incubator.vector} from a source root of its own and loaded only by
 * reflection, after {@link Argon2Engine} has seen that module in the boot layer: a JVM started
 * without the module never links it.
 */
final class VectorCompressorPath implements Argon2Engine.Path {

  /** Loaded reflectively; fails here, not at first hash, if the JVM cannot run the path. */
  VectorCompressorPath() {
    new VectorCompressor().wipe();
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public Argon2Engine.Compressor newCompressor() {
    return new VectorCompressor();
  }
}
