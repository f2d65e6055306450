package dev.opshape.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The allocation smoke gate: runs the hot-path benchmarks briefly with JMH's GC profiler and exits non-zero, naming
 * each offender, when one allocates more than {@value #DEFAULT_LIMIT} bytes per operation (gc.alloc.rate.norm,
 * multiplied back by {@code @OperationsPerInvocation} so that the limit is per call of the API: per batch for the
 * sampler). It never looks at time: the machine may be shared and a smoke run is too short to time anything.
 *
 * <p>Gated (docs/estimators.md#hot-path, "the hot kernels are allocation-free"): {@link ExactEvaluatorBenchmark} (all),
 * {@link LookaheadLolaBenchmark}, {@link SampledEstimatorBenchmark}, {@link SamplerBenchmark}'s single-thread
 * sampler and PhiloxStream, {@link MetaGradientBenchmark} (the exact MAML and LIRPG meta-gradients), and
 * {@link PeerComparisonBenchmark} (the both-agents exact LOLA-LOLA step and the full
 * LOLA-DiCE update). Not gated: the bias study (it allocates its estimates and statistics by design), the two-worker
 * sampler (a task and a future per batch by design) and the commons-rng reference (a generator per trajectory by
 * design).
 *
 * <p>In smoke mode (the default) the parameter grids are cut to the cases that reach every code path: B = 32,
 * T = 20 for the sampled estimators (allocation does not depend on the sizes) and K in {1, 10} for the LOLA-K sweep;
 * {@code --full} keeps every parameter. One fork per benchmark, 1 warm-up and 1 measurement iteration of 1 s each.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.opshape.bench.AllocationGate [--full]
 * [--limit BYTES] [--include REGEX]...} ({@code --include} replaces the default list, for example to add
 * {@code LolaStepBenchmark} or {@code LolaDiceUpdateBenchmark}). Exit status 0: every gated benchmark is within the
 * limit; 1: at least one is not (or reported no allocation figure); 2: bad arguments or a benchmark failed.
 */
public final class AllocationGate {

    /** How much longer the confirming measurement of a suspected offender is. */
    private static final int CONFIRM_FACTOR = 5;
    /** Longest wait for another JMH run's lock. */
    private static final long LOCK_WAIT_SECONDS = 1800;

    /** Bytes per operation above which a hot-path benchmark fails the gate. */
    public static final double DEFAULT_LIMIT = 64.0;

    /** JMH include patterns (regular expressions over benchmark names) of the gated benchmarks. */
    static final List<String> HOT_PATH = List.of(
            "dev\\.opshape\\.bench\\.ExactEvaluatorBenchmark\\.",
            "dev\\.opshape\\.bench\\.LookaheadLolaBenchmark\\.",
            "dev\\.opshape\\.bench\\.SampledEstimatorBenchmark\\.",
            "dev\\.opshape\\.bench\\.SamplerBenchmark\\.sampleBatch$",
            "dev\\.opshape\\.bench\\.SamplerBenchmark\\.uniformsPhiloxStream$",
            "dev\\.opshape\\.bench\\.PeerComparisonBenchmark\\.",
            "dev\\.opshape\\.bench\\.MetaGradientBenchmark\\.");

    private AllocationGate() {
    }

