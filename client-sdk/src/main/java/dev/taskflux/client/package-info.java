/** The Java client of Taskflux: {@link dev.taskflux.client.TaskfluxClient} and the remote {@link dev.taskflux.client.Worker}. */
package dev.taskflux.client;
