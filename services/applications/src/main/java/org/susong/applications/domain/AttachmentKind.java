package org.susong.applications.domain;

/** What a stored file is to its application. */
public enum AttachmentKind {
    /** A certification the measure asks for (high-tech enterprise, specialised SME, ...). */
    CERTIFICATE,
    /** A contract the facts rest on (technology contract, lease, purchase). */
    CONTRACT,
    /** An audit or special audit report (R&amp;D expense, use of funds). */
    AUDIT_REPORT,
    OTHER
}
