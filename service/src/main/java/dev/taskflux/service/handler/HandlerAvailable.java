package dev.taskflux.service.handler;

/**
 * Published when this node becomes able to run instances of a handler it could not run before,
 * such as when the first worker serving a remote handler connects: instances left unclaimed for
 * want of it can be claimed now.
 *
 * @param handler the handler's name
 */
public record HandlerAvailable(String handler) {
}
