package org.susong.techcontracts.persistence;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.FilesConfig;
import org.susong.commons.files.VirusScan;

/** The contracts' files: GridFS bucket {@code contract_files} of this service's database (commons FileStore). */
@ApplicationScoped
public class ContractFiles {

    public static final String BUCKET = "contract_files";

    private final FileStore store;

    ContractFiles(MongoDatabase database,
                  FilesConfig config, VirusScan scan) {
        this.store = new FileStore(database, BUCKET, config.limits(), scan, config.retention());
    }

    public FileStore store() {
        return store;
    }
}
