package org.ketang.recorder.control;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.ketang.agent.protocol.Enrollment;
import org.ketang.recorder.AgentJson;

/**
 * The device credentials, kept in {@code <data>/credentials.json} readable by the agent's user only (mode 600):
 * which platform the box belongs to and what enrollment gave it.
 *
 * @param platform   the platform's base URL
 * @param enrollment the device id, token, classroom and heartbeat interval
 */
public record Credentials(URI platform, Enrollment enrollment) {

    /** The file's name in the data folder. */
    public static final String FILE = "credentials.json";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The stored credentials, if the box was enrolled. */
    public static Optional<Credentials> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(AgentJson.MAPPER.readValue(Files.readAllBytes(file), Credentials.class));
    }

    /** Stores the credentials with mode 600 (set before the token is written). */
    public void save(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Path temp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.write(temp, AgentJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
