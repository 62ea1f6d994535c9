package org.webims.sip.message;

import java.util.List;

/** A SIP response (RFC 3261 §7.2): status code, reason phrase, headers, body. */
public final class SipResponse extends SipMessage {

  private final int statusCode;
  private final String reasonPhrase;

  SipResponse(int statusCode, String reasonPhrase, Header[] headers, byte[] body) {
    super(headers, body);
    this.statusCode = statusCode;
    this.reasonPhrase = reasonPhrase;
  }

  /** A response exactly as given, for parsers: headers are taken as they are, Content-Length included. */
  public static SipResponse of(int statusCode, String reasonPhrase, List<Header> headers, byte[] body) {
    return new SipResponse(statusCode, reasonPhrase, headers.toArray(new Header[0]), body);
  }

  public static Builder builder(int statusCode, String reasonPhrase) {
    return new Builder(statusCode, reasonPhrase);
  }

  /**
   * A response to {@code request} (RFC 3261 §8.2.6.2): Via lines, From, To, Call-ID and CSeq
   * copied; the caller adds a To tag where one is needed. A null reason takes the standard phrase.
   */
  public static Builder to(SipRequest request, int statusCode, String reasonPhrase) {
    Builder b = new Builder(statusCode, reasonPhrase == null ? StatusCodes.reasonPhrase(statusCode) : reasonPhrase);
    for (Header h : request.headers) {
      if (h.is(HeaderNames.VIA) || h.is(HeaderNames.FROM) || h.is(HeaderNames.TO) || h.is(HeaderNames.CALL_ID)
          || h.is(HeaderNames.CSEQ)) {
        b.headers.add(h);
      }
    }
    return b;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public boolean isRequest() {
    return false;
  }

  public int statusCode() {
    return statusCode;
  }

  public String reasonPhrase() {
    return reasonPhrase;
  }

  public boolean isProvisional() {
    return statusCode < 200;
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }

  @Override
  public String startLine() {
    return "SIP/2.0 " + statusCode + " " + reasonPhrase;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipResponse && ((SipResponse) o).statusCode == statusCode
        && ((SipResponse) o).reasonPhrase.equals(reasonPhrase) && sameContent((SipResponse) o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Builds a response; see {@link MessageBuilder}. The reason phrase is made safe ({@link ReasonPhrase}). */
  public static final class Builder extends MessageBuilder<Builder> {
    private int statusCode;
    private String reasonPhrase;

    private Builder(int statusCode, String reasonPhrase) {
      this.statusCode = statusCode;
      this.reasonPhrase = reasonPhrase;
    }

    private Builder(SipResponse from) {
      super(from);
      this.statusCode = from.statusCode;
      this.reasonPhrase = from.reasonPhrase;
    }

    public Builder status(int statusCode, String reasonPhrase) {
      this.statusCode = statusCode;
      this.reasonPhrase = reasonPhrase;
      return this;
    }

    public SipResponse build() {
      if (statusCode < 100 || statusCode > 699) {
        throw new IllegalStateException("status code out of range: " + statusCode);
      }
      return new SipResponse(statusCode, ReasonPhrase.safe(reasonPhrase), finish(), body);
    }
  }
}
