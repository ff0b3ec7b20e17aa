package org.dls4j.course4;

import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.course4.week2.HappyHouse;
import org.dls4j.course4.week2.ResNetGraphs;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;
import org.dls4j.shared.graph.faceapi.FaceEmbeddingNet;
import org.dls4j.shared.graph.faceapi.TinyFaceDetectorNet;
import org.dls4j.shared.scratch.conv.Convolution;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Course 4's benchmark cases ({@code ./dls bench list}). One from-scratch case, beside the notebook's numpy loops
 * ({@code bench/peers/course4.py}):
 * <ul>
 *   <li>{@code conv-scratch}: week 1's {@code conv_forward} then {@code conv_backward(Z, cache)} of one layer, the
 *       step-by-step notebook's cell scaled up: {@code A_prev (8, 16, 16, 8)}, {@code W (3, 3, 8, 16)}, pad 1,
 *       stride 1, float64 ({@link Convolution}); the last lap's "cost" is {@code np.mean(dW)}.</li>
 * </ul>
 * and one Adam step of a DL4J graph on a batch of 64 x 64 RGB pictures, beside the same network in PyTorch
 * ({@code bench/peers/framework.py}):
 * <ul>
 *   <li>{@code signs-convnet}: week 1's SIGNS ConvNet, batch 64;</li>
 *   <li>{@code happy-house}: the Keras tutorial's Happy House model, batch 16;</li>
 *   <li>{@code resnet-block}: week 2's ResNet stem and stage 2 (a convolutional block, two identity blocks, with
 *       batch normalization) and the classifier head, batch 32;</li>
 *   <li>{@code resnet50}: week 2's ResNet50, 6 classes, batch 32 (the notebook's fit).</li>
 * </ul>
 * and the forward pass of week 3 and 4's pretrained networks (face-api's, {@code org.dls4j.shared.graph.faceapi}),
 * inference only, beside the same layers in PyTorch:
 * <ul>
 *   <li>{@code face-embedding}: the 128-d face embedding ResNet, batch 8 of 3x150x150;</li>
 *   <li>{@code tiny-yolo}: the Tiny-YOLOv2 face detector, batch 4 of 3x416x416.</li>
 * </ul>
 */
public final class Course4Benchmarks implements BenchmarkSuite {

    @Override
    public Workload setUp(String name) {
        return switch (name) {
            case "conv-scratch" -> convScratch();
            case "signs-convnet" -> GraphWorkloads.fitOneBatch(SignsConvNet.graph(1, 0.001),
                    GraphWorkloads.uniform(64, 3, 64, 64), SignsConvNet.CLASSES, 200, 20);
            case "happy-house" -> GraphWorkloads.fitOneBatch(HappyHouse.happyModel(1, 0.001),
                    GraphWorkloads.uniform(16, 3, 64, 64), 1, 200, 20);
            case "resnet-block" -> GraphWorkloads.fitOneBatch(ResNetGraphs.stemAndFirstStage(64, 3, 6, 1, 0.001),
                    GraphWorkloads.uniform(32, 3, 64, 64), 6, 60, 5);
            case "resnet50" -> GraphWorkloads.fitOneBatch(ResNetGraphs.resnet50(64, 3, 6, 1, 0.001),
                    GraphWorkloads.uniform(32, 3, 64, 64), 6, 20, 3);
            case "face-embedding" -> GraphWorkloads.forwardOneBatch(FaceEmbeddingNet.load().graph(),
                    GraphWorkloads.uniform(8, 3, FaceEmbeddingNet.SIDE, FaceEmbeddingNet.SIDE), 50, 5);
            case "tiny-yolo" -> GraphWorkloads.forwardOneBatch(TinyFaceDetectorNet.load().graph(),
                    GraphWorkloads.uniform(4, 3, TinyFaceDetectorNet.SIDE, TinyFaceDetectorNet.SIDE), 50, 5);
            default -> throw new IllegalArgumentException("Course 4 has no benchmark case '" + name + "'");
        };
    }

    /** {@code seed(1)}; {@code randn(8, 16, 16, 8)}, {@code randn(3, 3, 8, 16)}, {@code randn(1, 1, 1, 16)}. */
    private static Workload convScratch() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray aPrev = rng.randn(8, 16, 16, 8);
        INDArray w = rng.randn(3, 3, 8, 16);
        INDArray b = rng.randn(1, 1, 1, 16);
        return new Workload(20, 5, "iteration", (laps, stopwatch) -> {
            double meanDW = Double.NaN;
            for (int i = 0; i < laps; i++) {
                Convolution.Output out = Convolution.forward(aPrev, w, b, 1, 1);
                INDArray dW = Convolution.backward(out.Z(), out.cache()).dW();
                meanDW = NumpySum.sum(dW) / dW.length();
                stopwatch.lap(1);
            }
            return meanDW;
        });
    }
}
