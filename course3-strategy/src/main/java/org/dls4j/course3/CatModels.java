package org.dls4j.course3;

import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.L2Penalty;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Course 1's cat classifiers ({@code org.dls4j.course1.week4.DeepNetworkApplication}) as the lessons train them: the
 * notebook's initialisation (a two-layer {@code (n_x, n_h, 1)} model by {@code initialize_parameters}, a deeper one
 * by {@code dnn_app_utils_v3.initialize_parameters_deep}), full-batch gradient descent by the shared engine
 * ({@link GradientDescent}), optionally with Course 2's L2 penalty, and predictions above 0.5 meaning cat.
 */
public final class CatModels {

    private CatModels() {
    }

    /** A trained model and its cost every {@code recordEvery} iterations. */
    public record Trained(int[] layerDims, Parameters parameters, CostCurve costs, long trainingNanos) {

        /** 0/1 predictions {@code (1, m)} for {@code pictures}. */
        public INDArray predict(CatPictures pictures) {
            return DeepNetwork.predict(pictures.x(), parameters);
        }

        /** The probability of cat for each picture, {@code (1, m)}. */
        public INDArray probabilities(CatPictures pictures) {
            return DeepNetwork.predictProbabilities(pictures.x(), parameters);
        }

        /** The fraction of {@code pictures} classified wrong. */
        public double errorRate(CatPictures pictures) {
            return mistakes(predict(pictures), pictures.y()) / (double) pictures.size();
        }
    }

    /** The notebook's initial weights for {@code layerDims}: two-layer or L-layer, numpy seed {@code seed}. */
    public static Parameters initial(int[] layerDims, long seed) {
        return layerDims.length == 3
                ? Initializers.initializeParameters(layerDims[0], layerDims[1], layerDims[2], seed)
                : Initializers.initializeParametersDeepScaled(seed, layerDims);
    }

    /**
     * {@code iterations} steps of gradient descent at {@code learningRate} on {@code data} from the notebook's
     * initial weights, with L2 strength {@code lambd} (0: none); each recorded cost goes to {@code listener}.
     *
     * @throws org.dls4j.shared.train.TrainingDivergedException when the cost becomes NaN or infinite
     */
    public static Trained train(int[] layerDims, CatPictures data, double learningRate, int iterations, double lambd,
            long seed, int recordEvery, CostListener listener) {
        Parameters parameters = initial(layerDims, seed);
        long start = System.nanoTime();
        CostCurve costs = new GradientDescent(data.x(), data.y(), parameters).withL2(new L2Penalty(lambd))
                .run(learningRate, iterations, recordEvery, listener);
        return new Trained(layerDims.clone(), parameters, costs, System.nanoTime() - start);
    }

    /** How many 0/1 predictions differ from the labels. */
    public static int mistakes(INDArray predictions, INDArray labels) {
        int wrong = 0;
        for (int i = 0; i < labels.size(1); i++) {
            wrong += predictions.getDouble(0, i) == labels.getDouble(0, i) ? 0 : 1;
        }
        return wrong;
    }
}
