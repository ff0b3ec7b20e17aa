package org.dls4j.shared.bench;

import java.util.Locale;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.Backend;
import org.dls4j.shared.NumpyRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Compares ND4J builds on two course workloads: the GEMMs of the Course 1 week 4 cats network (float64) and the
 * Course 4 week 1 SIGNS convolution model trained in a ComputationGraph (float32, batch 64 of 64x64x3). The
 * training loops themselves are timed by {@code ./dls bench} ({@link BenchCommand}).
 * Run with the test class path, once per build flavour:
 * {@code ./mvnw -q -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt [-Dnd4j.flavour=-onednn]}
 * then {@code java -cp shared/target/test-classes:shared/target/classes:$(cat shared/cp.txt)
 * org.dls4j.shared.bench.BackendBenchmark}. Not a test: it only prints timings.
 */
public final class BackendBenchmark {

    private BackendBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(Backend.describe());
        gemm();
        convolution();
    }

    /**
     * dW1 = dZ1 . X^T and Z1 = W1 . X with X (12288, 209), float64: the two products that dominate the cats network,
     * here as two whole {@code Nd4j.gemm} calls (the engine, {@code GradientDescent}, runs them as one blocked pass).
     */
    private static void gemm() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray x = rng.rand(12288, 209).castTo(DataType.DOUBLE);
        INDArray w = rng.randn(20, 12288).castTo(DataType.DOUBLE);
        INDArray dz = rng.randn(20, 209).castTo(DataType.DOUBLE);
        INDArray z = Nd4j.create(DataType.DOUBLE, 20, 209);
        INDArray dw = Nd4j.create(DataType.DOUBLE, 20, 12288);
        for (int warm = 0; warm < 20; warm++) {
            Nd4j.gemm(w, x, z, false, false, 1.0, 0.0);
            Nd4j.gemm(dz, x, dw, false, true, 1.0, 0.0);
        }
        int n = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Nd4j.gemm(w, x, z, false, false, 1.0, 0.0);
            Nd4j.gemm(dz, x, dw, false, true, 1.0, 0.0);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(Locale.ROOT, "C1W4 forward+backward GEMMs over X (12288x209, float64): %.2f ms%n", ms);
    }

    /** CONV2D 4x4x8 same, RELU, MAXPOOL 8, CONV2D 2x2x16 same, RELU, MAXPOOL 4, FLATTEN, dense 6 (C4W1). */
    private static void convolution() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .seed(1)
                .updater(new Adam(0.009))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(64, 64, 3, CNN2DFormat.NHWC))
                .addLayer("conv1", new ConvolutionLayer.Builder(4, 4).nOut(8).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build(), "image")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(8, 8)
                        .stride(8, 8).dataFormat(CNN2DFormat.NHWC).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(2, 2).nOut(16).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(4, 4)
                        .stride(4, 4).dataFormat(CNN2DFormat.NHWC).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(6)
                        .activation(Activation.SOFTMAX).build(), "pool2")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        NumpyRandom rng = new NumpyRandom(0);
        INDArray features = rng.rand(64, 64, 64, 3).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 6);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, i % 6, 1f);
        }
        DataSet batch = new DataSet(features, labels);
        for (int warm = 0; warm < 5; warm++) {
            net.fit(batch);
        }
        int n = 30;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            net.fit(batch);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(Locale.ROOT, "C4W1 conv model, one Adam step on a batch of 64 (64x64x3, float32): %.1f ms%n", ms);
    }
}
