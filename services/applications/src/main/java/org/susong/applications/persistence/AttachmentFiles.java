package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.FilesConfig;
import org.susong.commons.files.VirusScan;

/** Applications' attachments: GridFS bucket {@code attachments} of this service's database (commons FileStore). */
@ApplicationScoped
public class AttachmentFiles {

    public static final String BUCKET = "attachments";

    private final FileStore store;

    AttachmentFiles(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                    FilesConfig config, VirusScan scan) {
        this.store = new FileStore(mongo.getDatabase(database), BUCKET, config.limits(), scan, config.retention());
    }

    public FileStore store() {
        return store;
    }
}
