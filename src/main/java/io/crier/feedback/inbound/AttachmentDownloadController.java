package io.crier.feedback.inbound;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.crier.shared.ApiException;

/**
 * Where an {@link AttachmentLinks} link leads: the attachment's bytes, always as a download of
 * type {@code application/octet-stream} whatever the message claims, so a browser never renders
 * hostile HTML or script sent as an attachment. 404 for a link that expired, was changed, or
 * names a message no longer kept. Not in the OpenAPI document, as the other links outside the API
 * (unsubscribe, tracking) are not: the API's attachment call hands it out.
 */
@Hidden
@RestController
class AttachmentDownloadController {

    private final AttachmentLinks links;
    private final InboundFolder folder;
    private final long maxBytes;

    AttachmentDownloadController(AttachmentLinks links, InboundFolder folder, InboundProperties properties) {
        this.links = links;
        this.folder = folder;
        this.maxBytes = properties.maxMessageSize().toBytes();
    }

    @GetMapping(AttachmentLinks.PATH + "{token}")
    ResponseEntity<byte[]> download(@PathVariable String token) {
        AttachmentLinks.Target target = links.open(token).orElseThrow(AttachmentDownloadController::gone);
        InboundContent content = folder.raw(target.messageId()).map(InboundContent::of)
                .orElseThrow(AttachmentDownloadController::gone);
        InboundContent.Attachment attachment = content.attachment(target.index())
                .orElseThrow(AttachmentDownloadController::gone);
        byte[] bytes = content.attachmentBytes(target.index(), maxBytes).orElseThrow(AttachmentDownloadController::gone);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes);
    }

    private static ApiException gone() {
        return ApiException.notFound("ATTACHMENT", "Attachment");
    }
}
