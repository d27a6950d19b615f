/**
 * Remote workers: processes connected over the gRPC worker stream that serve task handlers. A
 * {@link dev.taskflux.service.worker.RemoteHandler} stands in the handler registry for each name
 * workers serve, so remote attempts run through the same pipeline (timeouts, retries,
 * cancellation) as in-process ones; {@link dev.taskflux.service.worker.WorkerPool} hands each
 * attempt to a worker with free capacity.
 */
package dev.taskflux.service.worker;
