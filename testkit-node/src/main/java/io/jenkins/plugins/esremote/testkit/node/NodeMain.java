package io.jenkins.plugins.esremote.testkit.node;

import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClassPathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.elasticsearch.xpack.core.XPackPlugin;
import org.elasticsearch.xpack.security.testkit.ClassPathSecurity;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a node's child JVM: {@code NodeMain <config dir>}.
 *
 * <p>The config dir contains {@code elasticsearch.yml} and, once created, {@code
 * elasticsearch.keystore}. The node's home is its parent. The node stops when its standard input
 * reaches its end, so it never outlives the JVM that started it, even when that JVM is killed.
 */
public final class NodeMain {

    /** Optional plugin emulating CCR, transforms and ML; loaded only when on the class path. */
    static final String EMULATION_PLUGIN = "io.jenkins.plugins.esremote.testkit.emulation.EmulationPlugin";

    /** System property that turns the emulation plugin off with {@code false}. */
    static final String EMULATION_PROPERTY = "testkit.emulation";

    /** Environment variable holding the initial password of the {@code elastic} user. */
    public static final String PASSWORD_VARIABLE = "ELASTIC_PASSWORD";

    /** Printed on standard output once the node has started. */
    public static final String STARTED_LINE = "testkit-node: started";

    private NodeMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: NodeMain <config dir>");
            System.exit(64);
        }
        try {
            run(Path.of(args[0]).toAbsolutePath());
        } catch (Throwable e) {
            // Exit even if construction left non-daemon threads behind: testkit reads the log.
            System.err.println("testkit-node: the node failed to start");
            e.printStackTrace();
            System.exit(1);
        }

        // Node threads are daemon threads: this (non-daemon) main thread keeps the JVM alive.
        waitForEndOfStandardInput();
        System.err.println("testkit-node: standard input closed, stopping the node");
        System.exit(0);
    }

    private static void run(Path configDir) throws Exception {

        LogConfigurator.registerErrorListener();
        KeyStoreWrapper keystore = loadOrCreateKeystore(configDir);
        Settings initial = Settings.builder()
            .put("path.home", configDir.getParent().toString())
            .setSecureSettings(keystore)
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(initial, Map.of(), configDir, () -> "node");
        Files.createDirectories(environment.logsDir());
        writeLoggingConfiguration(configDir);
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
        LogConfigurator.configure(environment, true);

        Node node = ClassPathNode.create(environment, pluginClasses());
        keystore.close();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node), "testkit-node-shutdown"));
        node.start();
        PrintStream out = System.out;
        out.println(STARTED_LINE);
        out.flush();
    }

    static Map<String, Class<? extends Plugin>> pluginClasses() {
        Map<String, Class<? extends Plugin>> plugins = new LinkedHashMap<>();
        plugins.put("transport-netty4", Netty4Plugin.class);
        plugins.put("x-pack-core", XPackPlugin.class);
        plugins.put("x-pack-security", ClassPathSecurity.class);
        plugins.put("testkit-analysis", ClassPathAnalysisPlugin.class);
        String version = Build.current().version();
        boolean wanted = Boolean.parseBoolean(System.getProperty(EMULATION_PROPERTY, "true"));
        if (wanted && !version.startsWith("8.")) {
            // The emulation is compiled against the 8.x server API, whose Metadata.Custom and
            // ActionHandler types 9.x changed, so loading it on 9.x fails with a linkage error.
            System.out.println("testkit: emulated CCR, transforms and ML are built for Elasticsearch"
                    + " 8.x and are not loaded on " + version);
            wanted = false;
        }
        if (wanted) {
            try {
                Class<?> emulation = Class.forName(EMULATION_PLUGIN);
                plugins.put("testkit-emulation", emulation.asSubclass(Plugin.class));
            } catch (ClassNotFoundException e) {
                // Not built into this class path: the node runs without emulated features.
            }
        }
        return plugins;
    }

    /**
     * Loads the keystore, creating it on first start. As the Docker image of Elasticsearch does,
     * the environment variable {@value #PASSWORD_VARIABLE} sets the initial password of the
     * {@code elastic} user (keystore entry {@code bootstrap.password}); an environment variable
     * keeps it out of the process list.
     */
    private static KeyStoreWrapper loadOrCreateKeystore(Path configDir) throws Exception {
        KeyStoreWrapper keystore = KeyStoreWrapper.load(configDir);
        if (keystore == null) {
            KeyStoreWrapper created = KeyStoreWrapper.create();
            String password = System.getenv(PASSWORD_VARIABLE);
            if (password != null && password.isEmpty() == false) {
                created.setString("bootstrap.password", password.toCharArray());
            }
            created.save(configDir, new char[0]);
            keystore = KeyStoreWrapper.load(configDir);
        }
        keystore.decrypt(new char[0]);
        return keystore;
    }

    private static void writeLoggingConfiguration(Path configDir) throws IOException {
        Path target = configDir.resolve("log4j2.properties");
        if (Files.exists(target)) {
            return;
        }
        try (InputStream in = NodeMain.class.getResourceAsStream("log4j2.properties")) {
            Files.copy(in, target);
        }
    }

    private static void waitForEndOfStandardInput() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // Input is ignored: only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, the same as end of input.
        }
    }

    private static void close(Node node) {
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            e.printStackTrace();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
