using System.Text.Json;
using ModelCheck.Engine;

namespace ModelCheck.Models.Litmus;

/// <summary>
/// Reads litmus tests from JSON: one test object or an array of them (the format is in docs/memory-models.md).
/// Anything malformed is one <see cref="LitmusFormatException"/> naming the file, the test and the field,
/// such as <c>mp.json: test 'MP': threads[1][0].order: unknown order 'weak' (sc, acq_rel, release, acquire, relaxed or plain)</c>.
/// Unknown extra fields are ignored.
/// </summary>
public static class LitmusParser
{
    public static IReadOnlyList<LitmusTest> Load(string path) =>
        Parse(InputFile.ReadText(path, message => new LitmusFormatException(message)), path);

    public static IReadOnlyList<LitmusTest> Parse(string text, string source)
    {
        using (var document = InputFile.ParseJson(text, source, message => new LitmusFormatException(message)))
        {
            var root = document.RootElement;
            var tests = new List<LitmusTest>();
            if (root.ValueKind == JsonValueKind.Object) tests.Add(new Reader(source, 0).Test(root));
            else if (root.ValueKind == JsonValueKind.Array)
                foreach (var element in root.EnumerateArray())
                    tests.Add(new Reader(source, tests.Count).Test(element));
            else throw new LitmusFormatException($"{source}: must be a litmus test object or an array of them");
            if (tests.Count == 0) throw new LitmusFormatException($"{source}: holds no litmus test");
            var duplicate = tests.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new LitmusFormatException($"{source}: two tests are named '{duplicate.Key}'");
            return tests;
        }
    }

    static readonly (string Name, MemoryOrder Order)[] Orders =
    [
        ("sc", MemoryOrder.SeqCst), ("acq_rel", MemoryOrder.AcqRel), ("release", MemoryOrder.Release),
        ("acquire", MemoryOrder.Acquire), ("relaxed", MemoryOrder.Relaxed), ("plain", MemoryOrder.Plain),
    ];

    /// <summary>Reads one test, knowing its position so errors can name it before its name is known.</summary>
    sealed class Reader(string source, int position)
    {
        string test = $"test {position + 1}";
        readonly List<string> locations = [];
        readonly List<string> registers = [];
        readonly List<int> registerThreads = [];

        public LitmusTest Test(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Error("", "must be a JSON object");
            var name = String(e, "name");
            test = $"test '{name}'";
            foreach (var (location, i) in Array(e, "locations").Select((l, i) => (l, i)))
            {
                var field = $"locations[{i}]";
                if (location.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(location.GetString())) throw Error(field, "must be a location name");
                if (locations.Contains(location.GetString()!)) throw Error(field, $"location '{location.GetString()}' is declared twice");
                locations.Add(location.GetString()!);
            }
            if (locations.Count == 0) throw Error("locations", "must declare at least one location");
            var initial = new int[locations.Count];
            if (e.TryGetProperty("initial", out var init))
            {
                if (init.ValueKind != JsonValueKind.Object) throw Error("initial", "must be an object of location: value");
                foreach (var p in init.EnumerateObject())
                    initial[Location(p.Name, $"initial.{p.Name}")] = Int(p.Value, $"initial.{p.Name}");
            }
            var threads = new List<IReadOnlyList<LitmusOp>>();
            foreach (var (thread, t) in Array(e, "threads").Select((x, i) => (x, i)))
            {
                if (thread.ValueKind != JsonValueKind.Array) throw Error($"threads[{t}]", "must be an array of operations");
                var ops = new List<LitmusOp>();
                foreach (var op in thread.EnumerateArray()) ops.Add(Op(op, t, $"threads[{t}][{ops.Count}]"));
                if (ops.Count == 0) throw Error($"threads[{t}]", "has no operations");
                threads.Add(ops);
            }
            if (threads.Count == 0) throw Error("threads", "must hold at least one thread");
            var (text, atoms) = Condition(e);
            return new LitmusTest(name, locations, initial, threads, registers, text, atoms, Expected(e), OptionalString(e, "source"));
        }

        LitmusOp Op(JsonElement e, int thread, string field)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Error(field, "must be an operation object");
            var op = String(e, "op", field);
            switch (op)
            {
                case "store":
                    return new LitmusOp(LitmusOpKind.Store, Location(String(e, "loc", field), field + ".loc"), Int(e, "value", field), -1,
                        Order(e, field, allowed: o => !o.Acquires() || o == MemoryOrder.SeqCst, "a store cannot be acquire or acq_rel"));
                case "load":
                    return new LitmusOp(LitmusOpKind.Load, Location(String(e, "loc", field), field + ".loc"), 0, Register(e, thread, field, required: true),
                        Order(e, field, allowed: o => !o.Releases() || o == MemoryOrder.SeqCst, "a load cannot be release or acq_rel"));
                case "fence":
                    return new LitmusOp(LitmusOpKind.Fence, -1, 0, -1,
                        Order(e, field, allowed: o => o is not (MemoryOrder.Plain or MemoryOrder.Relaxed), "a fence is sc, acq_rel, release or acquire"));
                case "rmw":
                    var kind = String(e, "kind", field) switch
                    {
                        "fetch_add" => LitmusOpKind.FetchAdd,
                        "exchange" => LitmusOpKind.Exchange,
                        var other => throw Error(field + ".kind", $"unknown read-modify-write '{other}' (fetch_add or exchange)"),
                    };
                    return new LitmusOp(kind, Location(String(e, "loc", field), field + ".loc"), Int(e, "value", field),
                        Register(e, thread, field, required: kind == LitmusOpKind.Exchange),
                        Order(e, field, allowed: o => o.IsAtomic(), "a read-modify-write is atomic: not plain"));
                default:
                    throw Error(field + ".op", $"unknown op '{op}' (store, load, fence or rmw)");
            }
        }

