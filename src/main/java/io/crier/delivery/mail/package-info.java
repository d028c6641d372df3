/** The {@code /v1/mails} API for transactional mail, internal to the delivery module. */
package io.crier.delivery.mail;
