using System.Text.RegularExpressions;
using ModelCheck.Cli;
using ModelCheck.Engine;
using YamlDotNet.RepresentationModel;

namespace ModelCheck.Tests.Unit.Deploy;

/// <summary>
/// The examples under deploy/ run what they claim: every `modelcheck` command line in them, with the
/// shard index each pod or matrix job substitutes, parses with the real command-line parser; the shards
/// are exactly 1..N; and the merge step reads every report the shards write.
/// </summary>
public sealed class DeployExampleTests
{
    static YamlStream Load(string relative)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Cli.Root, "deploy", relative));
        yaml.Load(reader);
        return yaml;
    }

    static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node;
    }

    static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;

    [Fact]
    public void The_kubernetes_indexed_job_runs_shards_1_to_n_and_the_merge_job_reads_their_reports()
    {
        var job = Load("kubernetes/modelcheck-shards.yaml").Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => Text(At(d, "kind")) == "Job");
        var spec = At(job, "spec");
        Assert.Equal("Indexed", Text(At(spec, "completionMode")));
        int completions = int.Parse(Text(At(spec, "completions")));
        var container = At(spec, "template", "spec", "containers", 0);
        Assert.Equal(["sh", "-c"], ((YamlSequenceNode)At(container, "command")).Children.Select(Text));
        var script = Text(At(container, "args", 0));
        var env = ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(e => Text(At(e, "name")), e => Text(At(e, "value")));
        Assert.Equal(completions.ToString(), env["SHARDS"]);

        var reports = new List<string>();
        var shards = new List<Shard>();
        for (int index = 0; index < completions; index++)
        {
            // What the pod's shell makes of the script for this JOB_COMPLETION_INDEX.
            var expanded = script.Replace("$((JOB_COMPLETION_INDEX + 1))", (index + 1).ToString())
                .Replace("$JOB_COMPLETION_INDEX", index.ToString()).Replace("$SHARDS", env["SHARDS"]);
            var args = ValidInvocation(expanded, "test");
            shards.Add(Shard.Parse(Option(args, "--shard"))!.Value);
            reports.Add(Option(args, "--json"));
        }
        Assert.Equal(Enumerable.Range(1, completions).Select(k => new Shard(k, completions)), shards);

        var merge = At((YamlMappingNode)Load("kubernetes/modelcheck-merge.yaml").Documents[0].RootNode, "spec", "template", "spec", "containers", 0);
        var mergeArgs = ValidInvocation(Text(At(merge, "args", 0)), "merge");
        AssertGlobReadsAll(mergeArgs, reports);
    }

    [Fact]
    public void The_github_workflow_runs_a_matrix_of_shards_and_merges_their_reports()
    {
        var workflow = (YamlMappingNode)Load("github/modelcheck-shards.yml").Documents[0].RootNode;
        var shardJob = At(workflow, "jobs", "shard");
        var matrix = ((YamlSequenceNode)At(shardJob, "strategy", "matrix", "shard")).Children.Select(n => Text(n)).ToList();
        var reports = new List<string>();
        var shards = new List<Shard>();
        var run = Runs(shardJob).Single(r => r.Contains("modelcheck test"));
        foreach (var value in matrix)
        {
            var args = ValidInvocation(run.Replace("${{ matrix.shard }}", value), "test");
            shards.Add(Shard.Parse(Option(args, "--shard"))!.Value);
            reports.Add(Option(args, "--json"));
        }
        Assert.Equal(Enumerable.Range(1, matrix.Count).Select(k => new Shard(k, matrix.Count)), shards);

        var mergeJob = At(workflow, "jobs", "merge");
        Assert.Equal("shard", Text(At(mergeJob, "needs")));
        var mergeArgs = ValidInvocation(Runs(mergeJob).Single(r => r.Contains("modelcheck merge")), "merge");
        AssertGlobReadsAll(mergeArgs, reports);
        // Both jobs install the tool the way docs/cli.md says.
        foreach (var job in new[] { shardJob, mergeJob })
            Assert.Contains(Runs(job), r => r.Contains("dotnet tool install ModelCheck") && r.Contains("--add-source"));
    }

    static IEnumerable<string> Runs(YamlNode job) =>
        ((YamlSequenceNode)At(job, "steps")).Children.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Text(At(s, "run")));

    /// <summary>The arguments of the `modelcheck` command in a shell line, which must parse without errors as <paramref name="verb"/>.</summary>
    static string[] ValidInvocation(string shell, string verb)
    {
        var words = Shell.Words(shell);
        int program = words.FindIndex(w => w == "modelcheck" || w.EndsWith("/modelcheck", StringComparison.Ordinal));
        Assert.True(program >= 0, $"no modelcheck command in: {shell}");
        var args = words.Skip(program + 1).ToArray();
        Assert.Equal(verb, args[0]);
        var parse = CommandLine.Parse(args);
        Assert.True(parse.Errors.Count == 0, $"`modelcheck {string.Join(" ", args)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        if (verb == "test")
        {
            // The parser takes any word for a scenario pattern (a misspelt option too): each must name built-in scenarios.
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue<string[]>("scenarios") ?? []);
            Assert.Null(assembly);
            Assert.NotEmpty(ScenarioSource.Select(ScenarioSource.Load(null), patterns));
        }
        return args;
    }

    static string Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        Assert.True(at >= 0 && at + 1 < args.Length, $"{name} is not given");
        return args[at + 1];
    }

    // The merge step's file arguments are globs the shell expands: together they must match every shard's report.
    static void AssertGlobReadsAll(string[] mergeArgs, IReadOnlyList<string> reports)
    {
        var globs = mergeArgs.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(globs);
        var patterns = globs.Select(g => new Regex("^" + Regex.Escape(g).Replace(@"\*", "[^/]*") + "$")).ToList();
        foreach (var report in reports)
            Assert.True(patterns.Any(p => p.IsMatch(report)), $"merge {string.Join(" ", globs)} does not read {report}");
    }
}
