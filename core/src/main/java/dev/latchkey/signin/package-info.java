/**
 * Signing in and lockout: {@link dev.latchkey.signin.SignIn}, its
 * {@link dev.latchkey.signin.SignInResult} and the {@link dev.latchkey.signin.LockoutPolicy}
 * that decides when failures lock an account.
 */
@NullMarked
package dev.latchkey.signin;

import org.jspecify.annotations.NullMarked;
