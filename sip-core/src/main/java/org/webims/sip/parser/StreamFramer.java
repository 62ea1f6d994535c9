package org.webims.sip.parser;

import org.webims.sip.syntax.Utf8;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;

/**
 * Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length, which streams must carry
 * (RFC 3261 §18.3). CRLFs between messages are skipped (§7.5); a double CRLF is an RFC 5626 §4.4.1
 * keep-alive ping, reported so the caller can answer with a single CRLF. A message that is too
 * large or malformed but has a Content-Length is skipped and reported ({@link Sink#unreadable}). A
 * message with no boundary (no Content-Length that can be read, or a head that does not end within
 * the size limit) throws {@link SipParseException}: the stream cannot be resynchronised, close it.
 * One framer per connection; not thread-safe.
 */
public final class StreamFramer {

  /** Receives what the framer finds, in stream order. */
  public interface Sink {
    void message(SipMessage message);

    /** A CRLF CRLF ping arrived between messages. */
    void keepAlive();

    /**
     * A message whose end was found but which cannot be used: its head failed to parse, or it is
     * larger than the limit. The framer has skipped it, head and body, and stays in step, so one bad
     * message costs only its own transaction (issue 12). {@code head} is its head as text, to address
     * an answer. By default the stream is given up, as for a message with no boundary.
     */
    default void unreadable(String head, SipParseException problem) throws SipParseException {
      throw problem;
    }
  }

  private final SipParser parser;
  private byte[] buffer = new byte[4096];
  private int start;
  private int end;
  private int crlfRun;
  /** Body bytes of a skipped message still to come. */
  private long skip;

  public StreamFramer(SipParser parser) {
    this.parser = parser;
  }

  /** Appends bytes read from the connection and delivers every complete message they finish. */
  public void feed(byte[] data, int offset, int length, Sink sink) throws SipParseException {
    // The body of a skipped message is dropped as it arrives, never buffered.
    int dropped = (int) Math.min(skip, length);
    skip -= dropped;
    append(data, offset + dropped, length - dropped);
    while (true) {
      if (skip > 0) {
        int n = (int) Math.min(skip, end - start);
        start += n;
        skip -= n;
      }
      skipCrlf(sink);
      if (start == end) {
        start = 0;
        end = 0;
        return;
      }
      int headEnd = SipParser.findHeadEnd(buffer, start, end);
      if (headEnd < 0) {
        if (end - start > parser.limits().maxMessageBytes()) {
          throw new SipParseException(ParseProblem.TOO_LARGE, "Message Too Large");
        }
        compact();
        return;
      }
      String headText = Utf8.decode(buffer, start, headEnd - start);
      SipParser.Head head = new SipParser.Head();
      try {
        parser.parseHead(headText, 0, headText.length(), head);
      } catch (SipParseException e) {
        long bodyLength = UnparsedMessage.rawContentLength(headText);
        if (bodyLength < 0) {
          throw e;
        }
        skipUnreadable(headText, e, headEnd, bodyLength, sink);
        continue;
      }
      if (head.contentLength < 0) {
        throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "Missing Content-Length on a stream");
      }
      int total = headEnd - start + head.contentLength;
      if (total > parser.limits().maxMessageBytes()) {
        skipUnreadable(headText, new SipParseException(ParseProblem.TOO_LARGE, "Message Too Large"), headEnd,
            head.contentLength, sink);
        continue;
      }
      if (end - headEnd < head.contentLength) {
        compact();
        return;
      }
      byte[] body = new byte[head.contentLength];
      System.arraycopy(buffer, headEnd, body, 0, body.length);
      start = headEnd + head.contentLength;
      crlfRun = 0;
      sink.message(head.toMessage(body));
    }
  }

  /** Steps over an unusable message: its head now, its body as it comes; then tells the sink. */
  private void skipUnreadable(String headText, SipParseException problem, int headEnd, long bodyLength, Sink sink)
      throws SipParseException {
    start = headEnd;
    skip = bodyLength;
    crlfRun = 0;
    sink.unreadable(headText, problem);
  }

  /** Bytes received but not yet part of a delivered message. */
  public int buffered() {
    return end - start;
  }

  private void skipCrlf(Sink sink) {
    while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
      if (buffer[start] == '\n') {
        crlfRun++;
        if (crlfRun == 2) {
          sink.keepAlive();
          crlfRun = 0;
        }
      }
      start++;
    }
    if (start < end) {
      crlfRun = 0;
    }
  }

  private void append(byte[] data, int offset, int length) {
    if (end + length > buffer.length) {
      compact();
      if (end + length > buffer.length) {
        int size = buffer.length;
        while (size < end + length) {
          size *= 2;
        }
        byte[] bigger = new byte[size];
        System.arraycopy(buffer, 0, bigger, 0, end);
        buffer = bigger;
      }
    }
    System.arraycopy(data, offset, buffer, end, length);
    end += length;
  }

  private void compact() {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
  }
}
