package org.webims.waf.provisioning;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list the console and the REST API show (issue 6: "Lists are paged").
 *
 * @param items the entries of this page
 * @param page the page number, from 0
 * @param size the requested page size (after capping)
 * @param total the number of entries over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public Page {
    items = List.copyOf(items);
  }

  /** The number of pages, at least 1 so that an empty list still shows one (empty) page. */
  public int totalPages() {
    return size == 0 ? 1 : (int) Math.max(1, (total + size - 1) / size);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, total);
  }
}
