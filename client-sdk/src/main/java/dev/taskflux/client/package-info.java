/**
 * The Java client of Taskflux: {@link dev.taskflux.client.TaskfluxClient} (every task operation, and
 * {@link dev.taskflux.client.TaskfluxClient#events(dev.taskflux.client.EventFilter, long) events}, a
 * lifecycle event watch that resumes by itself) and the remote {@link dev.taskflux.client.Worker}.
 */
package dev.taskflux.client;