        MemoryOrder Order(JsonElement e, string field, Func<MemoryOrder, bool> allowed, string rule)
        {
            var name = String(e, "order", field);
            foreach (var (n, order) in Orders)
                if (n == name) return allowed(order) ? order : throw Error(field + ".order", $"order '{name}' is not allowed here: {rule}");
            throw Error(field + ".order", $"unknown order '{name}' (sc, acq_rel, release, acquire, relaxed or plain)");
        }

        int Register(JsonElement e, int thread, string field, bool required)
        {
            if (!e.TryGetProperty("reg", out var reg))
                return required ? throw Error(field + ".reg", "is missing") : -1;
            if (reg.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(reg.GetString())) throw Error(field + ".reg", "must be a register name");
            var name = reg.GetString()!;
            if (registers.Contains(name)) throw Error(field + ".reg", $"register '{name}' is loaded twice (register names are unique across the test)");
            registers.Add(name);
            registerThreads.Add(thread);
            return registers.Count - 1;
        }

        (string Text, List<LitmusAtom> Atoms) Condition(JsonElement e)
        {
            if (!e.TryGetProperty("condition", out var c) || c.ValueKind != JsonValueKind.Object) throw Error("condition", "is missing or not an object");
            var quantifier = String(c, "quantifier", "condition");
            if (quantifier != "exists") throw Error("condition.quantifier", $"unknown quantifier '{quantifier}' (only exists)");
            var text = String(c, "text", "condition");
            var atoms = new List<LitmusAtom>();
            foreach (var (atom, i) in Array(c, "atoms", "condition").Select((a, i) => (a, i)))
            {
                var field = $"condition.atoms[{i}]";
                if (atom.ValueKind != JsonValueKind.Object) throw Error(field, "must be an object");
                int value = Int(atom, "value", field);
                if (atom.TryGetProperty("reg", out _))
                {
                    var name = String(atom, "reg", field);
                    int thread = Int(atom, "thread", field);
                    int index = registers.IndexOf(name);
                    if (index < 0) throw Error(field + ".reg", $"register '{name}' is never loaded");
                    if (registerThreads[index] != thread)
                        throw Error(field + ".thread", $"register '{name}' is loaded by thread {registerThreads[index]}, not thread {thread}");
                    atoms.Add(new LitmusAtom(index, -1, value));
                }
                else if (atom.TryGetProperty("loc", out _))
                {
                    if (!atom.TryGetProperty("final", out var final) || final.ValueKind != JsonValueKind.True)
                        throw Error(field + ".final", "a location atom must say \"final\": true");
                    atoms.Add(new LitmusAtom(-1, Location(String(atom, "loc", field), field + ".loc"), value));
                }
                else throw Error(field, "needs either \"reg\" and \"thread\", or \"loc\" and \"final\"");
            }
            if (atoms.Count == 0) throw Error("condition.atoms", "must hold at least one atom");
            return (text, atoms);
        }

        Dictionary<MemoryModel, LitmusVerdict> Expected(JsonElement e)
        {
            var expected = new Dictionary<MemoryModel, LitmusVerdict>();
            if (!e.TryGetProperty("expected", out var x)) return expected;
            if (x.ValueKind != JsonValueKind.Object) throw Error("expected", "must be an object of model: verdict");
            foreach (var p in x.EnumerateObject())
            {
                if (!MemoryModelNames.TryParse(p.Name, out var model)) throw Error($"expected.{p.Name}", $"unknown memory model (must be {MemoryModelNames.Choices})");
                expected[model] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() switch
                {
                    "allowed" => LitmusVerdict.Allowed,
                    "forbidden" => LitmusVerdict.Forbidden,
                    _ => throw Error($"expected.{p.Name}", "must be \"allowed\" or \"forbidden\""),
                } : throw Error($"expected.{p.Name}", "must be \"allowed\" or \"forbidden\"");
            }
            return expected;
        }

        int Location(string name, string field)
        {
            int index = locations.IndexOf(name);
            return index >= 0 ? index : throw Error(field, $"location '{name}' is not declared in 'locations'");
        }

        string String(JsonElement e, string name, string parent = "")
        {
            var field = Join(parent, name);
            if (!e.TryGetProperty(name, out var v)) throw Error(field, "is missing");
            return v.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(v.GetString()) ? v.GetString()! : throw Error(field, "must be a non-empty string");
        }

        string? OptionalString(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error(name, "must be a string")) : null;

        int Int(JsonElement e, string name, string parent)
        {
            var field = Join(parent, name);
            return e.TryGetProperty(name, out var v) ? Int(v, field) : throw Error(field, "is missing");
        }

        int Int(JsonElement v, string field) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : throw Error(field, $"must be an integer, not {InputFile.Show(v)}");

        IEnumerable<JsonElement> Array(JsonElement e, string name, string parent = "")
        {
            var field = Join(parent, name);
            if (!e.TryGetProperty(name, out var v)) throw Error(field, "is missing");
            return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw Error(field, "must be an array");
        }

        static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

        LitmusFormatException Error(string field, string problem) =>
            new(field.Length == 0 ? $"{source}: {test}: {problem}" : $"{source}: {test}: {field}: {problem}");
    }
}

/// <summary>A litmus file is unreadable or malformed; the message names the file, the test and the field.</summary>
public sealed class LitmusFormatException(string message) : Exception(message);
