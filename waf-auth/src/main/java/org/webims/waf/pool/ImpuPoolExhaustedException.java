package org.webims.waf.pool;

/** Every IMPU of the pool is leased: the web identity gets no token until one is released or lapses. */
public class ImpuPoolExhaustedException extends RuntimeException {

  public ImpuPoolExhaustedException(String pool) {
    super("every IMPU of pool " + pool + " is leased");
  }
}
