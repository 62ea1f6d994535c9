package org.webims.sip.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * A hash table from non-null keys ({@code equals}/{@code hashCode}) to non-null values: the transaction
 * layer's and the dialog layer's tables. Not {@code java.util.HashMap}: in wic.js TeaVM's HashMap with its
 * entry, key-set and value classes is about 1.3 kB gzip (docs/wic.md "Size"), and the layers need only
 * get, put, remove, size and a snapshot of the values.
 *
 * <p>Open addressing with linear probing, at most a quarter full (short runs: as quick as HashMap with few
 * entries, KeyTableBenchmark), deletion by shifting the rest of the run
 * back (no tombstones): a lookup reads one array and calls {@code equals} on the keys of its run, and a
 * put allocates nothing unless the table grows. Not thread-safe, like the layers that own it.
 */
public final class KeyTable<K, V> {

  /** keys at even indexes, their values right after them; null marks a free slot. */
  private Object[] slots = new Object[32];
  private int size;

  /** The value stored under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Object[] s = slots;
    for (int i = slot(key, s.length); s[i] != null; i = next(i, s.length)) {
      if (s[i].equals(key)) {
        return (V) s[i + 1];
      }
    }
    return null;
  }

  /** Stores {@code value} under {@code key}, replacing what was there. */
  public void put(K key, V value) {
    Object[] s = slots;
    int i = slot(key, s.length);
    for (; s[i] != null; i = next(i, s.length)) {
      if (s[i].equals(key)) {
        s[i + 1] = value;
        return;
      }
    }
    s[i] = key;
    s[i + 1] = value;
    if (++size * 8 > s.length) {
      grow();
    }
  }

  /** Removes what is stored under {@code key}; returns it, or null. */
  @SuppressWarnings("unchecked")
  public V remove(K key) {
    Object[] s = slots;
    int i = slot(key, s.length);
    while (s[i] != null && !s[i].equals(key)) {
      i = next(i, s.length);
    }
    if (s[i] == null) {
      return null;
    }
    V removed = (V) s[i + 1];
    size--;
    // Shift back every later entry of the run whose home slot does not lie between the hole and it
    // (Knuth 6.4, algorithm R), so a lookup still finds it before the first free slot.
    int hole = i;
    for (int j = next(i, s.length); s[j] != null; j = next(j, s.length)) {
      int home = slot(s[j], s.length);
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        s[hole] = s[j];
        s[hole + 1] = s[j + 1];
        hole = j;
      }
    }
    s[hole] = null;
    s[hole + 1] = null;
    return removed;
  }

  public int size() {
    return size;
  }

  /** A copy of the values, so the caller may change the table while going through them. */
  @SuppressWarnings("unchecked")
  public List<V> values() {
    List<V> values = new ArrayList<>(size);
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] != null) {
        values.add((V) slots[i + 1]);
      }
    }
    return values;
  }

  private void grow() {
    Object[] old = slots;
    Object[] s = new Object[old.length * 2];
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] != null) {
        int i = slot(old[j], s.length);
        while (s[i] != null) {
          i = next(i, s.length);
        }
        s[i] = old[j];
        s[i + 1] = old[j + 1];
      }
    }
    slots = s;
  }

  /** The even index a key's run starts at in a table of {@code length} slots (a power of two). */
  private static int slot(Object key, int length) {
    // Fibonacci hashing: neighbouring hash codes land far apart, so runs stay short.
    int h = key.hashCode() * 0x9E3779B9;
    return (h ^ h >>> 16) * 2 & length - 1;
  }

  private static int next(int i, int length) {
    return i + 2 & length - 1;
  }
}
