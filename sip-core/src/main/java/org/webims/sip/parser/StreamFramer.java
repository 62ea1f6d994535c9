package org.webims.sip.parser;

import org.webims.sip.syntax.Utf8;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;

/**
 * Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length, which streams must carry
 * (RFC 3261 §18.3). CRLFs between messages are skipped (§7.5); a double CRLF is an RFC 5626 §4.4.1
 * keep-alive ping, reported so the caller can answer with a single CRLF. One framer per connection;
 * not thread-safe. After a {@link SipParseException} the stream cannot be resynchronised: close it.
 */
public final class StreamFramer {

  /** Receives what the framer finds, in stream order. */
  public interface Sink {
    void message(SipMessage message);

    /** A CRLF CRLF ping arrived between messages. */
    void keepAlive();
  }

  private final SipParser parser;
  private byte[] buffer = new byte[4096];
  private int start;
  private int end;
  private int crlfRun;

  public StreamFramer(SipParser parser) {
    this.parser = parser;
  }

  /** Appends bytes read from the connection and delivers every complete message they finish. */
  public void feed(byte[] data, int offset, int length, Sink sink) throws SipParseException {
    append(data, offset, length);
    while (true) {
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
      parser.parseHead(headText, 0, headText.length(), head);
      if (head.contentLength < 0) {
        throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "Missing Content-Length on a stream");
      }
      int total = headEnd - start + head.contentLength;
      if (total > parser.limits().maxMessageBytes()) {
        throw new SipParseException(ParseProblem.TOO_LARGE, "Message Too Large");
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
