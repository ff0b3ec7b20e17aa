package org.dls4j.course4.week2;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.GraphSummary;

/** {@link HappyHouse#happyModel}'s {@code summary()} against the notebook's comparator: layers, shapes, params. */
public final class HappyHouseChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(HappyHouse.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("happyModel", expect -> {
            GraphSummary summary = GraphSummary.of(HappyHouse.happyModel(1, 0.001), 3, 64, 64);
            Map<String, GraphSummary.Row> rows = summary.rows().stream()
                    .collect(Collectors.toMap(GraphSummary.Row::name, r -> r));
            expect.equal("Total params", 37_633L, summary.totalParams())
                    .equal("Non-trainable params", 64L, summary.nonTrainableParams())
                    .equal("zero_padding2d output", "[3, 70, 70]", shape(rows.get("zero_padding2d")))
                    .equal("conv0 output", "[32, 64, 64]", shape(rows.get("conv0")))
                    .equal("conv0 params", 4736L, params(rows.get("conv0")))
                    .equal("bn0 params", 128L, params(rows.get("bn0")))
                    .equal("max_pool output", "[32, 32, 32]", shape(rows.get("max_pool")))
                    .equal("fc params", 32_769L, params(rows.get("fc")));
        }));
    }

    private static String shape(GraphSummary.Row row) {
        return row == null ? "no such layer" : Arrays.toString(row.outputShape());
    }

    private static Long params(GraphSummary.Row row) {
        return row == null ? null : row.params();
    }
}
