package dev.opshape.cli.command;

import dev.opshape.cli.Opshape;
import dev.opshape.cli.option.NumberArguments;
import dev.opshape.cli.output.AtomicFileWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code opshape slurm --shards N [...] -- COMMAND ARGS...}: writes a Slurm job array that plays the N shards of a
 * shardable command ({@code tournament}, {@code train}, {@code bias}) with the same jar and Java, and a merge job that
 * runs after every shard succeeded ({@code --dependency=afterok}); with {@code --submit} it submits both with {@code
 * sbatch} and prints their job ids. The scripts are plain shell scripts as well: run with {@code SLURM_ARRAY_TASK_ID}
 * set, they do the same work without Slurm.
 */
@Command(name = "slurm",
        mixinStandardHelpOptions = true,
        description = {
            "Writes DIR/shards.sbatch (a job array: task I runs the command with --shard I/N --out "
                    + "DIR/parts/part-I.json) and DIR/merge.sbatch (opshape merge of every part into DIR/merged.out), "
                    + "and with --submit submits the array and then the merge with --dependency=afterok:ARRAY_ID. "
                    + "Give the command after '--', for example: opshape slurm --shards 8 -- tournament --repeats 40 "
                    + "--json"
        })
public final class SlurmCommand implements Callable<Integer> {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=+-]+");

    @Spec
    private CommandSpec spec;

    @Option(names = "--shards", paramLabel = "N", required = true, converter = NumberArguments.WholeNumber.class,
            description = "Number of shards (array tasks), 1 <= N <= 10000.")
    private int shards;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (sbatch --partition).")
    private String partition;

    @Option(names = "--time", paramLabel = "T", description = "Time limit per task (sbatch --time), e.g. 01:00:00.")
    private String time;

    @Option(names = "--mem", paramLabel = "M", description = "Memory per task (sbatch --mem), e.g. 2G.")
    private String mem;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "opshape-slurm",
            description = "Where the scripts, parts and merged output go (created if missing). Default: "
                    + "${DEFAULT-VALUE}.")
    private Path dir;

    @Option(names = "--submit", description = "Submit the array and the dependent merge job with sbatch.")
    private boolean submit;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "The shardable command and its arguments (tournament, train or bias), after '--'.")
    private List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (shards < 1 || shards > 10_000) {
            throw bad("--shards", shards + " is outside 1..10000");
        }
        for (String[] option : new String[][] {{"--partition", partition}, {"--time", time}, {"--mem", mem}}) {
            if (option[1] != null && !SAFE.matcher(option[1]).matches()) {
                throw bad(option[0], "'" + option[1] + "' holds characters a job script cannot take");
            }
        }
        String name = command.get(0);
        if (!name.equals("tournament") && !name.equals("train") && !name.equals("bias")) {
            throw bad("COMMAND", "'" + name + "' cannot be sharded; give tournament, train or bias");
        }
        for (String arg : command) {
            if (arg.startsWith("--shard") || arg.startsWith("--out")) {
                throw bad("COMMAND", "give the command without --shard and --out (the job array sets them)");
            }
        }
        // The command must parse now, not in N tasks later.
        try {
            Opshape.commandLine().parseArgs(command.toArray(String[]::new));
        } catch (ParameterException e) {
            throw bad("COMMAND", e.getMessage());
        }
        Path base = dir.toAbsolutePath().normalize();
        Files.createDirectories(base.resolve("parts"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(Opshape.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        // The running jar; from unpacked classes (the tests), the same class path.
        String invocation = jar.endsWith(".jar") ? quote(java) + " -jar " + quote(jar)
                : quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " " + Opshape.class.getName();
        StringBuilder array = header("opshape-shards", base.resolve("parts").resolve("task-%a.log"));
        array.append("#SBATCH --array=1-").append(shards).append('\n').append("set -e\n")
                .append(invocation).append(' ').append(String.join(" ", quoted(command)))
                .append(" --shard \"${SLURM_ARRAY_TASK_ID}/").append(shards).append("\" --out ")
                .append(quote(base.resolve("parts").toString())).append("/part-\"${SLURM_ARRAY_TASK_ID}\".json -q\n");
        StringBuilder merge = header("opshape-merge", base.resolve("merge.log"));
        merge.append("set -e\n").append(invocation).append(" merge ").append(quote(base.resolve("parts").toString()))
                .append("/part-*.json > ").append(quote(base.resolve("merged.out").toString())).append('\n');
        Path arrayScript = base.resolve("shards.sbatch");
        Path mergeScript = base.resolve("merge.sbatch");
        AtomicFileWriter.writeString(arrayScript, array.toString());
        AtomicFileWriter.writeString(mergeScript, merge.toString());
        spec.commandLine().getOut().println("wrote " + arrayScript + " (" + shards + " array tasks) and "
                + mergeScript);
        if (!submit) {
            spec.commandLine().getOut().println("submit with: sbatch " + arrayScript + ", then sbatch "
                    + "--dependency=afterok:ARRAY_ID " + mergeScript);
            return 0;
        }
        String arrayId = sbatch(List.of(arrayScript.toString()));
        String mergeId = sbatch(List.of("--dependency=afterok:" + arrayId, mergeScript.toString()));
        spec.commandLine().getOut().println("submitted array job " + arrayId + " and merge job " + mergeId
                + "; the merged output will be " + base.resolve("merged.out"));
        return 0;
    }

    private StringBuilder header(String jobName, Path log) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=").append(jobName).append('\n');
        sb.append("#SBATCH --output=").append(log).append('\n');
        sb.append("#SBATCH --ntasks=1\n");
        if (partition != null) {
            sb.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            sb.append("#SBATCH --time=").append(time).append('\n');
        }
        if (mem != null) {
            sb.append("#SBATCH --mem=").append(mem).append('\n');
        }
        return sb;
    }

    /** Runs sbatch --parsable with the arguments and returns the job id. */
    private String sbatch(List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
        argv.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw bad("--submit", "sbatch cannot be started (" + e.getMessage() + "); is Slurm installed and on the "
                    + "PATH? The scripts are written: submit them yourself");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw bad("--submit", "sbatch failed: " + output.replace('\n', ' '));
        }
        return output.split(";")[0].trim();
    }

    private static List<String> quoted(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(quote(a));
        }
        return out;
    }

    /** Single-quoted for the shell. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for " + (option.startsWith("--")
                ? "option '" + option + "'" : option) + ": " + message);
    }
}
