package org.webims.epcscf.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bencode, the encoding of rtpengine's ng control protocol: byte strings ({@code 4:spam}), integers
 * ({@code i42e}), lists ({@code l...e}) and dictionaries ({@code d...e}, string keys). Strings are
 * read and written as UTF-8 (an SDP is text); integers as {@code long}; dictionaries keep their order.
 * Decoding is bounded by the input and a nesting depth, and fails with a {@link BencodeException}
 * naming the offset, never with an index error.
 */
public final class Bencode {

  /** Deeper nesting than any ng reply has; a bound so a hostile datagram cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  private Bencode() {
  }

  /** Thrown for input that is not bencode. */
  public static final class BencodeException extends IllegalArgumentException {
    BencodeException(String message, int offset) {
      super(message + " at offset " + offset);
    }
  }

  /** Encodes a String, a whole number (Integer, Long), a List or a Map with String keys. */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      out.write(':');
      out.writeBytes(bytes);
    } else if (value instanceof Integer || value instanceof Long) {
      out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof List<?> list) {
      out.write('l');
      for (Object item : list) {
        write(out, item);
      }
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("bencode dictionary keys are strings: " + e.getKey());
        }
        write(out, e.getKey());
        write(out, e.getValue());
      }
      out.write('e');
    } else {
      throw new IllegalArgumentException("not bencodable: " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  /** Decodes exactly one value filling {@code bytes[from, to)}. */
  public static Object decode(byte[] bytes, int from, int to) {
    Reader reader = new Reader(bytes, from, to);
    Object value = reader.value(0);
    if (reader.at != to) {
      throw new BencodeException("trailing bytes after the value", reader.at);
    }
    return value;
  }

  /** Decodes exactly one value filling {@code bytes}. */
  public static Object decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int at;

    Reader(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.at = from;
      this.end = to;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw new BencodeException("nested deeper than " + MAX_DEPTH, at);
      }
      byte b = peek();
      if (b == 'i') {
        at++;
        long n = number('e');
        return n;
      }
      if (b == 'l') {
        at++;
        List<Object> list = new ArrayList<>();
        while (peek() != 'e') {
          list.add(value(depth + 1));
        }
        at++;
        return List.copyOf(list);
      }
      if (b == 'd') {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (peek() != 'e') {
          if (peek() < '0' || peek() > '9') {
            throw new BencodeException("a dictionary key must be a string", at);
          }
          String key = string();
          map.put(key, value(depth + 1));
        }
        at++;
        return map;
      }
      if (b >= '0' && b <= '9') {
        return string();
      }
      throw new BencodeException("unexpected byte '" + (char) (b & 0xff) + "'", at);
    }

    private String string() {
      long length = number(':');
      if (length > end - at) {
        throw new BencodeException("string of " + length + " bytes runs past the end", at);
      }
      String s = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
      at += (int) length;
      return s;
    }

    /** Digits (a leading '-' allowed) up to {@code terminator}, which is consumed. */
    private long number(char terminator) {
      int start = at;
      boolean negative = peek() == '-';
      if (negative) {
        at++;
      }
      long n = 0;
      int digits = 0;
      while (peek() != terminator) {
        byte d = bytes[at];
        if (d < '0' || d > '9' || digits == 18) {
          throw new BencodeException("bad number", start);
        }
        n = n * 10 + (d - '0');
        digits++;
        at++;
      }
      if (digits == 0) {
        throw new BencodeException("empty number", start);
      }
      at++;
      return negative ? -n : n;
    }

    private byte peek() {
      if (at >= end) {
        throw new BencodeException("input ends early", at);
      }
      return bytes[at];
    }
  }
}
