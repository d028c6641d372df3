package io.crier.audience;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;

/**
 * Bulk imports: JSON ({@code /bulk}) and CSV ({@code /import}, a raw body or a multipart {@code file}).
 * Both upsert by email and may add every imported contact to lists given as {@code listIds}
 * (comma-separated in the query or form; in the JSON body as an array). A body is first checked
 * whole, so a malformed one is a 400 that writes nothing; then its rows are imported.
 */
@Tag(name = "Contacts")
@RestController
@RequestMapping("/v1/contacts")
class ContactImportController {

    private static final String CSV = "text/csv";
    private static final String APPLICATION_CSV = "application/csv";

    private final JsonContactReader json;
    private final ContactImporter importer;
    private final ListService lists;

    ContactImportController(JsonContactReader json, ContactImporter importer, ListService lists) {
        this.json = json;
        this.importer = importer;
        this.lists = lists;
    }

    @PostMapping(path = "/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<ImportResult> importJson(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String listIds, InputStream body) throws IOException {
        try (SpooledBody spooled = SpooledBody.copyOf(body)) {
            JsonContactReader.Bulk bulk = json.read(spooled);
            Set<UUID> targets = new LinkedHashSet<>(lists(caller, listIds));
            targets.addAll(lists.require(caller.workspaceId(), "listIds", bulk.listIds()));
            return finished(importer.run(caller.workspaceId(), List.copyOf(targets), bulk.contacts()));
        }
    }

    @PostMapping(path = "/import", consumes = {CSV, APPLICATION_CSV})
    ApiResponse<ImportResult> importCsv(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String listIds,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        Charset charset = charset(contentType, HttpHeaders.CONTENT_TYPE);
        try (SpooledBody spooled = SpooledBody.copyOf(body)) {
            RowSource rows = CsvContactReader.read(spooled, charset, "body");
            return finished(importer.run(caller.workspaceId(), lists(caller, listIds), rows));
        }
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ApiResponse<ImportResult> importCsvFile(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String listIds, @RequestPart("file") MultipartFile file)
            throws IOException {
        RowSource rows = CsvContactReader.read(file::getInputStream, charset(file.getContentType(), "file"), "file");
        return finished(importer.run(caller.workspaceId(), lists(caller, listIds), rows));
    }

    /** The charset a content type names; UTF-8 if it names none. */
    private static Charset charset(String contentType, String field) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset named = MediaType.parseMediaType(contentType).getCharset();
            return named == null ? StandardCharsets.UTF_8 : named;
        } catch (IllegalArgumentException unknown) {
            throw ApiException.invalid(field, "names a charset that is not supported");
        }
    }

    private List<UUID> lists(ApiPrincipal caller, String commaSeparated) {
        return lists.require(caller.workspaceId(), "listIds", ListLookup.split(commaSeparated));
    }

    private static ApiResponse<ImportResult> finished(ImportResult result) {
        return ApiResponse.of(result, result.summary());
    }
}
