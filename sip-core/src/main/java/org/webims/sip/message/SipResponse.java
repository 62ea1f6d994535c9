package org.webims.sip.message;

import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;

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

  /**
   * {@link #to(SipRequest, int, String)} for a response this element makes itself (RFC 3261 §8.2.6.2, §16.7):
   * the To gets {@code tag} when the request's had none, so the UAC can tell this answer from a UAS's.
   */
  public static Builder to(SipRequest request, int statusCode, String reasonPhrase, String tag) {
    Builder b = to(request, statusCode, reasonPhrase);
    String to = taggedTo(request, tag);
    if (to != null) {
      b.setHeader(HeaderNames.TO, to);
    }
    return b;
  }

  /** This response with {@code tag} on its To when it has none (a response made here for a forwarded request). */
  public SipResponse withToTag(String tag) {
    String to = taggedTo(this, tag);
    return to == null ? this : toBuilder().setHeader(HeaderNames.TO, to).build();
  }

  /** The To of {@code message} with {@code tag}, or null when it has a tag or does not parse (then kept as it is). */
  private static String taggedTo(SipMessage message, String tag) {
    try {
      Address to = message.to();
      return to.tag() == null ? to.withTag(tag).toString() : null;
    } catch (SipParseException e) {
      return null;
    }
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
