package dev.taskflux.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TaskfluxApplication {
    public static void main(String[] args) {
        SpringApplication.run(TaskfluxApplication.class, args);
    }
}
