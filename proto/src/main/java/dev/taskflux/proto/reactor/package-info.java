/**
 * The bridge between gRPC calls and Reactor, shared by the service and the client SDK. Streams keep
 * gRPC flow control end to end: an outbound {@code Flux} is requested one message at a time while
 * the transport is ready, and inbound messages are requested from the transport only as the
 * subscriber asks for them. Cancelling either side (a disposed subscription, a cancelled call, an
 * expired deadline) cancels the other.
 */
package dev.taskflux.proto.reactor;
