package org.webims.sip.message;

import org.webims.sip.syntax.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of request and response builders that edits headers and body. {@code build()} always
 * writes a Content-Length that matches the body, so a built message can go on any transport.
 */
public abstract class MessageBuilder<B extends MessageBuilder<B>> {

  final List<Header> headers;
  byte[] body = SipMessage.NO_BODY;

  MessageBuilder() {
    headers = new ArrayList<>(16);
  }

  MessageBuilder(SipMessage from) {
    headers = new ArrayList<>(from.headers.length + 4);
    for (Header h : from.headers) {
      headers.add(h);
    }
    body = from.body;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Appends a header line. */
  public B header(String name, String value) {
    headers.add(line(name, value));
    return self();
  }

  /** A header line with its canonical name; null parts are a caller's bug, refused here, not at encode(). */
  private static Header line(String name, String value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException("null header: " + name);
    }
    return new Header(HeaderNames.canonical(name), value);
  }

  /** Inserts a header line above all others (a UAC's own Via on a request written without one). */
  public B headerFirst(String name, String value) {
    headers.add(0, line(name, value));
    return self();
  }

  /** Inserts a header line before the first line of the same name (for example a new top Via). */
  public B prependHeader(String name, String value) {
    Header line = line(name, value);
    int at = indexOf(line.name());
    headers.add(at < 0 ? headers.size() : at, line);
    return self();
  }

  /** Replaces every line of that name with one line, kept at the position of the first. */
  public B setHeader(String name, String value) {
    Header line = line(name, value);
    int at = indexOf(line.name());
    removeHeader(line.name());
    headers.add(at < 0 ? headers.size() : at, line);
    return self();
  }

  public B removeHeader(String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).is(name)) {
        headers.remove(i);
      }
    }
    return self();
  }

  /** Removes the first line of that name (for example the top Via of a response). */
  public B removeFirstHeader(String name) {
    int at = indexOf(name);
    if (at >= 0) {
      headers.remove(at);
    }
    return self();
  }

  /** Replaces the first line of that name; appends when there is none. */
  public B replaceFirstHeader(String name, String value) {
    Header line = line(name, value);
    int at = indexOf(line.name());
    if (at < 0) {
      headers.add(line);
    } else {
      headers.set(at, line);
    }
    return self();
  }

  /** The value of the first line of that name in the builder, or null. */
  public String header(String name) {
    int at = indexOf(name);
    return at < 0 ? null : headers.get(at).value();
  }

  private int indexOf(String name) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).is(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Sets the body and its Content-Type. */
  public B body(String contentType, byte[] bytes) {
    this.body = bytes.clone();
    return setHeader(HeaderNames.CONTENT_TYPE, contentType);
  }

  public B body(String contentType, String text) {
    this.body = Utf8.encode(text);
    return setHeader(HeaderNames.CONTENT_TYPE, contentType);
  }

  public B noBody() {
    this.body = SipMessage.NO_BODY;
    return removeHeader(HeaderNames.CONTENT_TYPE);
  }

  Header[] finish() {
    replaceFirstHeader(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
    return headers.toArray(new Header[0]);
  }
}
