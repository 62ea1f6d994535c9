package org.webims.waf.provisioning;

/**
 * Which page of a list to read: page number from 0 and page size, both already checked and capped by
 * {@link #of(Integer, Integer, int, int)}.
 */
public record PageRequest(int page, int size) {

  /**
   * A page request from user input: a missing page is 0, a missing size {@code defaultSize}, a size above
   * {@code maxSize} is capped; a negative page or a size below 1 is a field error.
   */
  public static PageRequest of(Integer page, Integer size, int defaultSize, int maxSize) {
    FieldErrors errors = new FieldErrors();
    if (page != null && page < 0) {
      errors.add("page", "must be 0 or more");
    }
    if (size != null && size < 1) {
      errors.add("size", "must be 1 or more");
    }
    errors.throwIfAny();
    int effective = size == null ? defaultSize : Math.min(size, maxSize);
    return new PageRequest(page == null ? 0 : page, Math.min(effective, maxSize));
  }

  public long offset() {
    return (long) page * size;
  }
}
