package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClassPathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Map;

/**
 * Builds a {@link Node} whose plugins come from the application class path.
 *
 * <p>It lives in {@code org.elasticsearch.node} because {@code NodeConstruction} and {@code
 * NodeServiceProvider} are package-private. The server CLI and plugin bundles that a packaged
 * node needs are not published to Maven Central, so this is the only way to run a node from
 * the published jars.
 */
public final class ClassPathNode {

    private ClassPathNode() {}

    /** Constructs (but does not start) a node with the given plugins. */
    public static Node create(Environment environment, Map<String, Class<? extends Plugin>> pluginClasses) {
        NodeServiceProvider serviceProvider = new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new ClassPathPluginsService(env.settings(), env.configDir(), pluginClasses);
            }
        };
        return new Node(NodeConstruction.prepareConstruction(environment, null, serviceProvider, true));
    }
}
