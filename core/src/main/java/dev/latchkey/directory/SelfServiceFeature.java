package dev.latchkey.directory;

/**
 * What a parent can do without calling the helpdesk, so a client shows only the links that
 * work. The constants' names are stable: clients may store and compare them.
 */
public enum SelfServiceFeature {
  /** "I lost my activation key email": the key is sent again to the address on file. */
  KEY_RESEND,
  /** "Forgot username?": the login names tied to an address are mailed to it. */
  FORGOT_USERNAME,
  /** "Forgot password?": a single-use reset link is mailed to the address of record. */
  FORGOT_PASSWORD
}