    /** Runs the gate (see the class comment for the arguments); exits 0, 1 or 2. */
    public static void main(String[] args) {
        boolean full = false;
        double limit = DEFAULT_LIMIT;
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> full = true;
                case "--limit" -> limit = Double.parseDouble(value(args, ++i, "--limit"));
                case "--include" -> includes.add(value(args, ++i, "--include"));
                case "-h", "--help" -> {
                    System.out.println("usage: AllocationGate [--full] [--limit BYTES] [--include REGEX]...");
                    return;
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (includes.isEmpty()) {
            includes.addAll(HOT_PATH);
        }
        ChainedOptionsBuilder options = baseOptions(1);
        for (String include : includes) {
            options.include(include);
        }
        if (!full) {
            options.param("batch", "32").param("steps", "20").param("k", "1", "10");
        }
        long start = System.nanoTime();
        Collection<RunResult> results = run(options);
        if (results.isEmpty()) {
            System.err.println("allocation gate: no benchmark matched " + includes);
            System.exit(2);
        }
        List<String> offenders = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            double perCall = bytesPerCall(result);
            if (!(perCall <= limit)) {
                // JMH's own bookkeeping allocates a few kilobytes per iteration (all threads are counted), which
                // a 1 s iteration spreads over too few calls of a millisecond-scale benchmark. Confirm with an
                // iteration CONFIRM_FACTOR times longer: an allocation per call stays, the fixed cost shrinks.
                double first = perCall;
                perCall = confirm(params);
                System.out.printf(Locale.ROOT, "     %-90s %10.3f B/op in 1 s, %.3f B/op in %d s%n", label(params),
                        first, perCall, CONFIRM_FACTOR);
            }
            boolean ok = perCall <= limit;
            System.out.printf(Locale.ROOT, "%s %-90s %10.3f B/op%n", ok ? "ok  " : "FAIL", label(params), perCall);
            if (!ok) {
                offenders.add(Double.isNaN(perCall) ? label(params) + ": no gc.alloc.rate.norm reported"
                        : String.format(Locale.ROOT, "%s allocates %.1f B/op (limit %.0f)", label(params), perCall,
                        limit));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "allocation gate: %d benchmarks in %.0f s, limit %.0f B/op%n",
                results.size(), seconds, limit);
        if (!offenders.isEmpty()) {
            System.err.println("allocation gate FAILED:");
            offenders.forEach(o -> System.err.println("  " + o));
            System.exit(1);
        }
        System.out.println("allocation gate passed");
    }


    private static ChainedOptionsBuilder baseOptions(int measurementSeconds) {
        return new OptionsBuilder()
                .forks(1)
                .threads(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(1)
                .measurementTime(TimeValue.seconds(measurementSeconds))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    /**
     * Runs JMH. When another JMH run holds its lock (/tmp/jmh.lock: a shared machine), waits for it, up to
     * {@link #LOCK_WAIT_SECONDS}, rather than disturbing that run's timings.
     */
    private static Collection<RunResult> run(ChainedOptionsBuilder options) {
        long deadline = System.nanoTime() + LOCK_WAIT_SECONDS * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                return new Runner(options.build()).run();
            } catch (RunnerException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("JMH lock") && System.nanoTime() < deadline) {
                    if (!told) {
                        System.out.println("allocation gate: another JMH run holds the lock; waiting");
                        told = true;
                    }
                    sleep();
                    continue;
                }
                System.err.println("allocation gate: JMH failed: " + message);
                System.exit(2);
                return List.of();
            }
        }
    }


    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }

    /** Re-runs one benchmark with one parameter combination and a longer iteration; its bytes per call. */
    private static double confirm(BenchmarkParams params) {
        ChainedOptionsBuilder options = baseOptions(CONFIRM_FACTOR)
                .include("^" + Pattern.quote(params.getBenchmark()) + "$");
        for (String key : params.getParamsKeys()) {
            options.param(key, params.getParam(key));
        }
        Collection<RunResult> results = run(options);
        return results.size() == 1 ? bytesPerCall(results.iterator().next()) : Double.NaN;
    }

    /** gc.alloc.rate.norm times the operations per invocation (NaN if the profiler reported none). */
    private static double bytesPerCall(RunResult result) {
        Result<?> norm = allocationPerOp(result.getSecondaryResults());
        return norm == null ? Double.NaN : norm.getScore() * result.getParams().getOpsPerInvocation();
    }

    /** The gc.alloc.rate.norm result, whatever prefix the JMH version puts before the profiler's label. */
    private static Result<?> allocationPerOp(Map<String, Result> secondary) {
        for (Map.Entry<String, Result> e : secondary.entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String label(BenchmarkParams params) {
        StringBuilder sb = new StringBuilder(params.getBenchmark().replace("dev.opshape.bench.", ""));
        List<String> keys = new ArrayList<>(params.getParamsKeys());
        if (!keys.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(params.getParam(keys.get(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("allocation gate: " + message
                + "; usage: AllocationGate [--full] [--limit BYTES] [--include REGEX]...");
        System.exit(2);
    }
}
