package org.dls4j.shared.graph;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the fast path's oneDNN primitives share (JavaCPP's {@code org.bytedeco:dnnl}, oneDNN 2.5): the CPU engine,
 * memories that point at INDArrays, argument maps, and {@link Steps}, a sequence of primitives with their reorders
 * built once and executed on each call. Arrays are handed over by address: float32, their default C layout, starting
 * at their buffer's start ({@link ContiguousArrays}).
 */
final class Dnnl {

    private Dnnl() {
    }

    /** The CPU engine, made on first use (loading oneDNN's library). */
    private static final class Cpu {
        static final engine ENGINE = new engine(engine.kind.cpu, 0);
    }

    static engine engine() {
        return Cpu.ENGINE;
    }

    /** A stream of its own: a graph trained on another thread has its own layers, helpers and streams. */
    static stream newStream() {
        return new stream(Cpu.ENGINE);
    }

    /** A map for a helper's primitives by input shape, the 4 used last: a last, smaller batch makes a second one. */
    static <K, V> Map<K, V> recentPlans() {
        return new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > 4;
            }
        };
    }

    /** A memory of {@code desc} with no data yet: {@link #bind} points it at an array before each call. */
    static memory user(memory.desc desc) {
        return new memory(desc, Cpu.ENGINE, (Pointer) null);
    }

    /** A memory of {@code desc} with a buffer of its own (oneDNN's blocked layouts, workspaces). */
    static memory owned(memory.desc desc) {
        return new memory(desc, Cpu.ENGINE);
    }

    static void bind(memory m, INDArray array) {
        m.set_data_handle(array.data().addressPointer());
    }

    static IntMemoryMap args(Object... keysAndMemories) {
        IntMemoryMap map = new IntMemoryMap();
        for (int i = 0; i < keysAndMemories.length; i += 2) {
            map.put((Integer) keysAndMemories[i], (memory) keysAndMemories[i + 1]);
        }
        return map;
    }

    /**
     * What a primitive reads for a plain array: the array itself when oneDNN takes its layout, else a memory in
     * oneDNN's layout that either holds this input's own reordered copy or, borrowed, points at another primitive's
     * output of the same layout and values (a convolution's blocked output read by the batch norm after it), which
     * saves the reorder.
     */
    static final class Input {
        final memory memory;
        /** The memory whose buffer holds this input's own copy (null without one); kept so that it stays. */
        private final memory storage;
        private final Steps.Step reorder;
        private boolean borrowed;

        Input(memory memory, memory storage, Steps.Step reorder) {
            this.memory = memory;
            this.storage = storage;
            this.reorder = reorder;
        }

        /** Points this input at {@code values} (or does nothing and answers false: null, another layout). */
        boolean borrow(memory values) {
            if (reorder == null || values == null || !values.get_desc().equals(memory.get_desc())) {
                return false;
            }
            memory.set_data_handle(values.get_data_handle());
            borrowed = true;
            return true;
        }

        /** {@link #borrow}s {@code values}, else reorders the plain array; returns whether it borrowed. */
        boolean borrowOrReorder(memory values) {
            boolean borrowed = borrow(values);
            if (!borrowed) {
                reorder();
            }
            return borrowed;
        }

        /**
         * For a backward pass reading its forward pass's input again: borrows {@code values}, else keeps the copy of
         * {@code sameArray} (the array the forward pass reordered), else reorders.
         */
        void again(memory values, boolean sameArray) {
            if (!borrow(values) && (!sameArray || borrowed)) {
                reorder();
            }
        }

        /** Reorders the plain array into this input's own memory (nothing to do when it is read as it is). */
        void reorder() {
            if (reorder == null) {
                return;
            }
            if (borrowed) {
                memory.set_data_handle(storage.get_data_handle());
                borrowed = false;
            }
            reorder.execute();
        }
    }

    /** A sequence of primitives with their arguments, built once and executed on each call. */
    static final class Steps {
        private final stream stream;
        private final List<Step> steps = new ArrayList<>();
        private Step lastReorder;

        Steps(stream stream) {
            this.stream = stream;
        }

        /** One primitive and its arguments, on a stream. */
        record Step(primitive primitive, IntMemoryMap arguments, stream stream) {
            void execute() {
                primitive.execute(stream, arguments);
                stream._wait();
            }
        }

        /** The memory a primitive reads for {@code user}: {@code user} itself, or a reordered copy. */
        memory in(memory.desc userDesc, memory.desc wanted, memory user) {
            lastReorder = null;
            if (wanted.equals(userDesc)) {
                return user;
            }
            memory copy = owned(wanted);
            run(new reorder(user, copy), args(DNNL_ARG_FROM, user, DNNL_ARG_TO, copy));
            lastReorder = steps.get(steps.size() - 1);
            return copy;
        }

        /**
         * An input read in {@code wanted}'s layout, reordered from {@code user} only when the caller runs
         * {@link Input#reorder()} (not part of this sequence), or borrowed from another primitive's output.
         */
        Input input(memory.desc userDesc, memory.desc wanted, memory user) {
            if (wanted.equals(userDesc)) {
                return new Input(user, null, null);
            }
            // the reordered copy lives in a buffer that another memory owns: oneDNN frees a memory's own buffer when
            // its handle is set elsewhere, and a borrowing input moves its handle back and forth
            memory storage = owned(wanted);
            memory copy = new memory(wanted, Cpu.ENGINE, storage.get_data_handle());
            return new Input(copy, storage, new Step(new reorder(user, copy),
                    args(DNNL_ARG_FROM, user, DNNL_ARG_TO, copy), stream));
        }

        /** The reorder the last {@link #in} added, or null. */
        Step lastReorder() {
            return lastReorder;
        }

        /** The memory a primitive writes for {@code user}: {@code user} itself, or a scratch one reordered after. */
        memory outMemory(memory.desc userDesc, memory.desc produced, memory user) {
            return produced.equals(userDesc) ? user : owned(produced);
        }

        /** After the primitive: the scratch memory reordered into {@code user}, when there is one. */
        void out(memory written, memory user) {
            if (written != user) {
                run(new reorder(written, user), args(DNNL_ARG_FROM, written, DNNL_ARG_TO, user));
            }
        }

        void run(primitive p, IntMemoryMap a) {
            steps.add(new Step(p, a, stream));
        }

        boolean isEmpty() {
            return steps.isEmpty();
        }

        void execute() {
            for (Step step : steps) {
                step.primitive.execute(stream, step.arguments);
            }
            stream._wait();
        }
    }
}
