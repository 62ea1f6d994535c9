package org.webims.sip.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transaction and dialog tables (docs/wic.md "Size"): what HashMap did for them, checked against it. */
class KeyTableTest {

  /** A key whose hash the test chooses, so runs, wrap-around and shifting back are forced. */
  private record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  @Test
  void getPutRemoveAndSize() {
    KeyTable<String, String> table = new KeyTable<>();
    assertThat(table.get("z9hG4bK1")).isNull();
    table.put("z9hG4bK1", "a");
    table.put("z9hG4bK2", "b");
    table.put("z9hG4bK1", "c");
    assertThat(table.size()).isEqualTo(2);
    assertThat(table.get("z9hG4bK1")).isEqualTo("c");
    assertThat(table.remove("z9hG4bK1")).isEqualTo("c");
    assertThat(table.remove("z9hG4bK1")).isNull();
    assertThat(table.get("z9hG4bK1")).isNull();
    assertThat(table.get("z9hG4bK2")).isEqualTo("b");
    assertThat(table.values()).containsExactly("b");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void removingFromACollidingRunKeepsTheRestFindable() {
    KeyTable<Key, Integer> table = new KeyTable<>();
    // Hashes 15, 15, 0, 15: a run that wraps from the last slot of the 16 to the first ones.
    Key a = new Key(1, 15);
    Key b = new Key(2, 15);
    Key c = new Key(3, 0);
    Key d = new Key(4, 15);
    table.put(a, 1);
    table.put(b, 2);
    table.put(c, 3);
    table.put(d, 4);
    assertThat(table.remove(a)).isEqualTo(1);
    assertThat(table.get(b)).isEqualTo(2);
    assertThat(table.get(c)).isEqualTo(3);
    assertThat(table.get(d)).isEqualTo(4);
    assertThat(table.remove(c)).isEqualTo(3);
    assertThat(table.get(b)).isEqualTo(2);
    assertThat(table.get(d)).isEqualTo(4);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void behavesAsHashMapThroughGrowthAndRemovals() {
    KeyTable<Key, Integer> table = new KeyTable<>();
    Map<Key, Integer> expected = new HashMap<>();
    Random random = new Random(14);
    for (int step = 0; step < 20_000; step++) {
      // Few distinct hashes: long runs of collisions.
      int id = random.nextInt(400);
      Key key = new Key(id, id % 40);
      if (random.nextInt(3) == 0) {
        assertThat(table.remove(key)).isEqualTo(expected.remove(key));
      } else {
        table.put(key, step);
        expected.put(key, step);
      }
      assertThat(table.size()).isEqualTo(expected.size());
    }
    for (Map.Entry<Key, Integer> e : expected.entrySet()) {
      assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
    }
    assertThat(table.values()).containsExactlyInAnyOrderElementsOf(expected.values());
  }
}
