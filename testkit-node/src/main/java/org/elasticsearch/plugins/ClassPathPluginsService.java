package org.elasticsearch.plugins;

import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugins service that instantiates plugin classes found on the application class path instead
 * of reading plugin bundles from a plugins directory.
 *
 * <p>It lives in {@code org.elasticsearch.plugins} to reach the package-private {@code
 * LoadedPlugin} record and {@code loadPlugin}. All plugins share one class loader, so service
 * providers are created once each and bound to the plugin instance that their one-argument
 * constructor expects, where the stock service would create them once per plugin.
 */
public class ClassPathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loadedPlugins;
    private final PluginsAndModules pluginsInfo;
    private final Map<Class<?>, List<?>> serviceProviders = new ConcurrentHashMap<>();

    /**
     * Creates the service and instantiates each plugin class with the node settings.
     *
     * @param pluginClasses plugin names (as {@code GET _nodes/plugins} lists them) to classes
     */
    public ClassPathPluginsService(Settings settings, Path configDir, Map<String, Class<? extends Plugin>> pluginClasses) {
        super(settings, configDir, emptyPluginsLoader());
        List<LoadedPlugin> loaded = new ArrayList<>();
        List<PluginDescriptor> descriptors = new ArrayList<>();
        for (Map.Entry<String, Class<? extends Plugin>> entry : pluginClasses.entrySet()) {
            PluginDescriptor descriptor = newDescriptor(entry.getKey(), entry.getValue());
            Plugin plugin = loadPlugin(entry.getValue(), settings, configDir);
            loaded.add(new LoadedPlugin(descriptor, plugin, entry.getValue().getClassLoader()));
            descriptors.add(descriptor);
        }
        this.loadedPlugins = List.copyOf(loaded);
        this.pluginsInfo = new PluginsAndModules(
            descriptors.stream().map(d -> new PluginRuntimeInfo(d)).toList(),
            List.of()
        );
        loadExtensions();
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loadedPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return pluginsInfo;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        return (List<? extends T>) serviceProviders.computeIfAbsent(service, this::createServiceProviders);
    }

    private List<?> createServiceProviders(Class<?> service) {
        Set<Class<?>> providerClasses = new LinkedHashSet<>();
        SPIClassIterator<?> iterator = SPIClassIterator.get(service, getClass().getClassLoader());
        while (iterator.hasNext()) {
            providerClasses.add(iterator.next());
        }
        List<Object> providers = new ArrayList<>();
        for (Class<?> providerClass : providerClasses) {
            Object provider = instantiateProvider(providerClass);
            if (provider != null) {
                providers.add(provider);
            }
        }
        return Collections.unmodifiableList(providers);
    }

    /**
     * Creates a provider with the loaded plugin its one-argument constructor takes, or else with
     * its no-argument constructor. Returns null when neither fits, because a real node does not
     * load a provider whose plugin is absent.
     */
    private Object instantiateProvider(Class<?> providerClass) {
        Constructor<?> noArgument = null;
        try {
            for (Constructor<?> constructor : providerClass.getConstructors()) {
                if (constructor.getParameterCount() == 0) {
                    noArgument = constructor;
                } else if (constructor.getParameterCount() == 1) {
                    Class<?> parameterType = constructor.getParameterTypes()[0];
                    for (LoadedPlugin loaded : loadedPlugins) {
                        if (parameterType.isInstance(loaded.instance())) {
                            return constructor.newInstance(loaded.instance());
                        }
                    }
                }
            }
            return noArgument == null ? null : noArgument.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("failed to create service provider " + providerClass.getName(), e);
        }
    }

    private void loadExtensions() {
        ExtensiblePlugin.ExtensionLoader extensionLoader = new ExtensiblePlugin.ExtensionLoader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> List<T> loadExtensions(Class<T> extensionPointType) {
                return (List<T>) loadServiceProviders(extensionPointType);
            }
        };
        for (LoadedPlugin loaded : loadedPlugins) {
            if (loaded.instance() instanceof ExtensiblePlugin extensible) {
                extensible.loadExtensions(extensionLoader);
            }
        }
    }

    // The public factory also registers the server module's qualified exports, which fails
    // when the server runs from the class path (an unnamed module has no descriptor).
    private static PluginsLoader emptyPluginsLoader() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    /**
     * Builds a descriptor by reflection: 9.x added a deployment target as a thirteenth
     * constructor argument, which stays null here.
     */
    private static PluginDescriptor newDescriptor(String name, Class<? extends Plugin> pluginClass) {
        Object[] arguments = {
            name,
            "loaded from the class path",
            Version.CURRENT.toString(),
            Version.CURRENT.toString(),
            "17",
            pluginClass.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false };
        for (Constructor<?> constructor : PluginDescriptor.class.getConstructors()) {
            int count = constructor.getParameterCount();
            if (count < arguments.length || constructor.getParameterTypes()[0] != String.class) {
                continue;
            }
            Object[] padded = new Object[count];
            System.arraycopy(arguments, 0, padded, 0, arguments.length);
            try {
                return (PluginDescriptor) constructor.newInstance(padded);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("failed to describe plugin " + name, e);
            }
        }
        throw new IllegalStateException("no known PluginDescriptor constructor in this Elasticsearch version");
    }
}
