package org.webims.sip.message;

import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.header.CSeq;
import org.webims.sip.uri.Uri;

/** A SIP request (RFC 3261 §7.1): method, Request-URI, headers, body. */
public final class SipRequest extends SipMessage {

  public static final String REGISTER = "REGISTER";
  public static final String SUBSCRIBE = "SUBSCRIBE";
  public static final String NOTIFY = "NOTIFY";
  public static final String INVITE = "INVITE";
  public static final String ACK = "ACK";
  public static final String CANCEL = "CANCEL";
  public static final String OPTIONS = "OPTIONS";
  public static final String BYE = "BYE";
  public static final String MESSAGE = "MESSAGE";

  private final String method;
  private final Uri requestUri;

  SipRequest(String method, Uri requestUri, Header[] headers, byte[] body) {
    super(headers, body);
    this.method = method;
    this.requestUri = requestUri;
  }

  /** A request exactly as given, for parsers: headers are taken as they are, Content-Length included. */
  public static SipRequest of(String method, Uri requestUri, List<Header> headers, byte[] body) {
    return new SipRequest(method, requestUri, headers.toArray(new Header[0]), body);
  }

  public static Builder builder(String method, Uri requestUri) {
    return new Builder(method, requestUri);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public boolean isRequest() {
    return true;
  }

  public String method() {
    return method;
  }

  public boolean isMethod(String name) {
    return method.equals(name);
  }

  public Uri requestUri() {
    return requestUri;
  }

  @Override
  public String startLine() {
    return method + " " + requestUri + " SIP/2.0";
  }

  /** Adds the request-only check: the CSeq method matches the request's (RFC 3261 §8.1.1.5). */
  @Override
  public void validate() throws SipParseException {
    super.validate();
    CSeq cseq = cseq();
    if (!cseq.method().equals(method)) {
      throw new SipParseException(ParseProblem.CSEQ_METHOD_MISMATCH, "Bad CSeq: method does not match request line");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipRequest && ((SipRequest) o).method.equals(method)
        && ((SipRequest) o).requestUri.equals(requestUri) && sameContent((SipRequest) o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Builds a request; see {@link MessageBuilder}. */
  public static final class Builder extends MessageBuilder<Builder> {
    private String method;
    private Uri requestUri;

    private Builder(String method, Uri requestUri) {
      this.method = method;
      this.requestUri = requestUri;
    }

    private Builder(SipRequest from) {
      super(from);
      this.method = from.method;
      this.requestUri = from.requestUri;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder requestUri(Uri requestUri) {
      this.requestUri = requestUri;
      return this;
    }

    public SipRequest build() {
      return new SipRequest(method, requestUri, finish(), body);
    }
  }
}
