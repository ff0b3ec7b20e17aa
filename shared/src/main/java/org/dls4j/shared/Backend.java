package org.dls4j.shared;

import java.util.Locale;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/** A one-line description of the ND4J backend, printed when an assignment starts. */
public final class Backend {

    private Backend() {
    }

    /** E.g. {@code ND4J CpuBackend (OpenBLAS), 2 threads, default dtype DOUBLE, OMP_WAIT_POLICY=PASSIVE}. */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Object blas = env.getOrDefault("blas.vendor", "unknown BLAS");
        Object threads = env.getOrDefault("omp.threads", Runtime.getRuntime().availableProcessors());
        String waitPolicy = System.getenv("OMP_WAIT_POLICY");
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "ND4J %s (%s), %s threads, default dtype %s",
                backend, blas, threads, Nd4j.dataType()));
        if (!"PASSIVE".equalsIgnoreCase(waitPolicy)) {
            s.append("; warning: OMP_WAIT_POLICY is not PASSIVE, small networks run several times slower");
        }
        return s.toString();
    }
}
