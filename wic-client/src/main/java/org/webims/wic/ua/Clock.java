package org.webims.wic.ua;

/** Wall-clock time in epoch milliseconds; a virtual one in tests. */
public interface Clock {

  long nowMillis();
}
