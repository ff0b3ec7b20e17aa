package org.dls4j.course4.week4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.DataException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The graded cost functions (reference section 6.1): exact where the notebook's inputs are numpy's, by property and
 * against numpy on numpy-seeded arrays where the notebook's are TensorFlow's.
 */
class NeuralStyleTransferTest {

    /** 2021: total_cost(0.2, 0.8) == 34 and total_cost(0.3, 0.5, 3, 8) close to 4.9. */
    @Test
    void totalCostOfThe2021Asserts() {
        assertEquals(34.0, NeuralStyleTransfer.totalCost(0.2, 0.8), 0.0);
        assertEquals(4.9, NeuralStyleTransfer.totalCost(0.3, 0.5, 3, 8), 1e-15);
    }

    /** 2021: np.random.seed(1); total_cost(uniform(0, 1), uniform(0, 1)) prints J = 32.98319978471206. */
    @Test
    void totalCostOfNumpyUniformsIsThe2021Print() {
        NumpyRandom rng = new NumpyRandom(1);
        double jContent = rng.uniform(0, 1);
        double jStyle = rng.uniform(0, 1);
        assertEquals(32.98319978471206, NeuralStyleTransfer.totalCost(jContent, jStyle), 0.0);
    }

    /** 2017: np.random.seed(3); J_content = randn(); J_style = randn(); total_cost(...) = 35.34667875478276. */
    @Test
    void totalCostOfNumpyNormalsIsThe2017Print() {
        NumpyRandom rng = new NumpyRandom(3);
        double jContent = rng.standardNormal();
        double jStyle = rng.standardNormal();
        assertEquals(1.7886284734303186, jContent, 0.0);
        assertEquals(35.34667875478276, NeuralStyleTransfer.totalCost(jContent, jStyle, 10, 40), 0.0);
    }

