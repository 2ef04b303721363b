using ModelCheck.Engine;
using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit;

/// <summary>The `modelcheck` command: its results, its determinism, its exit codes.</summary>
public sealed class CliTests
{
    static readonly string Config = Cli.RepositoryConfiguration;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void The_same_seed_prints_the_same_bytes_twice(string strategy)
    {
        using var dir = new TempDirectory();
        string[] args = ["test", "engine", "--strategy", strategy, "--seed", "7", "-i", "300", "--all-bugs", "--outdir", dir["traces"], "--config", Config];
        var first = Cli.Run(args);
        var traces = Directory.GetFiles(dir["traces"]).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var second = Cli.Run(args);
        Assert.Equal(CommandLine.Failed, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(traces, Directory.GetFiles(dir["traces"]).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());
        Assert.Contains("engine/racy-counter", first.Out);
    }

    [Fact]
    public void Expect_prints_one_line_per_scenario_and_exits_0_when_all_match()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", "--expect", "engine", "--outdir", dir.Path, "--config", Config);
        Assert.True(outcome.Exit == CommandLine.Ok, outcome.ToString());
        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("scenario", lines[0]);
        Assert.Equal(Explore.BuiltIn.Match(["engine"]).Count + 2, lines.Length);
        Assert.Matches(@"^engine/racy-counter +assertion +assertion +\d+ +0 +no$", lines.Single(l => l.StartsWith("engine/racy-counter", StringComparison.Ordinal)));
        Assert.EndsWith("as expected, 0 not", lines[^1]);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Expect_passes_for_the_engine_scenarios_under_each_strategy(string strategy)
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", "--expect", "engine", "--strategy", strategy, "--outdir", dir.Path, "--config", Config);
        Assert.True(outcome.Exit == CommandLine.Ok, outcome.ToString());
        Assert.Matches(@"\nengine/racy-counter +assertion +assertion +\d+ +0 +no\n", outcome.Out);
        Assert.Matches(@"\nengine/lock-order-deadlock +deadlock +deadlock +\d+ +0 +no\n", outcome.Out);
        Assert.Matches(strategy switch
        {
            "dfs" => @"\nengine/mutex-counter +pass +pass +173 +0 +complete\n",
            // Random and PCT take one execution in three until DFS, deepening its preemption bound, has run every schedule.
            "portfolio" => @"\nengine/mutex-counter +pass +pass +\d+ +0 +complete\n",
            _ => @"\nengine/mutex-counter +pass +pass +2000 +0 +no\n",
        }, outcome.Out);
    }

    [Fact]
    public void A_scenario_that_pins_its_memory_model_says_so_when_another_was_asked_for()
    {
        using var dir = new TempDirectory();
        var pinned = Cli.Run("test", "memory/release-acquire-publication-sc", "--memory", "tso", "-i", "50", "--outdir", dir.Path, "--config", Config);
        Assert.Contains("memory sc (the scenario pins it; tso was asked for)", pinned.Out);
        var asked = Cli.Run("test", "memory/release-acquire-publication-ra", "--memory", "ra", "-i", "50", "--outdir", dir.Path, "--config", Config);
        Assert.Contains(", memory ra)", asked.Out);
    }

    [Fact]
    public void User_assembly_exists_where_the_tests_look_for_it() => Assert.True(File.Exists(Cli.UserAssembly), Cli.UserAssembly);

    [Fact]
    public void List_shows_the_scenarios_of_a_user_assembly()
    {
        var outcome = Cli.Run("list", Cli.UserAssembly);
        Assert.Equal(CommandLine.Ok, outcome.Exit);
        Assert.Equal(["endless/yielding", "hang/blocking-wait", "hang/spinning-main", "hang/spinning-task", "user/locked-update", "user/lost-update", "user/mislabelled"],
            outcome.Out.TrimEnd('\n').Split('\n').Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void Test_explores_a_user_assembly_and_writes_a_trace_that_replays()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", Cli.UserAssembly, "user/lost-update", "--strategy", "dfs", "--outdir", dir.Path, "--config", Config);
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        Assert.Contains("bug       assertion at step", outcome.Out);
        var trace = Path.Combine(dir.Path, "user_lost-update.trace.json");
        var replay = Cli.Run("replay", trace, "--assembly", Cli.UserAssembly);
        Assert.True(replay.Exit == CommandLine.Ok, replay.ToString());
        Assert.Contains("replay    reproduced", replay.Out);
    }

    [Fact]
    public void Expect_exits_1_when_a_declared_verdict_is_wrong()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", Cli.UserAssembly, "user", "--expect", "--outdir", dir.Path, "--config", Config);
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        Assert.Matches(@"user/mislabelled +pass +assertion +\d+ +0 +no +MISMATCH", outcome.Out);
        Assert.Matches(@"user/lost-update +assertion +assertion +\d+ +0 +no\n", outcome.Out);
        Assert.Contains("3 scenarios: 2 as expected, 1 not", outcome.Out);
    }

