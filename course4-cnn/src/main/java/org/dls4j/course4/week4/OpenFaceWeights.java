package org.dls4j.course4.week4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The OpenFace nn4.small2 weights as Keras-OpenFace exported them, one CSV file per tensor, read into
 * {@link FaceNetGraph}: the course's {@code load_weights_from_FaceNet(FRmodel)}.
 *
 * <p>Each file is one line of comma-separated floats. A convolution {@code L} has {@code L_w.csv} in Torch order
 * (out, in, kh, kw), which is DL4J's, and {@code L_b.csv} (out); a batch norm has {@code _w} (gamma), {@code _b}
 * (beta), {@code _m} (moving mean) and {@code _v} (moving variance); the dense layer has {@code dense_w.csv}
 * (128, 736), transposed into DL4J's (736, 128), and {@code dense_b.csv}. That is 224 files. The course folder has
 * two more, {@code inception_5a_3x3_conv2_m/_v.csv}, copies of {@code inception_5a_3x3_bn1_m/_v} that nothing reads.
 *
 * <p>Five of the 224 are in no public copy (each is over 4 MiB): {@link #loadInto} then names them, with their
 * shapes, and says where to put them, before reading anything.
 */
public final class OpenFaceWeights {

    /** Where the CSV files are, relative to a data folder. */
    public static final String FOLDER = "facenet/weights";
    /** The data set's name in the catalog. */
    private static final String DATA_SET = "facenet";

    /** One CSV file: the tensor {@code param} of {@code layer}, with the shape the file holds. */
    public record WeightFile(String file, String layer, String param, long[] shape) {

        /** How many values the file holds. */
        public long values() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        /** The shape as the course's {@code conv_shape} writes it, e.g. {@code [256, 128, 3, 3]}. */
        public String describe() {
            return file + " " + Arrays.toString(shape) + String.format(Locale.ROOT, " (%,d values)", values());
        }
    }

    private OpenFaceWeights() {
    }

    /** The 224 files {@code graph}'s layers read, in the graph's layer order. */
    public static List<WeightFile> layout(ComputationGraph graph) {
        List<WeightFile> files = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Object conf = layer.conf().getLayer();
            if (conf instanceof ConvolutionLayer conv) {
                long out = conv.getNOut();
                files.add(new WeightFile(name + "_w.csv", name, "W", new long[] {out, conv.getNIn(),
                        conv.getKernelSize()[0], conv.getKernelSize()[1]}));
                files.add(new WeightFile(name + "_b.csv", name, "b", new long[] {out}));
            } else if (conf instanceof BatchNormalization bn) {
                long[] shape = {bn.getNOut()};
                files.add(new WeightFile(name + "_w.csv", name, BatchNormalizationParamInitializer.GAMMA, shape));
                files.add(new WeightFile(name + "_b.csv", name, BatchNormalizationParamInitializer.BETA, shape));
                files.add(new WeightFile(name + "_m.csv", name, BatchNormalizationParamInitializer.GLOBAL_MEAN,
                        shape));
                files.add(new WeightFile(name + "_v.csv", name, BatchNormalizationParamInitializer.GLOBAL_VAR,
                        shape));
            } else if (conf instanceof DenseLayer dense) {
                // the export names the Keras layer 'dense_layer' just "dense"
                files.add(new WeightFile("dense_w.csv", name, "W", new long[] {dense.getNOut(), dense.getNIn()}));
                files.add(new WeightFile("dense_b.csv", name, "b", new long[] {dense.getNOut()}));
            }
        }
        return files;
    }

    /** A new {@link FaceNetGraph} with the OpenFace weights: {@code FRmodel = faceRecoModel(...)}, then loaded. */
    public static ComputationGraph load() {
        ComputationGraph graph = FaceNetGraph.build(0);
        loadInto(graph);
        return graph;
    }

    /**
     * {@code load_weights_from_FaceNet(FRmodel)}: every parameter of {@code graph} from its CSV file.
     *
     * @throws DataException when files are missing (all of them named, nothing read), a file fails its catalog
     *                       check, or holds a number of values other than its layer's
     */
    public static void loadInto(ComputationGraph graph) {
        List<WeightFile> layout = layout(graph);
        List<WeightFile> missing = missing(layout);
        if (!missing.isEmpty()) {
            throw incomplete(missing, layout.size());
        }
        loadInto(graph, file -> read(locate(file).orElseThrow(), file.shape()));
    }

    /** Every parameter of {@code graph} from {@code source}, which gives each file's values in the file's shape. */
    public static void loadInto(ComputationGraph graph, Function<WeightFile, INDArray> source) {
        for (WeightFile file : layout(graph)) {
            INDArray values = source.apply(file);
            INDArray param = graph.getLayer(file.layer()).getParam(file.param());
            // dense_w.csv is (128, 736); DL4J's W is (nIn, nOut) = (736, 128). The rest load as they are stored.
            INDArray oriented = file.shape().length == 2 ? values.transpose() : values;
            param.assign(oriented.reshape(param.shape()).castTo(param.dataType()));
        }
    }

    /** The files of {@code layout} that no data folder has. */
    public static List<WeightFile> missing(List<WeightFile> layout) {
        return layout.stream().filter(f -> locate(f).isEmpty()).collect(Collectors.toList());
    }

    /** The message for missing files: each with its shape, where the others are, what to do. */
    static DataException incomplete(List<WeightFile> missing, int needed) {
        DataFiles data = DataFiles.standard();
        String folder = data.locator().find(FOLDER + "/conv1_w.csv").map(Path::getParent).map(Path::toString)
                .orElse("datasets/" + FOLDER);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "FaceNet's pretrained weights are incomplete: %d of the %d OpenFace CSV files that "
                        + "load_weights_from_FaceNet reads are missing:", missing.size(), needed));
        long values = 0;
        for (WeightFile file : missing) {
            text.append("\n  ").append(file.describe());
            values += file.values();
        }
        text.append(String.format(Locale.ROOT, "%n(%,d of FaceNet's %,d parameters; no public copy has these files,"
                + " each is over 4 MiB.)", values, FaceNetGraph.PARAMETERS));
        text.append("\nSearched ").append(FOLDER).append("/ under:\n").append(data.locator().describeRoots());
        text.append("\nWhat to do: copy them from the course's Face Recognition folder (weights/) into ")
                .append(folder).append(" (or into ").append(FOLDER).append("/ under a folder named by DLS_DATA), or "
                        + "run with --encoder faceapi (a pretrained 128-d face embedding that is here).");
        return new DataException(text.toString());
    }

    /** The file in the first data folder that has it: catalogued files verified, the five others as found. */
    static Optional<Path> locate(WeightFile file) {
        String path = FOLDER + "/" + file.file();
        DataFiles data = DataFiles.standard();
        if (data.catalog().entry(path).isPresent()) {
            return data.findVerified(path);
        }
        return data.locator().find(path);
    }

    /** A CSV file's values as a {@code shape} array (FLOAT, C order). */
    public static INDArray read(Path csv, long[] shape) {
        float[] values = values(csv);
        long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (values.length != expected) {
            throw DataException.wrongStructure(csv, DATA_SET, String.format(Locale.ROOT, "%,d values %s",
                    expected, Arrays.toString(shape)), String.format(Locale.ROOT, "%,d values", values.length));
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** A CSV file's comma-separated numbers, in order (line breaks count as separators). */
    public static float[] values(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new DataException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            return new float[0];
        }
        String[] fields = text.split("[,\\s]+");
        float[] values = new float[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = (float) Double.parseDouble(fields[i]);   // genfromtxt (float64), then float32
            } catch (NumberFormatException e) {
                throw DataException.wrongStructure(csv, DATA_SET, "comma-separated numbers",
                        "'" + fields[i] + "' at position " + (i + 1));
            }
        }
        return values;
    }
}
