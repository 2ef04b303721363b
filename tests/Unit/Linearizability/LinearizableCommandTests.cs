using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>`modelcheck linearizable FILE`: exit 0, 1 with the witness, or 2 with one line naming the problem.</summary>
public sealed class LinearizableCommandTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("modelcheck-histories-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    (int Exit, string Out, string Err) Run(string json)
    {
        var path = Path.Combine(directory, "history.json");
        File.WriteAllText(path, json);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLine.Run(["linearizable", path], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_linearizable_register_history_exits_0()
    {
        var (exit, output, _) = Run("""
            {"spec": "register", "operations": [
              {"client": 0, "op": "write", "args": [4], "call": 2, "return": 9, "result": null},
              {"client": 1, "op": "read", "args": [], "call": 3, "return": 5, "result": 4},
              {"client": 2, "op": "cas", "args": [4, 5], "call": 10, "return": null},
              {"client": 1, "op": "read", "args": [], "call": 11, "return": 12, "result": 4}
            ]}
            """);
        Assert.Equal(0, exit);
        Assert.Equal("linearizable: 4 operations in 1 independent part\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_non_linearizable_map_history_exits_1_with_the_witness()
    {
        var (exit, output, _) = Run("""
            {"spec": "map", "operations": [
              {"client": 0, "op": "Store", "args": ["k1", 1], "call": 1, "return": 3, "result": null},
              {"client": 1, "op": "Load", "args": ["k1"], "call": 4, "return": 6, "result": null},
              {"client": 1, "op": "LoadOrStore", "args": ["k2", 7], "call": 7, "return": 8, "result": [7, false]}
            ]}
            """);
        Assert.Equal(1, exit);
        Assert.Equal(
            """
            not linearizable: no order of these 2 operations on key k1 that respects real time explains their results
              task  operation     result  call  return  timeline
              0     Store(k1, 1)             1       3  [-]
              1     Load(k1)      absent     4       6      [-]

            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"spec": "queue", "operations": []}""", "unknown spec 'queue'")]
    [InlineData("""{"spec": "map"}""", "missing field 'operations'")]
    [InlineData("""{"spec": "map", "operations": [], "extra": 1}""", "unknown field 'extra'")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Load", "args": ["k"], "call": 1}]}""", "missing field 'return'")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Lod", "args": ["k"], "call": 1, "return": 2}]}""", "has no operation 'Lod'")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Load", "args": [], "call": 1, "return": 2}]}""", "takes 1 argument, got 0")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Load", "args": ["k"], "call": 5, "return": 2}]}""", "before its call")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Load", "args": ["k"], "call": 1.5, "return": 2}]}""", "'call' must be an integer")]
    [InlineData("""{"spec": "map", "operations": [{"client": -1, "op": "Load", "args": ["k"], "call": 1, "return": 2}]}""", "'client' must be a non-negative integer")]
    [InlineData("""{"spec": "map", "operations": [{"client": 0, "op": "Load", "args": [{"a": 1}], "call": 1, "return": 2}]}""", "values must be")]
    [InlineData("""{"spec": "register", "operations": [{"client": 0, "op": "cas", "args": [1, 2], "call": 1, "return": 2, "result": 1}]}""", "returns true or false")]
    [InlineData("""{"spec": "register", "operations": [{"client": 0, "op": "write", "args": [1], "call": 1, "return": 2, "result": 1}]}""", "must be null")]
    public void Malformed_input_exits_2_with_one_line(string json, string problem)
    {
        var (exit, output, error) = Run(json);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("modelcheck: ", lines[0]);
        Assert.Contains(problem, lines[0]);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["linearizable", Path.Combine(directory, "absent.json")], output, error));
        Assert.Contains("not found", error.ToString());
    }
}