    /** The notebook's draws are TensorFlow's; numpy's seed(1) randn(1,4,4,3)*4+1 pair, costs computed by numpy. */
    @Test
    void contentCostOfNumpyArraysIsNumpys() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray aC = rng.randn(1, 4, 4, 3).muli(4).addi(1);
        INDArray aG = rng.randn(1, 4, 4, 3).muli(4).addi(1);
        assertEquals(7.58632218600255, NeuralStyleTransfer.computeContentCost(aC, aG), 1e-14);
        // compute_content_cost(A, A) must be 0; ones against zeros: 48 / (4 * 48)
        assertEquals(0.0, NeuralStyleTransfer.computeContentCost(aC, aC), 0.0);
        assertEquals(0.25, NeuralStyleTransfer.computeContentCost(Nd4j.ones(DataType.DOUBLE, 1, 4, 4, 3),
                Nd4j.zeros(DataType.DOUBLE, 1, 4, 4, 3)), 0.0);
    }

    /** gram_matrix: numpy's A A^T of seed(1) randn(3, 2)*4+1; symmetric, (3, 3). */
    @Test
    void gramMatrixIsNumpys() {
        INDArray a = new NumpyRandom(1).randn(3, 2).muli(4).addi(1);
        INDArray ga = NeuralStyleTransfer.gramMatrix(a);
        double[][] expected = {{58.30461192, -3.57881211, 45.3250624}, {-3.57881211, 12.07451003, 22.04923328},
                {45.3250624, 22.04923328, 87.24712327}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], ga.getDouble(i, j), 1e-8);
                assertEquals(ga.getDouble(i, j), ga.getDouble(j, i), 0.0);
                assertEquals(a.getRow(i).mul(a.getRow(j)).sumNumber().doubleValue(), ga.getDouble(i, j), 1e-12);
            }
        }
    }

    /** compute_layer_style_cost: numpy's value on the same pair; (A, A) is 0, (A, B) positive. */
    @Test
    void layerStyleCostIsNumpys() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray aS = rng.randn(1, 4, 4, 3).muli(4).addi(1);
        INDArray aG = rng.randn(1, 4, 4, 3).muli(4).addi(1);
        assertEquals(16.180008034601542, NeuralStyleTransfer.computeLayerStyleCost(aS, aG), 1e-12);
        assertEquals(0.0, NeuralStyleTransfer.computeLayerStyleCost(aG, aG), 0.0);
        // the style cost weighs each layer: 0.2 + 0.8 of the same layer is that layer's cost
        Map<String, INDArray> s = Map.of("a", aS, "b", aS);
        Map<String, INDArray> g = Map.of("a", aG, "b", aG);
        assertEquals(16.180008034601542, NeuralStyleTransfer.computeStyleCost(s, g, List.of(
                new NeuralStyleTransfer.StyleLayer("a", 0.2), new NeuralStyleTransfer.StyleLayer("b", 0.8))), 1e-12);
    }

    @Test
    void wrongShapesAreRefusedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuralStyleTransfer
                .computeContentCost(Nd4j.zeros(4, 4, 3), Nd4j.zeros(4, 4, 3)));
        assertTrue(e.getMessage().contains("(1, n_H, n_W, n_C)") && e.getMessage().contains("[4, 4, 3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NeuralStyleTransfer.computeLayerStyleCost(
                Nd4j.zeros(1, 4, 4, 3), Nd4j.zeros(1, 2, 4, 3)));
        assertTrue(e.getMessage().contains("same shape"), e.getMessage());
    }

    /**
     * The optimisation's cost is the graded functions' (same operations, same values), and its gradient with respect to
     * the pixels (SameDiff to the activations, DL4J's backward pass to the input) matches central differences of those
     * functions, on a small float64 VGG at 16 x 16.
     */
    @Test
    void pixelGradientMatchesFiniteDifferences() {
        List<NeuralStyleTransfer.StyleLayer> styleLayers = List.of(new NeuralStyleTransfer.StyleLayer("block1_conv1",
                0.5), new NeuralStyleTransfer.StyleLayer("block2_conv1", 0.3),
                new NeuralStyleTransfer.StyleLayer("block3_conv1", 0.2));
        StyleTransfer transfer = StyleTransfer.of(Vgg19Graph.random(16, "block3_conv1", 7, DataType.DOUBLE),
                "block2_conv2", styleLayers, 2, -1, "test");
        StyleFeatureExtractor extractor = transfer.extractor();
        NumpyRandom rng = new NumpyRandom(2);
        INDArray content = rng.rand(1, 16, 16, 3);
        INDArray style = rng.rand(1, 16, 16, 3);
        INDArray generated = rng.rand(1, 16, 16, 3);
        INDArray aC = extractor.activations(content).get("block2_conv2").dup();
        Map<String, INDArray> aS = copies(extractor.activations(style));
        StyleCostGraph cost = new StyleCostGraph("block2_conv2", aC, styleLayers, aS, 10, 40);

        Map<String, INDArray> aG = extractor.activations(generated);
        StyleCostGraph.Evaluation evaluation = cost.evaluate(aG);
        INDArray gradient = extractor.inputGradient(evaluation.activationGradients(), aG);
        assertEquals(gradedTotal(extractor, generated, aC, aS, styleLayers), evaluation.j(),
                1e-12 * evaluation.j());

        double h = 1e-5;
        double worst = 0;
        for (int index = 0; index < generated.length(); index += 37) {
            INDArray plus = generated.dup();
            plus.data().put(index, generated.data().getDouble(index) + h);
            INDArray minus = generated.dup();
            minus.data().put(index, generated.data().getDouble(index) - h);
            double numeric = (gradedTotal(extractor, plus, aC, aS, styleLayers)
                    - gradedTotal(extractor, minus, aC, aS, styleLayers)) / (2 * h);
            double analytic = gradient.data().getDouble(index);
            worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric)
                    + Math.abs(analytic)));
        }
        assertTrue(worst < 1e-6, "worst relative difference " + worst);
    }

    /** J of a picture with the graded functions on arrays, activations permuted to the notebook's channels last. */
    private static double gradedTotal(StyleFeatureExtractor extractor, INDArray picture, INDArray aC,
            Map<String, INDArray> aS, List<NeuralStyleTransfer.StyleLayer> styleLayers) {
        Map<String, INDArray> aG = extractor.activations(picture);
        Map<String, INDArray> sLast = new LinkedHashMap<>();
        Map<String, INDArray> gLast = new LinkedHashMap<>();
        for (NeuralStyleTransfer.StyleLayer layer : styleLayers) {
            sLast.put(layer.name(), aS.get(layer.name()).permute(0, 2, 3, 1));
            gLast.put(layer.name(), aG.get(layer.name()).permute(0, 2, 3, 1));
        }
        double jContent = NeuralStyleTransfer.computeContentCost(aC.permute(0, 2, 3, 1),
                aG.get("block2_conv2").permute(0, 2, 3, 1));
        return NeuralStyleTransfer.totalCost(jContent, NeuralStyleTransfer.computeStyleCost(sLast, gLast,
                styleLayers), 10, 40);
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        arrays.forEach((name, array) -> copies.put(name, array.dup()));
        return copies;
    }

    /** Keras keeps a kernel as (kH, kW, in, out), DL4J as (out, in, kH, kW). */
    @Test
    void kerasKernelsMoveToDl4jsLayout() {
        INDArray keras = Nd4j.arange(3 * 3 * 2 * 4).reshape('c', 3, 3, 2, 4).castTo(DataType.FLOAT);
        INDArray dl4j = Vgg19Graph.kerasKernelToDl4j(keras);
        assertEquals(4, dl4j.size(0));
        assertEquals(2, dl4j.size(1));
        assertEquals(keras.getDouble(1, 2, 1, 3), dl4j.getDouble(3, 1, 1, 2), 0.0);
        assertEquals(keras.getDouble(2, 0, 0, 1), dl4j.getDouble(1, 0, 2, 0), 0.0);
    }

    /** Keras' VGG19(include_top=False).summary(): Total params 20,024,384; the random stand-in has the same layers. */
    @Test
    void vgg19HasKerasParameterCount() {
        assertEquals(20_024_384, Vgg19Graph.random(1, "block5_pool", 1, DataType.FLOAT).numParams());
        assertEquals(21, Vgg19Graph.layerNames().size());
    }

    /**
     * A save_weights file laid out as Keras writes VGG-19's (block 1 only, made with h5py: kernel values
     * (k mod 251) / 1000 by flat index k, biases -b / 100) loads into the graph: DL4J's W[o][i][y][x] is Keras'
     * kernel[y][x][i][o].
     */
    @Test
    void kerasWeightsFileLoadsIntoTheGraph() throws Exception {
        Path file = Path.of(getClass().getResource("vgg19-block1.h5").toURI());
        ComputationGraph graph = Vgg19Graph.pretrained(file, "block1_conv2");
        INDArray w = graph.getLayer("block1_conv2").getParam("W");
        // kernel[y=2][x=1][i=5][o=7] at flat index ((2 * 3 + 1) * 64 + 5) * 64 + 7
        assertEquals(((((2 * 3 + 1) * 64 + 5) * 64 + 7) % 251) / 1000.0, w.getDouble(7, 5, 2, 1), 1e-7);
        assertEquals(-0.63, graph.getLayer("block1_conv1").getParam("b").getDouble(63), 1e-6);
        assertEquals(3 * 3 * 3 * 64 + 64 + 3 * 3 * 64 * 64 + 64, graph.numParams());
    }

    /** Offline, asking for VGG-19 says which file is missing, where it was looked for and what to do. */
    @Test
    void missingVggWeightsAreNamed() {
        assumeTrue(Vgg19Graph.findWeights(null) == null, "the VGG-19 weights are here");
        assertEquals(Network.OFFLINE_DEFAULT, Network.AUTO.resolve(null));
        DataException e = assertThrows(DataException.class, () -> Network.VGG19.transfer(null, 64));
        assertTrue(e.getMessage().contains("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"), e.getMessage());
        assertTrue(e.getMessage().contains("nst/pretrained-model/"), e.getMessage());
        assertTrue(e.getMessage().contains("--vgg19-weights"), e.getMessage());
    }
}
