package org.webims.wic;

/** Just enough JSON writing for the exported functions' results (no reflection, no library). */
final class Json {

    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    Json() {
        out.append('{');
    }

    Json field(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    Json field(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    Json field(String name, boolean value) {
        key(name);
        out.append(value);
        return this;
    }

    /** A field whose value is already JSON (an array or object built by the caller). */
    Json raw(String name, String json) {
        key(name);
        out.append(json);
        return this;
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                String hex = Integer.toHexString(c);
                out.append("\\u00").append(hex.length() == 1 ? "0" : "").append(hex);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString() + "}";
    }
}