    [Fact]
    public void Coverage_names_the_first_scenario_to_reach_each_label_and_fails_on_a_label_nobody_reached()
    {
        using var dir = new TempDirectory();
        var all = Cli.Run("test", Cli.UserAssembly, "user/lost-update", "user/locked-update", "--coverage", "--strategy", "dfs", "--outdir", dir.Path, "--config", Config);
        Assert.Equal(CommandLine.Failed, all.Exit); // lost-update's bug
        Assert.Contains("coverage user: 2 of 3 labels reached, 1 unreachable by design (2 scenarios)\n"
            + "  reached      an addition is lost   user/lost-update (only scenarios that expect a bug)\n"
            + "  reached      both additions count  user/locked-update\n"
            + "  unreachable  three adders          every scenario spawns two\n", all.Out);
        var locked = Cli.Run("test", Cli.UserAssembly, "user/locked-update", "--expect", "--coverage", "--outdir", dir.Path, "--config", Config);
        Assert.Equal(CommandLine.Failed, locked.Exit);
        Assert.Contains("  NOT REACHED  an addition is lost\n", locked.Out);
        Assert.Contains("1 scenarios: 1 as expected, 0 not", locked.Out);
    }

    [Fact]
    public void Expect_exits_0_for_the_user_scenarios_that_are_labelled_right()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("test", Cli.UserAssembly, "user/lost-update", "user/locked-update", "--expect", "--outdir", dir.Path, "--config", Config);
        Assert.True(outcome.Exit == CommandLine.Ok, outcome.ToString());
    }

    [Fact]
    public void Replay_of_a_hand_edited_trace_reports_divergence_with_its_step_and_exits_1()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CommandLine.Failed, Cli.Run("test", "engine/racy-counter", "--outdir", dir.Path, "--config", Config).Exit);
        var path = Path.Combine(dir.Path, "engine_racy-counter.trace.json");
        var trace = TraceFile.Read(path);
        // Schedule a task that does not exist at the first scheduling choice.
        var edited = File.ReadAllText(path).Replace($"\"{trace.Choices[0]}\"", "\"s9\"");
        Assert.NotEqual(File.ReadAllText(path), edited);
        File.WriteAllText(path, edited);
        var outcome = Cli.Run("replay", path);
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        var line = Assert.Single(outcome.ErrLines);
        Assert.Matches(@"^modelcheck: .*: diverged at step \d+ \(choice 1\): the trace schedules task 9, but the enabled tasks are ", line);
        Assert.Contains("replay    diverged at step", outcome.Out);
    }

    [Fact]
    public void A_trace_written_by_test_replays_in_another_process_to_the_same_bug_at_the_same_step()
    {
        using var dir = new TempDirectory();
        File.Copy(Config, dir["coyote.json"]);
        var test = Cli.RunProcess(dir.Path, "test", "engine/racy-counter", "engine/lock-order-deadlock", "--strategy", "pct", "--seed", "11");
        Assert.True(test.Exit == CommandLine.Failed, test.ToString());
        foreach (var name in new[] { "engine_racy-counter", "engine_lock-order-deadlock" })
        {
            var path = Path.Combine(dir.Path, "traces", name + ".trace.json");
            var trace = TraceFile.Read(path);
            var replay = Cli.RunProcess(dir.Path, "replay", path);
            Assert.True(replay.Exit == CommandLine.Ok, replay.ToString());
            Assert.Contains($"bug       {trace.Bug.Kind.ToName()} at step {trace.Bug.Step}: {trace.Bug.Message}\n", replay.Out);
            Assert.Contains("replay    reproduced\n", replay.Out);
            Assert.Contains($"bug       {trace.Bug.Kind.ToName()} at step {trace.Bug.Step} of execution {trace.Origin.Iteration}: {trace.Bug.Message}\n", test.Out);
        }
    }
}
