package org.webims.waf.api;

/** The resource a REST API path names does not exist: 404 problem. */
class NotFoundException extends RuntimeException {

  NotFoundException(String message) {
    super(message);
  }
}
