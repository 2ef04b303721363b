using System.Text.RegularExpressions;
using ModelCheck.Cli;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// The committed `modelcheck orders` tables (OrdersTests.Table_NAME.verified.txt, with their traces in
/// Orders/NAME/). scripts/regenerate-orders.sh writes them: exploring every weakening of chm or sync.Map
/// under ra takes minutes, so the suite runs only the litmus table live and checks the others cheaply:
/// every trace a table names replays to the bug it names, and every site it names is still an access of
/// that kind on that line (a model edited since would make the table stale: regenerate it).
/// </summary>
public sealed partial class OrdersTests
{
    /// <summary>The live table: the message-passing litmus shapes, store buffering with fences and the publication scenario, as the script runs them.</summary>
    [Fact]
    public void Table()
    {
        var outdir = Directory.CreateTempSubdirectory("orders-").FullName;
        try
        {
            var output = new StringWriter { NewLine = "\n" };
            int exit = CommandLine.Run(["orders", "litmus/MP*", "litmus/SB+fences", "memory/release-acquire-publication-ra",
                "--outdir", outdir, "--no-progress", "--config", Path.Combine(Repository.Root, "coyote.json")], output, TextWriter.Null);
            Assert.Equal(CommandLine.Ok, exit);
            var committed = Path.Combine("tests", "Snapshots", "Orders", "litmus");
            this.Verify(output.ToString().Replace(outdir, committed), parameter: "litmus");
            // The traces are those committed, byte for byte.
            foreach (var file in Directory.GetFiles(outdir).Order(StringComparer.Ordinal))
                Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, committed, Path.GetFileName(file))), File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    public static TheoryData<string> Tables() => new(Directory.GetFiles(Path.Combine(Repository.Root, "tests", "Snapshots"), "OrdersTests.Table_*.verified.txt")
        .Select(p => Path.GetFileName(p)["OrdersTests.Table_".Length..^".verified.txt".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Tables))]
    public void Committed_table_traces_replay_to_the_bugs_the_table_names(string name)
    {
        var table = Committed(name);
        var breaks = BreakLine().Matches(table);
        Assert.Equal(Regex.Matches(table, "^    .* breaks ", RegexOptions.Multiline).Count, breaks.Count);
        var catalog = ScenarioSource.WithLitmus(Repository.Catalog);
        foreach (Match line in breaks)
        {
            var trace = TraceFile.Read(Path.Combine(Repository.Root, line.Groups["trace"].Value));
            Assert.Equal(line.Groups["scenario"].Value, trace.Scenario);
            Assert.Equal(line.Groups["kind"].Value, trace.Bug.Kind.ToName());
            var weakening = Assert.IsType<SiteWeakening>(trace.Settings.Orders);
            Assert.Equal(line.Groups["order"].Value, OrderLadder.Name(weakening.Site.Kind, weakening.Order));
            Assert.Equal(line.Groups["memory"].Value, trace.Settings.Memory.ToName());
            var replay = Replayer.Replay(catalog.Find(trace.Scenario)!, trace);
            Assert.True(replay.Reproduced, $"{line.Groups["trace"].Value}: {replay.Divergence}");
        }
        // No trace lies about without a row naming it.
        var named = breaks.Select(m => Path.GetFileName(m.Groups["trace"].Value)).ToHashSet();
        Assert.All(Directory.GetFiles(Path.Combine(Repository.Root, "tests", "Snapshots", "Orders", name)), f => Assert.Contains(Path.GetFileName(f), named));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Committed_table_sites_are_still_those_accesses(string name)
    {
        foreach (Match row in SiteRow().Matches(Committed(name)))
        {
            var source = row.Groups["file"].Value;
            var lines = File.ReadAllLines(Path.Combine(Repository.Root, source));
            int number = int.Parse(row.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(number <= lines.Length, $"{source}:{number} is past the end of the file: regenerate the table (scripts/regenerate-orders.sh {name})");
            var calls = row.Groups["op"].Value switch
            {
                "load" => new[] { ".Load(", ".Get(" },
                "store" => [".Store(", ".Set("],
                "cas" => ["CompareAndSwap"],
                "swap" => ["Exchange"],
                "fetch_add" => ["FetchAdd"],
                _ => ["Fence("],
            };
            Assert.True(calls.Any(c => lines[number - 1].Contains(c, StringComparison.Ordinal)),
                $"{source}:{number} is no longer a {row.Groups["op"].Value} (\"{lines[number - 1].Trim()}\"): regenerate the table (scripts/regenerate-orders.sh {name})");
        }
    }

    static string Committed(string name) =>
        File.ReadAllText(Path.Combine(Repository.Root, "tests", "Snapshots", $"OrdersTests.Table_{name}.verified.txt")).Replace("\r\n", "\n");

    [GeneratedRegex(@"^    (?<order>\S+) under (?<memory>\S+): breaks (?<scenario>\S+): (?<kind>\S+), trace (?<trace>\S+)$", RegexOptions.Multiline)]
    private static partial Regex BreakLine();

    [GeneratedRegex(@"^(?<file>src/\S+):(?<line>\d+)\s+\S+ (?<op>load|store|cas|swap|fetch_add|fence)\b", RegexOptions.Multiline)]
    private static partial Regex SiteRow();
}
