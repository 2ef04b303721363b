using System.Text.Json;
using ModelCheck.Engine;

namespace ModelCheck.Models.Linearizability;

/// <summary>A history file that cannot be read: the message names the file and the problem, on one line.</summary>
public sealed class HistoryFormatException(string message) : Exception(message);

/// <summary>
/// Reads recorded histories from real systems:
/// <c>{"spec": "register"|"map", "operations": [{"client": 0, "op": "write", "args": [4], "call": 2, "return": 9, "result": null}, ...]}</c>.
/// call and return are integer times; "return": null marks an operation that never returned. args
/// (default []) and result (default null) hold integers, strings, booleans, null and arrays of them.
/// Every other field, and anything else out of place, is an error: a typo must not quietly change a verdict.
/// </summary>
public static class HistoryFile
{
    static readonly ISpecification[] Specifications = [MapSpecification.Instance, RegisterSpecification.Instance];

    public static (ISpecification Specification, IReadOnlyList<Operation> Operations) Load(string path)
    {
        string text = InputFile.ReadText(path, message => new HistoryFormatException(message));
        try
        {
            return Parse(text);
        }
        catch (HistoryFormatException e)
        {
            throw new HistoryFormatException($"{ErrorText.Path(path)}: {e.Message}");
        }
    }

    public static (ISpecification Specification, IReadOnlyList<Operation> Operations) Parse(string json)
    {
        using (var document = InputFile.ParseJson(json, "", message => new HistoryFormatException(message)))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new HistoryFormatException("the history must be a JSON object with 'spec' and 'operations'");
            var fields = Fields(root, "the history", ["spec", "operations"], ["spec", "operations"]);
            var specName = fields["spec"];
            if (specName.ValueKind != JsonValueKind.String)
                throw new HistoryFormatException("'spec' must be a string: \"map\" or \"register\"");
            var spec = Specifications.FirstOrDefault(s => s.Name == specName.GetString())
                ?? throw new HistoryFormatException($"unknown spec {ErrorText.Quote(specName.GetString()!)} (known: {string.Join(", ", Specifications.Select(s => s.Name))})");
            var list = fields["operations"];
            if (list.ValueKind != JsonValueKind.Array) throw new HistoryFormatException("'operations' must be an array");
            var operations = new List<Operation>();
            foreach (var element in list.EnumerateArray()) operations.Add(ReadOperation(element, operations.Count));
            if (spec.Validate(operations) is { } problem) throw new HistoryFormatException(problem);
            if (Overlap(operations) is { } overlap) throw new HistoryFormatException(overlap);
            return (spec, operations);
        }
    }

    /// <summary>
    /// A client is sequential: it calls its next operation only after the last one returned (at the same
    /// time at the earliest), and after an operation that never returned it calls nothing. Two overlapping
    /// operations of one client are a recording error, and checking them would accept orders no client ran.
    /// </summary>
    static string? Overlap(List<Operation> operations)
    {
        foreach (var client in operations.GroupBy(o => o.Client).OrderBy(g => g.Key))
        {
            Operation? previous = null;
            foreach (var op in client.OrderBy(o => o.Call).ThenBy(o => o.Id))
            {
                if (previous is not null && (previous.Return is not { } ended || op.Call < ended))
                    return $"operation {op.Id} ({ErrorText.Shorten(op.Name, 40)}): client {op.Client} calls it at {op.Call} while its operation {previous.Id} "
                        + $"({ErrorText.Shorten(previous.Name, 40)}) {(previous.Return is { } r ? $"runs until {r}" : "never returned")} (a client is sequential)";
                previous = op;
            }
        }
        return null;
    }

    static Operation ReadOperation(JsonElement element, int id)
    {
        string where = $"operation {id}";
        if (element.ValueKind != JsonValueKind.Object) throw new HistoryFormatException($"{where} must be an object");
        var f = Fields(element, where, ["client", "op", "args", "call", "return", "result"], ["client", "op", "call", "return"]);
        int client = f["client"].ValueKind == JsonValueKind.Number && f["client"].TryGetInt32(out int c) && c >= 0
            ? c : throw new HistoryFormatException($"{where}: 'client' must be a non-negative integer");
        string name = f["op"].ValueKind == JsonValueKind.String ? f["op"].GetString()! : throw new HistoryFormatException($"{where}: 'op' must be a string");
        where = $"operation {id} ({ErrorText.Shorten(name, 40)})";
        long call = Time(f["call"], where, "call") ?? throw new HistoryFormatException($"{where}: 'call' must be an integer time");
        long? ret = Time(f["return"], where, "return");
        Value[] args = [];
        if (f.TryGetValue("args", out var a))
        {
            if (a.ValueKind != JsonValueKind.Array) throw new HistoryFormatException($"{where}: 'args' must be an array");
            args = a.EnumerateArray().Select(x => ReadValue(x, where)).ToArray();
        }
        var result = f.TryGetValue("result", out var r) ? ReadValue(r, where) : Value.Null;
        return new Operation(id, client, name, args, result, call, ret);
    }

    static long? Time(JsonElement e, string where, string field) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when e.TryGetInt64(out long t) => t,
        _ => throw new HistoryFormatException($"{where}: '{field}' must be an integer time{(field == "return" ? " or null" : "")}"),
    };

    static Value ReadValue(JsonElement e, string where) => e.ValueKind switch
    {
        JsonValueKind.Null => Value.Null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number when e.TryGetInt64(out long n) => n,
        JsonValueKind.Array => Value.List(e.EnumerateArray().Select(x => ReadValue(x, where)).ToArray()),
        _ => throw new HistoryFormatException($"{where}: values must be integers, strings, booleans, null or arrays, not {InputFile.Show(e)}"),
    };

    static Dictionary<string, JsonElement> Fields(JsonElement obj, string where, string[] allowed, string[] required)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                throw new HistoryFormatException($"{where}: unknown field {ErrorText.Quote(property.Name)} (allowed: {string.Join(", ", allowed)})");
            if (!fields.TryAdd(property.Name, property.Value))
                throw new HistoryFormatException($"{where}: field '{property.Name}' appears twice");
        }
        foreach (var name in required)
            if (!fields.ContainsKey(name)) throw new HistoryFormatException($"{where}: missing field '{name}'");
        return fields;
    }
}
