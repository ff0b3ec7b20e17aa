package org.dls4j.shared.data.audio;

/**
 * matplotlib's {@code specgram(x, NFFT, Fs, noverlap)} (its {@code mlab.specgram} defaults: a symmetric Hanning window
 * {@code np.hanning(NFFT)}, no detrending, one-sided power spectral density scaled by frequency) as a float64 array
 * {@code pxx[frequency][segment]} of {@code NFFT / 2 + 1} frequencies and {@code (len(x) - noverlap) / (NFFT -
 * noverlap)} segments. Each column is {@code |fft(window * x[i step : i step + NFFT])|^2} for frequencies 0..NFFT/2,
 * doubled except at 0 and (NFFT even) at NFFT/2, divided by {@code Fs} and by {@code sum(window^2)}. The discrete
 * Fourier transform is computed directly (NFFT need not be a power of two; 200 for the course).
 */
public final class Spectrogram {

    private Spectrogram() {
    }

    /** The number of segments {@code specgram} cuts {@code length} samples into. */
    public static int segments(int length, int nfft, int noverlap) {
        return Math.max(0, (length - noverlap) / (nfft - noverlap));
    }

    /** {@code specgram(x, NFFT=nfft, Fs=fs, noverlap=noverlap)[0]}: the spectrum, frequencies by segments. */
    public static double[][] specgram(double[] x, int nfft, double fs, int noverlap) {
        if (nfft < 2 || noverlap < 0 || noverlap >= nfft) {
            throw new IllegalArgumentException("specgram needs NFFT >= 2 and 0 <= noverlap < NFFT, not NFFT " + nfft
                    + ", noverlap " + noverlap);
        }
        int step = nfft - noverlap;
        int columns = segments(x.length, nfft, noverlap);
        int frequencies = nfft / 2 + 1;
        // np.hanning(M): 0.5 - 0.5 cos(2 pi n / (M - 1))
        double[] window = new double[nfft];
        double windowPower = 0;
        for (int n = 0; n < nfft; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (nfft - 1));
            windowPower += window[n] * window[n];
        }
        double[][] cos = new double[frequencies][nfft];
        double[][] sin = new double[frequencies][nfft];
        for (int k = 0; k < frequencies; k++) {
            for (int n = 0; n < nfft; n++) {
                double angle = 2 * Math.PI * ((long) k * n % nfft) / nfft;
                cos[k][n] = Math.cos(angle);
                sin[k][n] = Math.sin(angle);
            }
        }
        double[][] pxx = new double[frequencies][columns];
        double[] segment = new double[nfft];
        for (int i = 0; i < columns; i++) {
            for (int n = 0; n < nfft; n++) {
                segment[n] = window[n] * x[i * step + n];
            }
            for (int k = 0; k < frequencies; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < nfft; n++) {
                    re += segment[n] * cos[k][n];
                    im -= segment[n] * sin[k][n];
                }
                boolean edge = k == 0 || nfft % 2 == 0 && k == nfft / 2;
                pxx[k][i] = (re * re + im * im) * (edge ? 1 : 2) / fs / windowPower;
            }
        }
        return pxx;
    }
}
