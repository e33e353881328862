package dev.massager.infra;

import dev.massager.broker.DeviceAuthExtensionMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The {@code broker-auth} extension as the folder a HiveMQ installation loads from its {@code extensions} directory:
 * the descriptor and a jar, made from the extension's classes on this JVM's class path (its jar, or its classes
 * folder when run from an IDE).
 */
final class AuthExtensionFolder {

    private AuthExtensionFolder() {}

    /**
     * Creates the folder.
     *
     * @param parent where to create it
     * @return the folder, named after the extension's id as HiveMQ requires
     */
    static Path create(Path parent) {
        try {
            Path folder = Files.createDirectories(parent.resolve(DeviceAuthExtensionMain.ID));
            try (InputStream descriptor =
                    DeviceAuthExtensionMain.class.getResourceAsStream(DeviceAuthExtensionMain.DESCRIPTOR)) {
                if (descriptor == null) {
                    throw new IllegalStateException("No " + DeviceAuthExtensionMain.DESCRIPTOR + " in broker-auth");
                }
                Files.copy(descriptor, folder.resolve(DeviceAuthExtensionMain.DESCRIPTOR));
            }
            Path classes = Path.of(DeviceAuthExtensionMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path jar = folder.resolve(DeviceAuthExtensionMain.ID + ".jar");
            if (Files.isDirectory(classes)) {
                writeJar(classes, jar);
            } else {
                Files.copy(classes, jar);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the broker-auth extension folder", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot find the broker-auth classes", e);
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream archive = new JarOutputStream(out)) {
            for (Path file : files) {
                archive.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, archive);
                archive.closeEntry();
            }
        }
    }
}
