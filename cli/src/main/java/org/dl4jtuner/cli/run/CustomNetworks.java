package org.dl4jtuner.cli.run;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.models.CustomNetwork;

/**
 * Loads the class a spec's {@code model.class} names from the run's {@code --classpath} and makes
 * an instance of it; every way this can go wrong is a {@link UserError} naming the class and why.
 */
final class CustomNetworks {
    private CustomNetworks() {
    }

    static CustomNetwork load(String className, List<Path> classpath) {
        ClassLoader loader = loader(classpath);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UserError("model.class: " + className + " was not found on the classpath" + (classpath.isEmpty()
                    ? "; give the jar or folder that holds it with --classpath" : " " + classpath));
        } catch (LinkageError e) {
            throw new UserError("model.class: " + className + " could not be loaded: " + describe(e));
        }
        if (!CustomNetwork.class.isAssignableFrom(type)) {
            throw new UserError("model.class: " + className + " does not implement " + CustomNetwork.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new UserError("model.class: " + className + " must be a public, concrete class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (CustomNetwork) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new UserError("model.class: " + className + " needs a public constructor without arguments");
        } catch (InvocationTargetException e) {
            throw new UserError("model.class: " + className + "'s constructor threw " + describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UserError("model.class: " + className + " could not be created: " + describe(e));
        }
    }

    private static ClassLoader loader(List<Path> classpath) {
        ClassLoader parent = CustomNetworks.class.getClassLoader();
        if (classpath.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            Path entry = classpath.get(i);
            if (!Files.exists(entry)) {
                throw new UserError("--classpath: " + entry + " does not exist");
            }
            try {
                urls[i] = entry.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UserError("--classpath: " + entry + " is not a usable path (" + e.getMessage() + ")");
            }
        }
        return new URLClassLoader("custom-networks", urls, parent);
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
