package org.susong.applications.domain;

/** Metadata of a document the applicant holds (the file itself lives elsewhere): enough to prove which file was meant. */
public record Attachment(String fileName, String sha256, long sizeBytes, String kind) {
}
