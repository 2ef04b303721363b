using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// The state views the map models publish for the HTML report's slider, as text, at a step that shows
/// the story: here the Swiss map at W-2's bug, after the split (the directory [L, R], both tables'
/// control bytes and entries). A change to a model's view shows up as a diff of the verified file.
/// </summary>
public sealed class StateViewTests
{
    [Theory]
    [InlineData("swissmap_bug_w2-skip-by-installed-depth_reduced.min.trace.json", "m")]
    public void Last_state_of_a_committed_trace(string file, string view)
    {
        var trace = Repository.ReadTrace(file);
        var replay = Replayer.Replay(Repository.ScenarioOf(trace), trace);
        var last = replay.Recording.Snapshots.Last(s => s.View == view);
        this.Verify($"step {last.Step}, view {view}\n{last.Text}", parameter: file[..^".min.trace.json".Length]);
    }
}
