package org.dls4j.shared.exercise;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Child-first over the learner's compiled classes, then the assignment's module: a class either defines is loaded
 * here, everything else (shared, ND4J, the JDK) by the parent. Loading the module's other classes again beside the
 * learner's (the checks, the test-case builders) makes their calls link to the learner's functions and records
 * rather than to the project's.
 */
final class WorkspaceClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    WorkspaceClassLoader(Path workspaceClasses, URL moduleClasses, ClassLoader parent) {
        super("dls4j-workspace", new URL[] {url(workspaceClasses), moduleClasses}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findResource(name.replace('.', '/') + ".class") != null ? findClass(name)
                        : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static URL url(Path folder) {
        try {
            return folder.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(folder.toString(), e);
        }
    }
}
