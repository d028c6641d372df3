package io.crier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrierApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrierApplication.class, args);
    }
}
