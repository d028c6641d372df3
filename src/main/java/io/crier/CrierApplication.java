package io.crier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.crier.shared.MailRuntime;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrierApplication {

    public static void main(String[] args) {
        MailRuntime.configure();
        SpringApplication.run(CrierApplication.class, args);
    }
}
