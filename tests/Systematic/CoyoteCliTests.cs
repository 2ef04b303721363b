namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The Coyote side through `dotnet coyote test` and `replay`, as a user runs them: a generated scenario
/// test finds its seeded bug and the trace replays, a correct scenario passes, a native-only scenario is
/// refused with its reason, and the real .NET code examples find their bug (our witness table in the
/// report) or pass. Exit codes: Coyote returns 2 when it found a bug, 0 when it found none.
/// </summary>
public sealed class CoyoteCliTests
{
    const int FoundBug = 2;

    [Fact]
    public void A_generated_scenario_test_finds_the_seeded_bug_and_replay_reproduces_it()
    {
        using var outdir = new CoyoteCli.OutputDirectory();
        var test = CoyoteCli.Run("test", CoyoteCli.TestAssembly, "-m", "engine_racy_counter", "-i", "2000", "-o", outdir.Path);
        Assert.True(test.Exit == FoundBug, test.ToString());
        Assert.Contains("[assertion] counter is", test.Output);
        var trace = Directory.GetFiles(outdir.Path, "*.trace", SearchOption.AllDirectories).Single();
        var replay = CoyoteCli.Run("replay", CoyoteCli.TestAssembly, trace, "-m", "engine_racy_counter", "-o", outdir.Path);
        Assert.True(replay.Exit == FoundBug, replay.ToString());
        Assert.Contains("Reproduced 1 bug", replay.Output);
    }

    [Fact]
    public void A_generated_test_of_a_correct_scenario_passes() =>
        AssertPasses("engine_mutex_counter", 500);

    [Fact]
    public void A_native_only_scenario_is_refused_with_its_reason()
    {
        using var outdir = new CoyoteCli.OutputDirectory();
        var outcome = CoyoteCli.Run("test", CoyoteCli.TestAssembly, "-m", "memory_racy_publication_tso", "-i", "10", "-o", outdir.Path);
        Assert.True(outcome.Exit == FoundBug, outcome.ToString());
        Assert.Contains("[not-applicable] scenario 'memory/racy-publication-tso' does not apply under Coyote: its verdict is stated under the tso memory model", outcome.Output);
    }

    [Theory]
    [InlineData("Check_then_act_loses_an_update", "[not-linearizable] not linearizable: no order of these 3 operations on key k1")]
    [InlineData("GetOrAdd_runs_the_value_factory_twice", "[assertion] the value factory ran 2 times for one key")]
    [InlineData("AddOrUpdate_runs_a_non_idempotent_update_twice", "[assertion] 2 deposits wrote 3 audit entries")]
    public void A_real_code_example_finds_its_bug_and_shows_our_table(string method, string evidence)
    {
        using var outdir = new CoyoteCli.OutputDirectory();
        var outcome = CoyoteCli.Run("test", CoyoteCli.TestAssembly, "-m", method, "-i", "500", "-o", outdir.Path);
        Assert.True(outcome.Exit == FoundBug, outcome.ToString());
        Assert.Contains(evidence, outcome.Output);
        Assert.Matches(@"task +operation +result +call +return +timeline", outcome.Output);
    }

    [Fact]
    public void The_Lazy_value_example_passes() => AssertPasses("GetOrAdd_with_Lazy_opens_once", 500);

    static void AssertPasses(string method, int iterations)
    {
        using var outdir = new CoyoteCli.OutputDirectory();
        var outcome = CoyoteCli.Run("test", CoyoteCli.TestAssembly, "-m", method, "-i", iterations.ToString(), "-o", outdir.Path);
        Assert.True(outcome.Exit == 0, outcome.ToString());
        Assert.Contains("Found 0 bugs", outcome.Output);
        Assert.Contains($"Explored {iterations} execution paths", outcome.Output);
    }
}
