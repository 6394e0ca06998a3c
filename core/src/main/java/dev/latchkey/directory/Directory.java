package dev.latchkey.directory;

import java.util.List;

/**
 * The district search a mobile app shows before sign-in: part of the name plus the state
 * ("Naperville 203", "IL"), best match first.
 *
 * <p>The query and the names are compared word by word after the same normalisation: Unicode
 * NFKC, accents removed, lower case, apostrophes dropped ("O'Fallon" is "ofallon") and any
 * other punctuation read as a space. Every word of the query must match a word of the name,
 * either exactly or as its beginning ("naper" finds "Naperville"); a word of digits must match
 * exactly ("203" finds "District 203", "20" does not). Districts with more exact matches rank
 * first; ties go to the shorter name, then alphabetical order.
 *
 * <p>The directory may be a few minutes stale: a district added or renamed shows within about
 * five minutes. Implementations are thread-safe.
 */
public interface Directory {
  /** The most listings one search returns. */
  int MAX_RESULTS = 20;

  /**
   * Districts of {@code state} matching {@code query}, ranked, at most {@link #MAX_RESULTS}.
   * Empty for a query without letters or digits, and for a state that is not two ASCII letters
   * (upper or lower case). Never throws for any text.
   *
   * @param query what the parent typed, e.g. "naperville 203"
   * @param state a two-letter state code, e.g. "IL"
   * @return the matching listings, best first; unmodifiable
   * @throws NullPointerException if an argument is {@code null}
   */
  List<DistrictListing> search(String query, String state);
}
