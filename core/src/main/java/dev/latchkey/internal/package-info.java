/**
 * Implementation details shared across capabilities. Not part of the API: anything here may
 * change in any release.
 */
@NullMarked
package dev.latchkey.internal;

import org.jspecify.annotations.NullMarked;
