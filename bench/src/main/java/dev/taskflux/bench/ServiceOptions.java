package dev.taskflux.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Extra Spring properties for the service under test, to compare engine settings. */
final class ServiceOptions {

    @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
            description = "service property, repeatable; e.g. -P taskflux.scheduler.batch-size=1000")
    Map<String, String> properties = new LinkedHashMap<>();
}
