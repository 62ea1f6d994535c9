package org.webims.wwsf.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the JSON of {@code /wic/session} and the payload of its JWT in tests. */
public final class Json {

  private Json() {
  }

  public static JsonNode parse(String json) {
    return JsonMapper.shared().readTree(json);
  }

  /** The claims of a JWT, decoded without checking the signature (the test only reads them). */
  public static JsonNode jwtPayload(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWS compact serialization");
    }
    return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  public static List<String> strings(JsonNode array) {
    return array.values().stream().map(JsonNode::asString).toList();
  }
}
