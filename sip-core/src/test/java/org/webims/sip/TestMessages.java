package org.webims.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/** The test corpus: RFC 4475 torture messages and the conformance checklist's §5 examples. */
public final class TestMessages {

  private TestMessages() {
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = TestMessages.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  /** A checklist example, for example {@code "5.2-register-tna"}. */
  public static String checklist(String id) {
    return text("checklist/" + id + ".sip");
  }

  public static SipRequest checklistRequest(String id) {
    return (SipRequest) parse(checklist(id));
  }

  public static SipResponse checklistResponse(String id) {
    return (SipResponse) parse(checklist(id));
  }

  public static SipMessage parse(String text) {
    try {
      return SipParser.DEFAULT.parse(text);
    } catch (SipParseException e) {
      throw new AssertionError("test message does not parse: " + e.reason(), e);
    }
  }

  /** One row of {@code rfc4475/manifest.tsv}. */
  public static final class Torture {
    public final String name;
    public final String section;
    public final String kind;
    public final String expect;

    Torture(String[] cols) {
      name = cols[0];
      section = cols[1];
      kind = cols[2];
      expect = cols[3];
    }

    public byte[] bytes() {
      return TestMessages.bytes("rfc4475/" + name + ".sip");
    }

    @Override
    public String toString() {
      return name + " (" + section + ")";
    }
  }

  public static List<Torture> torture() {
    List<Torture> list = new ArrayList<>();
    String[] lines = text("rfc4475/manifest.tsv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        list.add(new Torture(lines[i].split("\t")));
      }
    }
    return list;
  }
}
