package org.dls4j.course4;

import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.course4.week2.HappyHouse;
import org.dls4j.course4.week2.ResNetGraphs;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;

/**
 * Course 4's benchmark cases ({@code ./dls bench list}), one Adam step of a DL4J graph on a batch of 64 x 64 RGB
 * pictures, beside the same network in PyTorch ({@code bench/peers/framework.py}):
 * <ul>
 *   <li>{@code signs-convnet}: week 1's SIGNS ConvNet, batch 64;</li>
 *   <li>{@code happy-house}: the Keras tutorial's Happy House model, batch 16;</li>
 *   <li>{@code resnet-block}: week 2's ResNet stem and stage 2 (a convolutional block, two identity blocks, with
 *       batch normalization) and the classifier head, batch 32;</li>
 *   <li>{@code resnet50}: week 2's ResNet50, 6 classes, batch 32 (the notebook's fit).</li>
 * </ul>
 */
public final class Course4Benchmarks implements BenchmarkSuite {

    @Override
    public Workload setUp(String name) {
        return switch (name) {
            case "signs-convnet" -> GraphWorkloads.fitOneBatch(SignsConvNet.graph(1, 0.001),
                    GraphWorkloads.uniform(64, 3, 64, 64), SignsConvNet.CLASSES, 200, 20);
            case "happy-house" -> GraphWorkloads.fitOneBatch(HappyHouse.happyModel(1, 0.001),
                    GraphWorkloads.uniform(16, 3, 64, 64), 1, 200, 20);
            case "resnet-block" -> GraphWorkloads.fitOneBatch(ResNetGraphs.stemAndFirstStage(64, 3, 6, 1, 0.001),
                    GraphWorkloads.uniform(32, 3, 64, 64), 6, 60, 5);
            case "resnet50" -> GraphWorkloads.fitOneBatch(ResNetGraphs.resnet50(64, 3, 6, 1, 0.001),
                    GraphWorkloads.uniform(32, 3, 64, 64), 6, 20, 3);
            default -> throw new IllegalArgumentException("Course 4 has no benchmark case '" + name + "'");
        };
    }
}
