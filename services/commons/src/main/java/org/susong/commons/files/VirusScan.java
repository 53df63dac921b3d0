package org.susong.commons.files;

/**
 * The port to a virus scanner: every upload passes it before it is stored; a refused file answers 422 and is not kept.
 * No scanner is connected yet ({@link VirusScans.Mode#ACCEPT}); one is plugged in as a bean of this type.
 */
public interface VirusScan {

    /** The scanner's answer; {@code reason} says why a file is refused (null when clean). */
    record Verdict(boolean clean, String reason) {
        public static final Verdict CLEAN = new Verdict(true, null);

        public static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    Verdict scan(String fileName, String mediaType, byte[] content);
}
