package io.integrationhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The test fixtures' temp folders (stores, route files), deleted when their hub has stopped. */
final class TempFolders {

    private TempFolders() {
    }

    static void delete(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind fails no test
        }
    }
}
