namespace ModelCheck.Tests.Unit.Input;

/// <summary>
/// The four kinds of file the command reads, each with a valid example and the command that reads it,
/// so one test (or one fuzz case) can hand the same bad bytes to all four readers.
/// </summary>
static class InputKinds
{
    public static readonly string[] All = ["config", "trace", "litmus", "history"];

    public static string Valid(string kind) => kind switch
    {
        "config" => """{ "iterations": 20, "strategy": "random", "seed": 3, "maxSteps": 500, "memory": "sc", "raceDetection": true }""",
        "trace" => File.ReadAllText(Path.Combine(Cli.Root, "tests", "Snapshots", "Traces", "engine_racy-counter.min.trace.json")),
        "litmus" => """
            {
              "name": "MP",
              "locations": ["x", "y"],
              "initial": {"x": 0, "y": 0},
              "threads": [
                [ {"op": "store", "loc": "x", "value": 1, "order": "relaxed"},
                  {"op": "store", "loc": "y", "value": 1, "order": "release"} ],
                [ {"op": "load", "loc": "y", "reg": "r0", "order": "acquire"},
                  {"op": "load", "loc": "x", "reg": "r1", "order": "relaxed"} ]
              ],
              "condition": {"quantifier": "exists", "text": "r0==1 && r1==0",
                "atoms": [{"reg": "r0", "thread": 1, "value": 1}, {"reg": "r1", "thread": 1, "value": 0}]},
              "expected": {"sc": "forbidden", "tso": "forbidden", "ra": "forbidden"}
            }
            """,
        "history" => """
            {"spec": "register", "operations": [
              {"client": 0, "op": "write", "args": [4], "call": 2, "return": 9, "result": null},
              {"client": 1, "op": "read",  "args": [],  "call": 3, "return": 5, "result": 4},
              {"client": 2, "op": "cas",   "args": [4, 5], "call": 6, "return": null}
            ]}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Runs, in this process, the command that reads a file of <paramref name="kind"/> at <paramref name="path"/>.</summary>
    public static Cli.Outcome Read(string kind, string path, string outdir) => kind switch
    {
        // Budgets keep a mutated number (iterations, maxSteps) from turning one case into minutes of work.
        "config" => Cli.Run("test", "engine/racy-counter", "--config", path, "--outdir", outdir, "--no-progress", "--timeout", "5", "--workers", "1"),
        "trace" => Cli.Run("replay", path),
        "litmus" => Cli.Run("litmus", path, "--memory", "sc", "--max-executions", "5000"),
        "history" => Cli.Run("linearizable", path, "--timeout", "5"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>What every outcome of bad input must be: exit 2, nothing on stdout, one short line on stderr, no stack trace.</summary>
    public static void AssertOneLine(Cli.Outcome outcome, string? mentions = null)
    {
        Assert.True(outcome.Exit == 2, outcome.ToString());
        var line = Assert.Single(outcome.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("modelcheck: ", line);
        Assert.True(line.Length <= 300, $"{line.Length} characters: {line}");
        Assert.DoesNotContain("   at ", outcome.Err);
        Assert.False(line.Any(char.IsControl), line);
        if (mentions is not null) Assert.Contains(mentions, line);
    }
}
