using ModelCheck.Cli;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// `litmus --explain --html OUT.html`: the execution that produces the allowed outcome, drawn in the
/// report's style with reads-from, modification-order and from-read arrows and the memory at each step.
/// The page loads in Chromium with every reads-from of its step table drawn; the pictures of three
/// classic shapes (MP and 2+2W under ra, SB under tso) are kept as text snapshots.
/// </summary>
public sealed class LitmusPageTests
{
    const string MessagePassing = """
        {
          "name": "MP",
          "locations": ["x", "y"],
          "initial": {"x": 0, "y": 0},
          "threads": [
            [ {"op": "store", "loc": "x", "value": 1, "order": "relaxed"},
              {"op": "store", "loc": "y", "value": 1, "order": "relaxed"} ],
            [ {"op": "load", "loc": "y", "reg": "r0", "order": "relaxed"},
              {"op": "load", "loc": "x", "reg": "r1", "order": "relaxed"} ]
          ],
          "condition": {"quantifier": "exists", "text": "r0==1 && r1==0",
            "atoms": [{"reg": "r0", "thread": 1, "value": 1}, {"reg": "r1", "thread": 1, "value": 0}]}
        }
        """;

    [Fact]
    public void The_allowed_outcome_is_drawn_with_its_edges_and_loads_in_chromium()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-litmus-html-");
        try
        {
            var test = Path.Combine(directory.FullName, "mp.json");
            File.WriteAllText(test, MessagePassing);
            var page = Path.Combine(directory.FullName, "mp.html");
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.Equal(CommandLine.Ok, CommandLine.Run(["litmus", test, "--memory", "ra", "--explain", "--html", page], output, error));
            Assert.Contains("MP under ra: allowed", output.ToString());
            var html = File.ReadAllText(page);
            Assert.Contains("<title>MP under ra: r0=1; r1=0</title>", html);
            Assert.Contains("go to the outcome (step 5)", html);

            var replay = LitmusExplorer.Explain(LitmusParser.Load(test).Single(), MemoryModel.Ra)!;
            var (dom, _) = BrowserPage.Load(html, "litmus-mp-ra");
            Assert.Contains("data-ready=\"yes\"", dom);
            Assert.DoesNotMatch(BrowserPage.ScriptError(), dom);
            var named = WeakMemoryReportTests.NamedReadsFrom(replay).ToList();
            Assert.Equal([(3, 4)], named);
            foreach (var (from, to) in named) Assert.Contains($"<path class=\"edge rf\" data-from=\"{from}\" data-to=\"{to}\"", dom);
            // r1 = 0: the load of x at step 5 missed P0's store of x at step 2.
            Assert.Contains("<path class=\"edge fr\" data-from=\"5\" data-to=\"2\"", dom);
            Assert.Contains("data-panel=\"modification-order\"", dom);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("MP", "ra")]
    [InlineData("2+2W", "ra")]
    [InlineData("SB", "tso")]
    public void Picture(string name, string memory)
    {
        MemoryModelNames.TryParse(memory, out var model);
        var replay = LitmusExplorer.Explain(LitmusCatalogue.Find(name)!, model)!;
        this.Verify(StepTable.Render(replay) + "\n" + WeakMemoryReportTests.TextForm(replay), parameter: $"{name}_{memory}");
    }

    [Fact]
    public void Html_needs_explain_and_one_test_under_one_model()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-litmus-html-");
        try
        {
            var page = Path.Combine(directory.FullName, "out.html");
            foreach (var (arguments, message) in new[]
                     {
                         (new[] { "litmus", "--catalogue", "--memory", "ra", "--html", page }, "litmus: --html draws the execution --explain finds: give --explain too"),
                         (new[] { "litmus", "--catalogue", "--memory", "ra", "--explain", "--html", page }, "litmus: --html draws one execution, but "),
                     })
            {
                var (output, error) = (new StringWriter(), new StringWriter());
                Assert.Equal(CommandLine.BadInput, CommandLine.Run(arguments, output, error));
                Assert.StartsWith($"modelcheck: {message}", error.ToString());
                Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
                Assert.Equal("", output.ToString());
            }
            Assert.False(File.Exists(page));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
