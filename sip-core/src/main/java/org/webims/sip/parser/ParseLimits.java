package org.webims.sip.parser;

/**
 * Limits the parser enforces before it allocates, so that no input can make it use unbounded
 * memory or time. Defaults fit IMS registration traffic with ample room.
 */
public final class ParseLimits {

  /** Largest message accepted, head and body, in bytes (UDP's ceiling; RFC 3261 §18.1.1). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 65535;
  /** More header lines than any REGISTER or NOTIFY carries; RFC 4475 "longreq" has 43. */
  public static final int DEFAULT_MAX_HEADER_COUNT = 200;
  /** Longest header line before unfolding, in characters; long JWTs are ~2 kB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 16384;

  public static final ParseLimits DEFAULT = builder().build();

  private final int maxMessageBytes;
  private final int maxHeaderCount;
  private final int maxLineLength;

  private ParseLimits(Builder b) {
    if (b.maxMessageBytes < 256 || b.maxHeaderCount < 8 || b.maxLineLength < 128) {
      throw new IllegalArgumentException("parse limits too small to carry a SIP message");
    }
    this.maxMessageBytes = b.maxMessageBytes;
    this.maxHeaderCount = b.maxHeaderCount;
    this.maxLineLength = b.maxLineLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  public int maxHeaderCount() {
    return maxHeaderCount;
  }

  public int maxLineLength() {
    return maxLineLength;
  }

  /** Builds limits; each defaults to the constant of the same name. */
  public static final class Builder {
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

    private Builder() {
    }

    public Builder maxMessageBytes(int v) {
      maxMessageBytes = v;
      return this;
    }

    public Builder maxHeaderCount(int v) {
      maxHeaderCount = v;
      return this;
    }

    public Builder maxLineLength(int v) {
      maxLineLength = v;
      return this;
    }

    public ParseLimits build() {
      return new ParseLimits(this);
    }
  }
}
