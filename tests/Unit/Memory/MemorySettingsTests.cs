using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>The memory model and race-detection settings travel from coyote.json, scenarios and traces to the runtime.</summary>
public sealed class MemorySettingsTests
{
    static readonly Bug SomeBug = new(BugKind.DataRace, "a race", 3, 1);

    static TraceFile Trace(ExecutionSettings settings) =>
        new("s", settings, new TraceOrigin("dfs", null, 0, 1), [new Choice(ChoiceKind.Schedule, 1)], SomeBug);

    [Fact]
    public void Configuration_file_reads_memory_and_race_detection()
    {
        var config = ConfigurationFile.Parse("""{"memory": "tso", "raceDetection": false}""", "c.json");
        Assert.Equal(MemoryModel.Tso, config.Execution.Memory);
        Assert.False(config.Execution.RaceDetection);
        var defaults = ConfigurationFile.Parse("{}", "c.json");
        Assert.Equal(MemoryModel.Sc, defaults.Execution.Memory);
        Assert.True(defaults.Execution.RaceDetection);
    }

    [Theory]
    [InlineData("""{"memory": "arm"}""", "'memory' must be one of sc, tso or ra")]
    [InlineData("""{"raceDetection": "no"}""", "'raceDetection' must be true or false")]
    public void Configuration_file_rejects_bad_values(string json, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(json, "c.json"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Trace_round_trips_the_settings()
    {
        var settings = new ExecutionSettings { Memory = MemoryModel.Ra, RaceDetection = false, MaxSteps = 77 };
        var read = TraceFile.Parse(Trace(settings).ToJson(), "t.json");
        Assert.Equal(settings, read.Settings);
    }

    [Fact]
    public void Trace_without_the_new_fields_replays_as_the_first_engine_ran()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Trace(ExecutionSettings.Default).ToJson())!.AsObject();
        var settings = json["settings"]!.AsObject();
        settings.Remove("memory");
        settings.Remove("raceDetection");
        var read = TraceFile.Parse(json.ToJsonString(), "old.json");
        Assert.Equal(MemoryModel.Sc, read.Settings.Memory);
        Assert.False(read.Settings.RaceDetection);
    }

    [Fact]
    public void Trace_with_an_unknown_memory_model_is_rejected()
    {
        var json = Trace(ExecutionSettings.Default).ToJson().Replace("\"memory\": \"sc\"", "\"memory\": \"power\"");
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.Parse(json, "t.json"));
        Assert.Equal("t.json: 'memory' must be sc, tso or ra, not \"power\"", e.Message);
    }

    [Fact]
    public void Scenario_overrides_win_over_the_run()
    {
        var scenario = new Scenario("s", "", BugKind.None, _ => Task.CompletedTask) { Memory = MemoryModel.Ra, RaceDetection = false };
        var run = new ExecutionSettings { Memory = MemoryModel.Tso, RaceDetection = true };
        var effective = scenario.SettingsFor(run);
        Assert.Equal(MemoryModel.Ra, effective.Memory);
        Assert.False(effective.RaceDetection);
        var plain = new Scenario("p", "", BugKind.None, _ => Task.CompletedTask);
        Assert.Same(run, plain.SettingsFor(run));
        Assert.False(plain.SettingsFor(run with { RaceDetection = false }).RaceDetection);
    }
}
