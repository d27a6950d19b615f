package dev.taskflux.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Taskflux service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TaskfluxApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskfluxApplication.class, args);
    }
}
