using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelCheck.Tests.Unit.Docs;

/// <summary>
/// The figures the docs quote are what the commands print. A ```console block's `$ modelcheck ...` lines run
/// (in order, in one scratch directory per page, with the repository's coyote.json), and the lines quoted
/// under each must appear in its stdout in that order (`...` stands for lines left out). A few counts in the
/// prose are recomputed from `list` and `litmus`.
/// </summary>
public sealed class DocsFigureTests
{
    public static TheoryData<string> PagesWithConsoleBlocks() =>
        new(Docs.Pages.Where(p => Docs.Blocks(Docs.Read(p)).Any(b => b.Info == "console")));

    [Theory]
    [MemberData(nameof(PagesWithConsoleBlocks))]
    public void Quoted_commands_print_what_the_page_shows(string page)
    {
        using var scratch = new TempDirectory();
        File.Copy(Cli.RepositoryConfiguration, scratch["coyote.json"]);
        int commands = 0;
        foreach (var block in Docs.Blocks(Docs.Read(page)).Where(b => b.Info == "console"))
            foreach (var (command, shown) in Commands(block.Lines))
            {
                commands++;
                var words = Shell.Words(command);
                Assert.Equal("modelcheck", words[0]);
                var outcome = Cli.RunProcess(scratch.Path, [.. words.Skip(1)]);
                AssertShows(outcome.Out.Split('\n'), shown, $"{page}: `$ {command}`\n{outcome}");
            }
        Assert.True(commands > 0, $"{page} has a console block without a `$ modelcheck` line");
    }

    // A console block as commands (the lines after "$ ") with the output lines quoted under each.
    static IEnumerable<(string Command, List<string> Shown)> Commands(IReadOnlyList<string> lines)
    {
        string? command = null;
        var shown = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal))
            {
                if (command is not null) yield return (command, shown);
                command = line[2..];
                shown = [];
            }
            else shown.Add(line);
        }
        if (command is not null) yield return (command, shown);
    }

    static void AssertShows(string[] printed, List<string> shown, string context)
    {
        int at = 0;
        foreach (var line in shown.Select(l => l.TrimEnd()).Where(l => l is not ("..." or "")))
        {
            while (at < printed.Length && printed[at].TrimEnd() != line) at++;
            Assert.True(at < printed.Length, $"not printed (in this order): {line}\n{context}");
            at++;
        }
    }

    [Fact]
    public void Counts_in_the_prose_are_what_list_and_litmus_print()
    {
        var list = Cli.Run("list");
        Assert.Equal(0, list.Exit);
        var rows = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int Group(string model) => rows.Count(r => r.StartsWith(model + "/", StringComparison.Ordinal));

        var coyote = Regex.Match(Docs.Read("docs/coyote.md"), @"Today ([\d,]+) scenarios run under Coyote and ([\d,]+) are native-only");
        Assert.True(coyote.Success, "docs/coyote.md no longer says how many scenarios run under Coyote");
        // A row is name, expected verdict, engines, description.
        string Engines(string row) => Regex.Match(row, @"^\S+\s+\S+\s+(\S+)").Groups[1].Value;
        int underCoyote = rows.Count(r => Engines(r) == "coyote"), nativeOnly = rows.Count(r => Engines(r) == "native-only");
        Assert.True(underCoyote == Number(coyote.Groups[1]) && nativeOnly == Number(coyote.Groups[2]),
            $"docs/coyote.md says \"{coyote.Value}\", but `modelcheck list` shows {underCoyote} coyote and {nativeOnly} native-only: update the sentence");

        Assert.Equal(Group("gomap"), Number(Quoted("docs/maps/gomap.md", @"`--expect` passes for all ([\d,]+)")));
        Assert.Equal(Group("swissmap"), Number(Quoted("docs/maps/swissmap.md", @"`--expect` passes for all ([\d,]+)")));

        var litmus = Cli.Run("litmus", "--catalogue", "--json");
        Assert.Equal(0, litmus.Exit);
        using var results = JsonDocument.Parse(litmus.Out);
        var verdicts = results.RootElement.EnumerateArray().ToList();
        Assert.All(verdicts, v => Assert.True(v.GetProperty("complete").GetBoolean()));
        int tests = verdicts.Select(v => v.GetProperty("name").GetString()).Distinct().Count();
        Assert.Equal(tests, Number(Quoted("docs/memory-models.md", @"`src/Models/Litmus/Catalogue`, ([\d,]+) tests")));
        Assert.Equal(verdicts.Count, Number(Quoted("docs/memory-models.md", @"asserts all ([\d,]+) verdicts")));
    }

    static Group Quoted(string page, string pattern)
    {
        var match = Regex.Match(Docs.Read(page), pattern);
        Assert.True(match.Success, $"{page} no longer matches {pattern}");
        return match.Groups[1];
    }

    static int Number(Group group) => int.Parse(group.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
}
