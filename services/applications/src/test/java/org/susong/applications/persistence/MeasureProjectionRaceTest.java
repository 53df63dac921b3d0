package org.susong.applications.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * The measure projection has two writers (the {@code eligibility-in} channel and the replay channel, or two
 * replicas), and {@code MeasurePublished} versions may reach them in any order: the projection must end on the
 * newest version whatever the interleaving. Before: the first write of a measure was an unguarded upsert after a
 * read that found nothing, so an older version written second replaced the newer one.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class MeasureProjectionRaceTest {

    @Inject
    MeasureProjection measures;

    @Test
    void two_writers_of_a_new_measure_keep_the_newer_version() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> codes = new ArrayList<>();
            for (int round = 0; round < 60; round++) {
                String code = "R" + UUID.randomUUID().toString().substring(0, 8);
                codes.add(code);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> writes = new ArrayList<>();
                for (int version : new int[] {2, 1}) {
                    writes.add(pool.submit(() -> {
                        together.await();
                        measures.upsert(new MeasureProjection.Measure(code, version, "OPEN", List.of()));
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    w.get();
                }
            }
            for (String code : codes) {
                assertEquals(2, measures.find(code).orElseThrow().version(), "measure " + code + ": version 2 is the newer one"
                        + ", whichever write came first");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
