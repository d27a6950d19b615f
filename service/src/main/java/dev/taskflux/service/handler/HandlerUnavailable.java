package dev.taskflux.service.handler;

/**
 * Published when this node can no longer run instances of a handler it could run before, such as
 * when the last worker serving a remote handler disconnects: instances this node holds for it but
 * has not started are handed back, for a node that can run them.
 *
 * @param handler the handler's name
 */
public record HandlerUnavailable(String handler) {
}
