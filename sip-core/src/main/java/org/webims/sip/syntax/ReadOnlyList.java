package org.webims.sip.syntax;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable copy of a list, for parsed values shared by every reader of an immutable message
 * or document. Not {@code Collections.unmodifiableList}: in wic.js that brings TeaVM's whole
 * Collections class and its wrappers (about 0.5 kB gzip); AbstractList is there already.
 * Safe to publish without a lock: its one field is final (JLS §17.5).
 */
public final class ReadOnlyList<T> extends AbstractList<T> implements RandomAccess {

  private static final ReadOnlyList<Object> EMPTY = new ReadOnlyList<>(new Object[0]);

  private final Object[] items;

  private ReadOnlyList(Object[] items) {
    this.items = items;
  }

  /** A read-only copy of {@code list}. */
  @SuppressWarnings("unchecked")
  public static <T> List<T> copyOf(List<T> list) {
    return list.isEmpty() ? (List<T>) EMPTY : new ReadOnlyList<>(list.toArray());
  }

  /** A read-only view of {@code items}, which its owner never changes after this call (no copy). */
  public static <T> List<T> view(T[] items) {
    return new ReadOnlyList<>(items);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
