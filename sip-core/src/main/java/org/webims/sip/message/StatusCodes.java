package org.webims.sip.message;

/** Reason phrases of the status codes this product sends (RFC 3261 §21 and extensions). */
public final class StatusCodes {

  private StatusCodes() {
  }

  public static String reasonPhrase(int code) {
    switch (code) {
      case 100: return "Trying";
      case 200: return "OK";
      case 202: return "Accepted";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 407: return "Proxy Authentication Required";
      case 408: return "Request Timeout";
      case 420: return "Bad Extension";
      case 421: return "Extension Required";
      case 423: return "Interval Too Brief";
      case 430: return "Flow Failed";
      case 439: return "First Hop Lacks Outbound Support";
      case 481: return "Call/Transaction Does Not Exist";
      case 482: return "Loop Detected";
      case 483: return "Too Many Hops";
      case 489: return "Bad Event";
      case 500: return "Server Internal Error";
      case 501: return "Not Implemented";
      case 503: return "Service Unavailable";
      case 504: return "Server Time-out";
      case 505: return "Version Not Supported";
      case 513: return "Message Too Large";
      default: return code < 200 ? "Provisional" : code < 300 ? "OK" : code < 400 ? "Redirect"
          : code < 500 ? "Request Failure" : code < 600 ? "Server Failure" : "Global Failure";
    }
  }
}
