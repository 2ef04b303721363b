using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ModelCheck.Tests.Unit.Input;

/// <summary>
/// Hostile input, generated: FsCheck mutates the valid example of each of the four file kinds (byte flips,
/// truncations, deleted and duplicated fields, values of the wrong type, huge and negative numbers, deep
/// nesting, lone surrogates) and the command that reads it runs in this process. Whatever the bytes, the
/// exit code is 0, 1, 2 or 3; exit 2 is exactly one line of at most 300 characters; nothing prints a stack
/// trace or an internal error. MODELCHECK_FUZZ_CASES=10000 runs a longer campaign.
/// </summary>
public sealed class InputFuzzProperty
{
    enum Mutation { FlipByte, Truncate, DeleteField, DuplicateField, WrongType, ExtremeNumber, DeepNesting, LoneSurrogate }

    sealed record Case(string Kind, (Mutation Kind, int Where, int What)[] Mutations)
    {
        public override string ToString() => $"{Kind}: {string.Join(", ", Mutations.Select(m => $"{m.Kind}@{m.Where}/{m.What}"))}";
    }

    static readonly Gen<Case> Cases =
        from kind in Gen.Elements(InputKinds.All)
        from count in Gen.Choose(1, 4)
        from mutations in (
            from m in Gen.Elements(Enum.GetValues<Mutation>())
            from at in Gen.Choose(0, 1 << 20)
            from what in Gen.Choose(0, 1 << 20)
            select (m, at, what)).ArrayOf(count)
        select new Case(kind, mutations);

    static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("MODELCHECK_FUZZ_CASES"), out int n) && n > 0 ? n : 1500;

    [Fact]
    public void Mutated_inputs_of_all_four_kinds_get_a_verdict_or_one_line()
    {
        using var dir = new TempDirectory();
        var valid = InputKinds.All.ToDictionary(k => k, InputKinds.Valid);
        int file = 0;
        var config = Config.QuickThrowOnFailure.WithMaxTest(CaseCount)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(13UL, 13UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Arb.From(Cases), c =>
        {
            var path = Path.Combine(dir.Path, $"case{file++}.json");
            File.WriteAllBytes(path, Mutate(valid[c.Kind], c.Mutations));
            var outcome = InputKinds.Read(c.Kind, path, dir["traces"]);
            return Acceptable(outcome) ? true : throw new Xunit.Sdk.XunitException($"{c}\n{File.ReadAllText(path)}\n{outcome}");
        }));
    }

    static bool Acceptable(Cli.Outcome outcome)
    {
        if (outcome.Exit is not (0 or 1 or 2 or 3)) return false;
        if ((outcome.Out + outcome.Err).Contains("   at ") || outcome.Err.Contains("internal error")) return false;
        if (outcome.Exit != 2) return true;
        var lines = outcome.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 1 && lines[0].Length <= 300 && lines[0].StartsWith("modelcheck: ", StringComparison.Ordinal);
    }

    static byte[] Mutate(string text, (Mutation Kind, int Where, int What)[] mutations)
    {
        // Structural mutations edit the JSON tree; the raw text some need (a repeated key, a lone surrogate)
        // goes in as a marker string that is replaced after serialising.
        var raw = new Dictionary<string, string>();
        var root = JsonNode.Parse(text)!;
        foreach (var (kind, where, what) in mutations.Where(m => m.Kind is not (Mutation.FlipByte or Mutation.Truncate)))
        {
            var nodes = Walk(root).ToList();
            var (node, parent, key) = nodes[where % nodes.Count];
            string marker = $"\u0001{raw.Count}";
            switch (kind)
            {
                case Mutation.DeleteField when parent is JsonObject o && key is string name:
                    o.Remove(name);
                    break;
                case Mutation.DuplicateField when parent is JsonObject o && key is string name:
                    o[marker] = node?.DeepClone();
                    raw[$"\"{Escaped(marker)}\""] = JsonSerializer.Serialize(name);
                    break;
                case Mutation.WrongType:
                    Replace(root, parent, key, (what % 6) switch
                    {
                        0 => JsonValue.Create("text"),
                        1 => JsonValue.Create(7),
                        2 => JsonValue.Create(true),
                        3 => null,
                        4 => new JsonArray(JsonValue.Create(1), new JsonObject { ["a"] = "b" }),
                        _ => new JsonObject { ["x"] = new JsonArray() },
                    }, ref root);
                    break;
                case Mutation.ExtremeNumber:
                    string[] numbers = ["-1", "0", "-2147483649", "2147483648", "9223372036854775808", "18446744073709551616", "1e308", "-1e400", "1.5", "99999999999999999999999999"];
                    Replace(root, parent, key, JsonValue.Create(marker), ref root);
                    raw[$"\"{Escaped(marker)}\""] = numbers[what % numbers.Length];
                    break;
                case Mutation.DeepNesting:
                    int depth = 8 + what % 200;
                    Replace(root, parent, key, JsonValue.Create(marker), ref root);
                    raw[$"\"{Escaped(marker)}\""] = new string('[', depth) + "1" + new string(']', depth);
                    break;
                case Mutation.LoneSurrogate:
                    Replace(root, parent, key, JsonValue.Create(marker), ref root);
                    raw[$"\"{Escaped(marker)}\""] = what % 2 == 0 ? "\"a\\ud800b\"" : "\"\\udfff\"";
                    break;
            }
        }
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        foreach (var (markerText, replacement) in raw) json = json.Replace(markerText, replacement);
        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var (kind, where, what) in mutations)
        {
            if (kind == Mutation.FlipByte && bytes.Length > 0) bytes[where % bytes.Length] ^= (byte)(1 << (what % 8));
            if (kind == Mutation.Truncate) bytes = bytes[..(where % (bytes.Length + 1))];
        }
        return bytes;
    }

    static string Escaped(string marker) => "\\u0001" + marker[1..];

    static void Replace(JsonNode root, JsonNode? parent, object? key, JsonNode? value, ref JsonNode rootRef)
    {
        switch (parent, key)
        {
            case (JsonObject o, string name): o[name] = value; break;
            case (JsonArray a, int index): a[index] = value; break;
            default: rootRef = value ?? JsonValue.Create(0); break;
        }
    }

    /// <summary>Every node in document order with its parent and its key (a property name or an index); the root has neither.</summary>
    static IEnumerable<(JsonNode? Node, JsonNode? Parent, object? Key)> Walk(JsonNode root)
    {
        var stack = new Stack<(JsonNode?, JsonNode?, object?)>();
        stack.Push((root, null, null));
        while (stack.Count > 0)
        {
            var (node, parent, key) = stack.Pop();
            yield return (node, parent, key);
            if (node is JsonObject o)
                foreach (var p in o.Reverse()) stack.Push((p.Value, o, p.Key));
            else if (node is JsonArray a)
                for (int i = a.Count - 1; i >= 0; i--) stack.Push((a[i], a, i));
        }
    }
}
