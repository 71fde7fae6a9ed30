package io.jenkins.plugins.esremote.testkit.node;

import org.elasticsearch.common.settings.KeyStoreWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The subset of {@code bin/elasticsearch-keystore} that tests and the migration use, on the
 * keystore of the config dir given by {@code -Des.path.conf} or {@code ES_PATH_CONF}:
 *
 * <ul>
 *   <li>{@code add [--stdin] [-f|--force] NAME...}: one value per name, read as a line from
 *       standard input; without {@code --force} an existing setting is an error (there is no
 *       prompt to confirm).
 *   <li>{@code remove NAME...}: a missing setting is an error.
 *   <li>{@code list}: one name per line, sorted.
 *   <li>{@code create}: an empty keystore (with its seed).
 * </ul>
 *
 * <p>Exit codes follow the real tool: 0 success, 64 usage error, 65 missing keystore, 78 invalid
 * setting.
 */
public final class KeystoreTool {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int DATA_ERROR = 65;
    static final int CONFIG = 78;

    private KeystoreTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: elasticsearch-keystore (add [--stdin] [--force] NAME... | remove NAME... | list | create)");
            return USAGE;
        }
        String configValue = System.getProperty("es.path.conf", System.getenv("ES_PATH_CONF"));
        if (configValue == null || configValue.isBlank()) {
            err.println("ERROR: the config dir is not set: pass -Des.path.conf=<dir> or set ES_PATH_CONF");
            return USAGE;
        }
        Path configDir = Path.of(configValue);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "add" -> add(configDir, rest, err);
                case "remove" -> remove(configDir, rest, err);
                case "list" -> list(configDir, rest, out, err);
                case "create" -> create(configDir, err);
                default -> {
                    err.println("ERROR: unknown command [" + args[0] + "]: use add, remove, list or create");
                    yield USAGE;
                }
            };
        } catch (Exception e) {
            err.println("ERROR: " + e.getMessage());
            return CONFIG;
        }
    }

    private static int add(Path configDir, List<String> arguments, PrintStream err) throws Exception {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String argument : arguments) {
            switch (argument) {
                case "--stdin", "-x" -> {
                    // Values are always read from standard input: there is no terminal prompt.
                }
                case "--force", "-f" -> force = true;
                default -> {
                    if (argument.startsWith("-")) {
                        err.println("ERROR: unknown option [" + argument + "] for add");
                        return USAGE;
                    }
                    names.add(argument);
                }
            }
        }
        if (names.isEmpty()) {
            err.println("ERROR: the setting name can not be null");
            return USAGE;
        }
        KeyStoreWrapper keystore = KeyStoreWrapper.load(configDir);
        if (keystore == null) {
            if (force == false) {
                err.println("ERROR: Elasticsearch keystore not found at [" + KeyStoreWrapper.keystorePath(configDir)
                    + "]. Use 'create' command to create one, or --force to create it with the setting.");
                return DATA_ERROR;
            }
            keystore = KeyStoreWrapper.create();
        } else {
            keystore.decrypt(new char[0]);
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String name : names) {
            KeyStoreWrapper.validateSettingName(name);
            if (keystore.getSettingNames().contains(name) && force == false) {
                err.println("ERROR: setting [" + name + "] already exists; use --force to overwrite it");
                return CONFIG;
            }
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                err.println("ERROR: the value of setting [" + name + "] can not be empty");
                return DATA_ERROR;
            }
            char[] value = line.toCharArray();
            keystore.setString(name, value);
            Arrays.fill(value, '\0');
        }
        keystore.save(configDir, new char[0]);
        return OK;
    }

    private static int remove(Path configDir, List<String> names, PrintStream err) throws Exception {
        if (names.isEmpty()) {
            err.println("ERROR: Must supply at least one setting to remove");
            return USAGE;
        }
        KeyStoreWrapper keystore = loadExisting(configDir, err);
        if (keystore == null) {
            return DATA_ERROR;
        }
        for (String name : names) {
            if (keystore.getSettingNames().contains(name) == false) {
                err.println("ERROR: Setting [" + name + "] does not exist in the keystore.");
                return CONFIG;
            }
            keystore.remove(name);
        }
        keystore.save(configDir, new char[0]);
        return OK;
    }

    private static int list(Path configDir, List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        if (arguments.isEmpty() == false) {
            err.println("ERROR: list takes no arguments");
            return USAGE;
        }
        KeyStoreWrapper keystore = loadExisting(configDir, err);
        if (keystore == null) {
            return DATA_ERROR;
        }
        for (String name : new TreeSet<>(keystore.getSettingNames())) {
            out.println(name);
        }
        return OK;
    }

    private static int create(Path configDir, PrintStream err) throws Exception {
        if (KeyStoreWrapper.load(configDir) != null) {
            err.println("ERROR: a keystore already exists at [" + KeyStoreWrapper.keystorePath(configDir) + "]");
            return CONFIG;
        }
        KeyStoreWrapper.create().save(configDir, new char[0]);
        return OK;
    }

    private static KeyStoreWrapper loadExisting(Path configDir, PrintStream err) throws IOException, java.security.GeneralSecurityException {
        KeyStoreWrapper keystore = KeyStoreWrapper.load(configDir);
        if (keystore == null) {
            err.println("ERROR: Elasticsearch keystore not found at [" + KeyStoreWrapper.keystorePath(configDir)
                + "]. Use 'create' command to create one.");
            return null;
        }
        keystore.decrypt(new char[0]);
        return keystore;
    }
}
