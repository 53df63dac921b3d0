package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.FilesConfig;
import org.susong.commons.files.VirusScan;

/** Applications' attachments: GridFS bucket {@code attachments} of this service's database (commons FileStore). */
@ApplicationScoped
public class AttachmentFiles {

    public static final String BUCKET = "attachments";

    private final FileStore store;

    AttachmentFiles(MongoDatabase database,
                    FilesConfig config, VirusScan scan) {
        this.store = new FileStore(database, BUCKET, config.limits(), scan, config.retention());
    }

    public FileStore store() {
        return store;
    }
}
