package io.jenkins.plugins.esremote.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

    @TempDir
    Path jvms;

    @Test
    void findsFirstHomeRecentEnough() throws IOException {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Path jdk25 = fakeJdk("jdk-25", "25.0.1");

        Optional<Path> java = JavaRuntimes.find(21, List.of(jdk17, jdk25));

        assertEquals(Optional.of(jdk25.resolve("bin/java")), java);
    }

    @Test
    void findsNothingWhenAllTooOld() throws IOException {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Path jdk8 = fakeJdk("jdk-8", "1.8.0_402");

        assertTrue(JavaRuntimes.find(21, List.of(jdk17, jdk8)).isEmpty());
    }

    @Test
    void ignoresHomeWithoutJava() throws IOException {
        Path broken = jvms.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("release"), "JAVA_VERSION=\"25\"\n");

        assertTrue(JavaRuntimes.find(21, List.of(broken)).isEmpty());
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin/java"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
