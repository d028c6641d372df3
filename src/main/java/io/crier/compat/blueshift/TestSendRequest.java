package io.crier.compat.blueshift;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.crier.audience.EmailAddress;
import io.crier.delivery.TestSends;

/**
 * The body of {@code POST /api/v1/email_templates/test_send.json}. No stored Blueshift document
 * shows it: this is Crier's reading of the call, {@code template_uuid} and the addresses in
 * {@code emails}, or one in {@code email}, or both. Other fields ({@code user},
 * {@code extended_attributes}) are accepted and ignored.
 */
record TestSendRequest(
        @NotBlank String template_uuid,
        @Size(max = TestSends.MAX_ADDRESSES) List<@NotNull @EmailAddress String> emails,
        @EmailAddress String email) {

    /** Every address named, {@code emails} first. */
    List<String> addresses() {
        List<String> addresses = new ArrayList<>(emails == null ? List.of() : emails);
        if (email != null) {
            addresses.add(email);
        }
        return addresses;
    }
}
