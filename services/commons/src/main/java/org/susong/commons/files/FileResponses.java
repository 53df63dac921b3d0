package org.susong.commons.files;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.susong.commons.rest.ProblemException;

/** The REST side of stored files, the same in every service: the file name an upload gives, and a download's answer. */
public final class FileResponses {

    /** The header carrying a download's SHA-256 (hex), the value listed with the file. */
    public static final String CHECKSUM_HEADER = "X-Checksum-SHA256";

    /** OpenAPI texts of every service's files: an upload's rules (its operation adds who may), ... */
    public static final String UPLOAD_RULES = "The body is the file itself, its type in `Content-Type` "
            + "(`susong.files.content-types`: PDF, PNG, JPEG; another type 415), at most `susong.files.max-size` "
            + "(10 MB; 413 above). Its first bytes must be those of its type and the virus scan must pass it (422, "
            + "`field` `Content-Type` or `file`); a refused file is not kept.";
    /** ... a download's (its operation adds who may) ... */
    public static final String DOWNLOAD_RULES = "The content as uploaded, checked against its SHA-256 before it is sent "
            + "(a damaged file is not served: 500).";
    /** ... and the fields of a file's view. */
    public static final String SHA256 = "SHA-256 of the content, 64 lower-case hex digits; the download sends it as `"
            + CHECKSUM_HEADER + "` after checking the content against it";
    public static final String RETAIN_UNTIL = "When the retention ends and the file is deleted";

    private FileResponses() {
    }

    /**
     * The name an upload gives its file, trimmed: required, at most 255 characters, a name and not a path (no
     * {@code /} or {@code \}, not {@code .} or {@code ..}), no control characters; 400 {@code fileName} otherwise.
     */
    public static String fileName(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty()) {
            throw ProblemException.badRequest("fileName", "fileName is required");
        }
        if (name.length() > 255) {
            throw ProblemException.badRequest("fileName", "fileName has more than 255 characters");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("fileName", "fileName must be a file's name, not a path");
        }
        return name;
    }

    /** 200 with the content, its type, its SHA-256 and its name (ASCII fallback and RFC 6266 {@code filename*}). */
    public static Response download(FileStore.Download download) {
        StoredFile file = download.file();
        String ascii = file.fileName().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(download.content(), file.contentType()).header(CHECKSUM_HEADER, file.sha256())
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .build();
    }
}
