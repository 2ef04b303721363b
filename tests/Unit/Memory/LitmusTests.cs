using ModelCheck.Cli;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>The catalogue's published verdicts, the litmus verb's output and its answers to malformed files.</summary>
public sealed class LitmusTests
{
    public static TheoryData<string, MemoryModel> CatalogueCases()
    {
        var data = new TheoryData<string, MemoryModel>();
        foreach (var test in LitmusCatalogue.All)
            foreach (var model in Enum.GetValues<MemoryModel>())
                data.Add(test.Name, model);
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogueCases))]
    public void Every_catalogue_verdict_matches_the_published_one(string name, MemoryModel model)
    {
        var test = LitmusCatalogue.Find(name)!;
        Assert.True(test.Expected.ContainsKey(model), $"{name} states no published verdict under {model.ToName()}");
        Assert.False(string.IsNullOrWhiteSpace(test.Source), $"{name} cites no source");
        var result = LitmusExplorer.Run(test, model);
        Assert.True(result.Complete, $"{name} under {model.ToName()}: incomplete after {result.Executions} executions");
        Assert.True(result.MatchesExpectation,
            $"{name} under {model.ToName()}: {result.Verdict.ToName()}, published {result.Expected?.ToName()}; outcomes {string.Join(", ", result.Outcomes.Select(o => $"{o.Text} x{o.Count}"))}");
    }

    [Fact]
    public void The_catalogue_covers_the_standard_families_and_their_variants()
    {
        var names = LitmusCatalogue.All.Select(t => t.Name).ToHashSet();
        foreach (var family in new[] { "CoRR", "CoWW", "CoRW1", "CoRW2", "CoWR", "SB", "MP", "LB", "IRIW", "WRC", "ISA2", "2+2W", "R", "S" })
        {
            Assert.Contains(family, names);
            Assert.Contains(family + "+sc", names);
        }
        foreach (var variant in new[] { "SB+fences", "SB+rel+acq", "MP+rel+acq", "MP+fences", "IRIW+fences", "IRIW+rel+acq", "WRC+rel+acq", "ISA2+rel+acq", "2+2W+rel", "R+fences", "S+rel+acq", "LB+acq+rel" })
            Assert.Contains(variant, names);
    }

    [Fact]
    public void The_issue_examples_have_their_published_verdicts()
    {
        var verdicts = new[] { "MP", "SB", "SB+sc" }.ToDictionary(n => n, n => Enum.GetValues<MemoryModel>().Select(m => LitmusExplorer.Run(LitmusCatalogue.Find(n)!, m).Verdict.ToName()).ToArray());
        Assert.Equal(["forbidden", "forbidden", "allowed"], verdicts["MP"]);
        Assert.Equal(["forbidden", "allowed", "allowed"], verdicts["SB"]);
        Assert.Equal(["forbidden", "forbidden", "forbidden"], verdicts["SB+sc"]);
    }

    const string Mp = """
        {"name": "MP", "locations": ["x", "y"], "initial": {"x": 0, "y": 0},
         "threads": [
           [{"op": "store", "loc": "x", "value": 1, "order": "relaxed"}, {"op": "store", "loc": "y", "value": 1, "order": "relaxed"}],
           [{"op": "load", "loc": "y", "reg": "r0", "order": "relaxed"}, {"op": "load", "loc": "x", "reg": "r1", "order": "relaxed"}]],
         "condition": {"quantifier": "exists", "text": "r0==1 && r1==0",
           "atoms": [{"reg": "r0", "thread": 1, "value": 1}, {"reg": "r1", "thread": 1, "value": 0}]},
         "comment": "unknown fields are ignored"}
        """;

    [Fact]
    public void Json_output_has_the_issue_fields_and_counts_every_execution()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("litmus", dir.File("mp.json", Mp), "--memory", "ra", "--json");
        Assert.True(outcome.Exit == CommandLine.Ok, outcome.ToString());
        var item = System.Text.Json.Nodes.JsonNode.Parse(outcome.Out)!.AsArray().Single()!.AsObject();
        Assert.Equal("MP", (string)item["name"]!);
        Assert.Equal("ra", (string)item["memory"]!);
        Assert.Equal("allowed", (string)item["verdict"]!);
        Assert.True((bool)item["complete"]!);
        var outcomes = item["outcomes"]!.AsArray();
        Assert.Equal(4, outcomes.Count);
        Assert.Equal((int)item["executions"]!, outcomes.Sum(o => (int)o!["count"]!));
        Assert.Equal("r0=1; r1=0", (string)outcomes.Single(o => (bool)o!["satisfies"]!)!["outcome"]!);
    }

    [Fact]
    public void Text_output_is_deterministic_and_runs_every_model_by_default()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mp.json", Mp);
        var first = Cli.Run("litmus", path);
        Assert.Equal(first.Out, Cli.Run("litmus", path).Out);
        Assert.Contains("MP under sc: forbidden\n", first.Out);
        Assert.Contains("MP under tso: forbidden\n", first.Out);
        Assert.Contains("MP under ra: allowed\n", first.Out);
        Assert.Contains("r0=1; r1=0", first.Out);
    }

    [Fact]
    public void Explain_shows_which_store_each_load_read_and_what_was_buffered()
    {
        var sb = LitmusCatalogue.Find("SB")!;
        var tso = LitmusExplorer.Explain(sb, MemoryModel.Tso)!;
        Assert.True(tso.Reproduced, tso.Divergence);
        var text = StepTable.Render(tso);
        Assert.Contains("store x = 1 (relaxed) (buffered)", text);
        Assert.Contains("load y -> 0 (relaxed), reads memory: the initial value", text);
        Assert.Contains("drain x = 1 to memory", text);
        var mp = StepTable.Render(LitmusExplorer.Explain(LitmusCatalogue.Find("MP")!, MemoryModel.Ra)!);
        Assert.Contains("load y -> 1 (relaxed), reads P0's store at step", mp);
        Assert.Contains("load x -> 0 (relaxed), reads the initial value", mp);
        Assert.Null(LitmusExplorer.Explain(LitmusCatalogue.Find("MP")!, MemoryModel.Tso));
    }

    [Fact]
    public void A_published_verdict_that_does_not_hold_exits_1()
    {
        using var dir = new TempDirectory();
        var wrong = Mp.Replace("\"comment\"", "\"expected\": {\"ra\": \"forbidden\"}, \"comment\"");
        var outcome = Cli.Run("litmus", dir.File("mp.json", wrong), "--memory", "ra");
        Assert.Equal(CommandLine.Failed, outcome.Exit);
        Assert.Contains("MP under ra: allowed  MISMATCH (published: forbidden)", outcome.Out);
    }

    [Theory]
    [InlineData("{\"name\": ", "not valid JSON")]
    [InlineData("42", "must be a litmus test object or an array of them")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "lod", "loc": "x", "reg": "r0", "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].op: unknown op 'lod' (store, load, fence or rmw)")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "load", "loc": "x", "reg": "r0", "order": "weak"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].order: unknown order 'weak' (sc, acq_rel, release, acquire, relaxed or plain)")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "load", "loc": "y", "reg": "r0", "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].loc: location 'y' is not declared in 'locations'")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "load", "loc": "x", "reg": "r0", "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "r9==1", "atoms": [{"reg": "r9", "thread": 0, "value": 1}]}}""",
        "test 'T': condition.atoms[0].reg: register 'r9' is never loaded")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "load", "loc": "x", "reg": "r0", "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "r0==1", "atoms": [{"reg": "r0", "thread": 1, "value": 1}]}}""",
        "test 'T': condition.atoms[0].thread: register 'r0' is loaded by thread 0, not thread 1")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "load", "loc": "x", "reg": "r0", "order": "relaxed"}, {"op": "load", "loc": "x", "reg": "r0", "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][1].reg: register 'r0' is loaded twice")]
    [InlineData("""{"name": "T", "locations": ["x"], "initial": {"z": 1}, "threads": [], "condition": {}}""",
        "test 'T': initial.z: location 'z' is not declared in 'locations'")]
    [InlineData("""{"locations": ["x"]}""", "test 1: name: is missing")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "store", "loc": "x", "value": 1, "order": "acquire"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].order: order 'acquire' is not allowed here: a store cannot be acquire or acq_rel")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "rmw", "kind": "cas", "loc": "x", "value": 1, "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].kind: unknown read-modify-write 'cas' (fetch_add or exchange)")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "rmw", "kind": "exchange", "loc": "x", "value": 1, "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "", "atoms": []}}""",
        "test 'T': threads[0][0].reg: is missing")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "store", "loc": "x", "value": 1, "order": "relaxed"}]], "condition": {"quantifier": "forall", "text": "", "atoms": []}}""",
        "test 'T': condition.quantifier: unknown quantifier 'forall' (only exists)")]
    [InlineData("""{"name": "T", "locations": ["x"], "threads": [[{"op": "store", "loc": "x", "value": 1, "order": "relaxed"}]], "condition": {"quantifier": "exists", "text": "x==1", "atoms": [{"loc": "x", "value": 1}]}}""",
        "test 'T': condition.atoms[0].final: a location atom must say \"final\": true")]
    public void A_malformed_file_is_one_line_naming_the_test_and_field_and_exit_2(string json, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.json", json);
        var outcome = Cli.Run("litmus", path);
        Assert.Equal(CommandLine.BadInput, outcome.Exit);
        Assert.Equal("", outcome.Out);
        var line = Assert.Single(outcome.ErrLines);
        Assert.StartsWith($"modelcheck: {path}: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void Missing_files_and_bad_models_are_usage_errors()
    {
        Assert.Equal(CommandLine.BadInput, Cli.Run("litmus").Exit);
        Assert.Equal(CommandLine.BadInput, Cli.Run("litmus", "/nonexistent/t.json").Exit);
        var outcome = Cli.Run("litmus", "--catalogue", "--memory", "power");
        Assert.Equal(CommandLine.BadInput, outcome.Exit);
        Assert.Equal("modelcheck: --memory must be one of sc, tso or ra, not 'power'", Assert.Single(outcome.ErrLines));
    }

    [Fact]
    public void An_incomplete_exploration_never_says_forbidden()
    {
        // The probe's CoRR with 11 stores in one thread ran 186 s under tso, ran out of budget, and still
        // printed "forbidden" and exit 0. With nothing satisfying the condition and the space unfinished,
        // the verdict is unknown, exit 3, and it contradicts no published verdict.
        var stores = string.Join(", ", Enumerable.Range(1, 11).Select(v => $"{{\"op\": \"store\", \"loc\": \"x\", \"value\": {v}, \"order\": \"relaxed\"}}"));
        var corr = $$$"""
            {"name": "CoRR11", "locations": ["x"], "threads": [[{{{stores}}}],
              [{"op": "load", "loc": "x", "reg": "r0", "order": "relaxed"}, {"op": "load", "loc": "x", "reg": "r1", "order": "relaxed"}]],
             "condition": {"quantifier": "exists", "text": "r0==2 && r1==1", "atoms": [{"reg": "r0", "thread": 1, "value": 2}, {"reg": "r1", "thread": 1, "value": 1}]},
             "expected": {"tso": "forbidden"}}
            """;
        using var dir = new TempDirectory();
        var path = dir.File("corr.json", corr);
        var outcome = Cli.Run("litmus", path, "--memory", "tso", "--max-executions", "50");
        Assert.True(outcome.Exit == 3, outcome.ToString());
        Assert.StartsWith("CoRR11 under tso: unknown  (published: forbidden)\n", outcome.Out);
        Assert.Contains("incomplete: the budget ran out before a verdict", outcome.Out);
        Assert.DoesNotContain("MISMATCH", outcome.Out);
        var json = Cli.Run("litmus", path, "--memory", "tso", "--max-executions", "50", "--json");
        Assert.Contains("\"verdict\": \"unknown\"", json.Out);
    }
}
