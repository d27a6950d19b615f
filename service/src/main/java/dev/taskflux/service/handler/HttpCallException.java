package dev.taskflux.service.handler;

/** A webhook call failed in a way a later attempt may not: a 5xx, 408 or 429 status, a timeout. */
class HttpCallException extends RuntimeException {

    HttpCallException(String message) {
        super(message);
    }

    HttpCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
